/** True when running under Node.js (worker threads and V8 flags are available). */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/**
 * Imports a Node.js built-in module (`'v8'`, `'worker_threads'`), or returns undefined outside
 * Node. The specifier is built at run time and marked ignored so browser bundlers leave it alone.
 */
export async function importNodeBuiltin<T>(name: string): Promise<T | undefined> {
  if (!isNode()) return undefined;
  const specifier = `node:${name}`;
  return (await import(/* webpackIgnore: true */ /* @vite-ignore */ specifier)) as T;
}
