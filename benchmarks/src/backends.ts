import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerAllGradients } from '@layerwise/core';
import { registerWasmBackend, wasmBackendInfo, WASM_BACKEND_NAME } from '@layerwise/backend-wasm';

/** A backend configuration to benchmark. */
export interface BenchBackend {
  /** Label in the result tables. */
  readonly label: string;
  /** Makes it the active tfjs backend. */
  activate(): Promise<void>;
}

function layerwise(threads: number, relaxedSimd: boolean, simd = true): BenchBackend {
  const label = `layerwise-wasm ${simd ? (relaxedSimd ? 'relaxed-SIMD' : 'SIMD') : 'scalar'} ${threads}T`;
  return {
    label,
    async activate() {
      if (tf.findBackendFactory(WASM_BACKEND_NAME) != null) tf.removeBackend(WASM_BACKEND_NAME);
      registerWasmBackend({ threads, simd, relaxedSimd, enableV8RelaxedSimdFlag: relaxedSimd });
      if (!(await tf.setBackend(WASM_BACKEND_NAME))) throw new Error(`${label}: failed to initialise`);
      const info = wasmBackendInfo()!;
      const wantVariant = simd ? (relaxedSimd ? 'relaxedSimd' : 'simd') : 'scalar';
      if (!info.variant.startsWith(wantVariant) || info.threads !== threads) {
        throw new Error(`${label}: got ${info.variant} on ${info.threads} threads (${info.threadsNote ?? ''})`);
      }
    },
  };
}

function named(label: string, name: string): BenchBackend {
  return {
    label,
    async activate() {
      if (!(await tf.setBackend(name))) throw new Error(`${label}: failed to initialise`);
    },
  };
}

/**
 * Every configuration, in table order (the scalar build only with `scalar: true`); `--only=a,b` on
 * the command line keeps those labels containing a or b.
 */
export function benchBackends(options: { scalar?: boolean } = {}): BenchBackend[] {
  registerAllGradients();
  tf.env().set('PROD', true);
  const all = [
    named('tfjs-backend-cpu', 'cpu'),
    named('tfjs-backend-wasm (XNNPACK)', 'wasm'),
    ...(options.scalar ? [layerwise(1, false, false)] : []),
    layerwise(1, false),
    layerwise(1, true),
    layerwise(2, true),
  ];
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  return only ? all.filter((b) => only.some((o) => b.label.includes(o))) : all;
}
