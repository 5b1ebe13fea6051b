import { LayerwiseError } from '@layerwise/core';
import { importModule, probeNodeBackend, type ModuleLoader, type NodeBackendReport } from './probe.js';

/** Options of `registerNodeBackend`. */
export interface NodeBackendOptions {
  /** How `@tensorflow/tfjs-node` is imported; tests inject one to simulate its failures. */
  readonly loadModule?: ModuleLoader;
}

/**
 * Loads `@tensorflow/tfjs-node` (an optional peer: nothing in Layerwise's default install depends
 * on it), which registers tfjs-core's `'tensorflow'` backend, native TensorFlow on the CPU. Throws a
 * `LayerwiseError` saying why when it is not installed, its native library is missing, or the Node
 * version is unsupported, and what `useBackend('auto')` falls back to.
 *
 * @example
 * ```ts
 * import { useBackend } from '@layerwise/core';
 * import { probeNodeBackend } from '@layerwise/backend-node';
 *
 * const report = await probeNodeBackend();
 * console.log(report.message); // why tfjs-node is or is not used
 * await useBackend('auto');    // tfjs-node first when it loaded
 * ```
 */
export async function registerNodeBackend(options: NodeBackendOptions = {}): Promise<NodeBackendReport> {
  const report = await probeNodeBackend(options.loadModule ?? importModule);
  if (!report.available) throw new LayerwiseError(`registerNodeBackend: ${report.message}`);
  return report;
}
