import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every package builds with: ESM and CJS, declarations for both,
 * sources maps, no minification, every dependency and peer dependency left external, `node:`
 * prefixes kept.
 * A package passes only what differs (extra entries, names to bundle in).
 */
export function layerwiseConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    // Keep \`node:\` on built-in imports (tsup strips it by default): browser bundlers then know the
    // lazily imported \`node:fs/promises\` of a Node-only path is a built-in, not a package to find.
    removeNodeProtocol: false,
    ...overrides,
    external: [/^node:/, ...(overrides.external ?? [])],
  });
}
