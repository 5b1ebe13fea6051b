/**
 * The Node built-ins the file store needs. They are imported dynamically, on first use, so that
 * importing `@layerwise/datasets` in a browser bundle never pulls them in.
 */
export interface NodeModules {
  readonly fs: typeof import('node:fs/promises');
  readonly path: typeof import('node:path');
  readonly os: typeof import('node:os');
}

let loading: Promise<NodeModules | undefined> | undefined;

function runningInNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
  return typeof process?.versions?.node === 'string';
}

/** Node's `fs/promises`, `path` and `os`, or `undefined` where they are not available (browsers). */
export function loadNodeModules(): Promise<NodeModules | undefined> {
  loading ??= (async () => {
    if (!runningInNode()) return undefined;
    try {
      const [fs, path, os] = await Promise.all([
        import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:fs/promises'),
        import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:path'),
        import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:os'),
      ]);
      return { fs, path, os };
    } catch {
      return undefined;
    }
  })();
  return loading;
}
