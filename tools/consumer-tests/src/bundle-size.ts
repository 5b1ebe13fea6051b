import { build } from 'esbuild';

/** What one import costs a browser bundle, split by where the bytes come from. */
export interface BundleSize {
  /** Minified output bytes in all. */
  readonly total: number;
  /** Bytes of the output that come from `@layerwise/*` packages. */
  readonly layerwise: number;
  /** The same, per package (`'core'`, `'layers'`...). */
  readonly byPackage: Readonly<Record<string, number>>;
  /** Bytes from `@tensorflow/*` packages. */
  readonly tensorflow: number;
  /** Bytes from anything else. */
  readonly other: number;
}

/**
 * Bundles `source` (an ES module importing Layerwise packages) for browsers with esbuild, minified
 * and tree-shaken from the packages' built `dist` (their published form, not the workspace sources),
 * and reports the output size by origin from esbuild's metafile.
 */
export async function bundleSize(source: string, resolveDir: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, sourcefile: 'entry.js', resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Node built-ins are imported lazily by Node-only paths; a browser bundle leaves them out.
    external: ['node:*'],
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  let layerwise = 0;
  let tensorflow = 0;
  let other = 0;
  const byPackage: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const ours = /packages\/([^/]+)\/dist\//.exec(path) ?? /@layerwise\/([^/]+)\//.exec(path);
    if (ours) {
      layerwise += bytesInOutput;
      byPackage[ours[1]!] = (byPackage[ours[1]!] ?? 0) + bytesInOutput;
    } else if (/@tensorflow[+/]/.test(path)) tensorflow += bytesInOutput;
    else other += bytesInOutput;
  }
  return { total: output.bytes, layerwise, byPackage, tensorflow, other };
}
