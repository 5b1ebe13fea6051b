import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings. Workspace packages resolve to their TypeScript sources through the
 * `@layerwise/source` export condition, so tests need no build of their dependencies. tfjs-core's ESM files
 * under `dist/` (gradients, ops) use extension-less imports that Node cannot load, so vite
 * transforms them instead of handing them to Node.
 */
export function layerwiseTestConfig() {
  return defineConfig({
    resolve: { conditions: ['@layerwise/source'] },
    ssr: { resolve: { conditions: ['@layerwise/source'] } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 60_000,
      server: { deps: { inline: [/@tensorflow\/tfjs-core\/dist\/(?!tf-core)/] } },
    },
  });
}
