import { wasmBinaries } from './binaries.generated.js';
import { decodeBase64 } from './base64.js';
import { importNodeBuiltin } from './node-builtin.js';

/** What the JavaScript engine supports, as far as this backend cares. */
export interface WasmFeatures {
  /** Fixed-width 128-bit SIMD (required). */
  readonly simd: boolean;
  /** Relaxed SIMD (`f32x4.relaxed_madd`, a fused multiply-add: 20-25% faster matrix products). */
  readonly relaxedSimd: boolean;
  /** Shared WebAssembly memory and SharedArrayBuffer, which worker threads need. */
  readonly sharedMemory: boolean;
}

/** The names of the compiled variants, as in binaries.generated.ts. */
export type WasmVariant = keyof typeof wasmBinaries;

/** Detects the features by validating the compiled variants themselves. */
export function detectFeatures(): WasmFeatures {
  return {
    simd: WebAssembly.validate(decodeBase64(wasmBinaries.simd)),
    relaxedSimd: WebAssembly.validate(decodeBase64(wasmBinaries.relaxedSimd)),
    sharedMemory: sharedMemoryAvailable(),
  };
}

function sharedMemoryAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    return memory.buffer instanceof SharedArrayBuffer;
  } catch {
    return false;
  }
}

/**
 * Turns on V8's relaxed-SIMD flag (Node 20 ships relaxed SIMD behind `--experimental-wasm-relaxed-simd`;
 * Node 22 has it on). Works only before the first relaxed module is compiled, and only in Node.
 * Returns whether the engine validates relaxed SIMD afterwards.
 */
export async function enableV8RelaxedSimd(): Promise<boolean> {
  if (WebAssembly.validate(decodeBase64(wasmBinaries.relaxedSimd))) return true;
  const v8 = await importNodeBuiltin<{ setFlagsFromString(flags: string): void }>('v8');
  if (!v8) return false;
  v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
  return WebAssembly.validate(decodeBase64(wasmBinaries.relaxedSimd));
}

/** Chooses the variant to load: relaxed when allowed and supported, shared when threads run. */
export function chooseVariant(features: WasmFeatures, useRelaxed: boolean, shared: boolean): WasmVariant {
  const relaxed = useRelaxed && features.relaxedSimd;
  if (shared) return relaxed ? 'relaxedSimdShared' : 'simdShared';
  return relaxed ? 'relaxedSimd' : 'simd';
}
