import * as tf from '@tensorflow/tfjs-core';
import type { WasmRuntimeInfo } from '../wasm/runtime.js';
import { LayerwiseWasmBackend } from './backend.js';
import { WASM_BACKEND_NAME } from './backend-name.js';

/**
 * How the layerwise-wasm backend runs (module variant, threads, detected features), or undefined
 * when it has not been initialised (`await tf.setBackend('layerwise-wasm')` first).
 */
export function wasmBackendInfo(): WasmRuntimeInfo | undefined {
  const backend = tf.engine().registry[WASM_BACKEND_NAME];
  return backend instanceof LayerwiseWasmBackend ? backend.info : undefined;
}
