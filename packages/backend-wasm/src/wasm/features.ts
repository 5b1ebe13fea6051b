import { wasmBinaries } from './binaries.generated.js';
import { decodeBase64 } from './base64.js';
import { importNodeBuiltin } from './node-builtin.js';

/** What the JavaScript engine supports, as far as this backend cares. */
export interface WasmFeatures {
  /** WebAssembly 1.0 (required: the scalar build runs on it). */
  readonly webAssembly: boolean;
  /** Fixed-width 128-bit SIMD (4 floats per instruction; without it the scalar build runs). */
  readonly simd: boolean;
  /** Relaxed SIMD (`f32x4.relaxed_madd`, a fused multiply-add: 20-25% faster matrix products). */
  readonly relaxedSimd: boolean;
  /** Shared WebAssembly memory and SharedArrayBuffer, which worker threads and resident tensors need. */
  readonly sharedMemory: boolean;
}

/** The names of the compiled variants, as in binaries.generated.ts. */
export type WasmVariant = keyof typeof wasmBinaries;

/** Detects the features by validating the compiled variants themselves. */
export function detectFeatures(): WasmFeatures {
  const validates = (variant: WasmVariant) => typeof WebAssembly === 'object' && WebAssembly.validate(decodeBase64(wasmBinaries[variant]));
  return {
    webAssembly: validates('scalar'),
    simd: validates('simd'),
    relaxedSimd: validates('relaxedSimd'),
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

/** What the caller allows, for {@link chooseVariant}. */
export interface VariantChoice {
  /** Use SIMD when the engine has it (false forces the scalar build). */
  readonly simd: boolean;
  /** Use relaxed SIMD when the engine has it. */
  readonly relaxedSimd: boolean;
  /** Import shared memory (threads, or tensors kept in WebAssembly memory). */
  readonly shared: boolean;
}

/**
 * Chooses the variant to load: relaxed SIMD when allowed and supported, else SIMD when allowed and
 * supported, else scalar; the shared form when shared memory is wanted.
 */
export function chooseVariant(features: WasmFeatures, choice: VariantChoice): WasmVariant {
  const base = !choice.simd || !features.simd ? 'scalar' : choice.relaxedSimd && features.relaxedSimd ? 'relaxedSimd' : 'simd';
  return choice.shared ? `${base}Shared` : base;
}
