/**
 * How many threads the backend should use by default: every core the runtime reports
 * (`os.availableParallelism()` in Node, `navigator.hardwareConcurrency` in browsers), capped at
 * `max`, and 1 where neither is known. Threads beyond one also need SharedArrayBuffer; without it
 * the backend runs on one thread whatever this says (see `wasmBackendInfo().threadsNote`).
 */
export async function defaultThreadCount(max = 8): Promise<number> {
  const fromNavigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  let cores = typeof fromNavigator === 'number' && fromNavigator > 0 ? fromNavigator : 0;
  const processLike = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (cores === 0 && processLike?.versions?.node) {
    const os = await import('node:os');
    cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  return Math.max(1, Math.min(max, cores || 1));
}
