import * as tf from '@tensorflow/tfjs-core';
import type { KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { WasmRuntime, WasmRuntimeInfo } from '../wasm/runtime.js';
import { WASM_BACKEND_NAME } from './backend-name.js';

/**
 * The layerwise-wasm backend: tfjs-backend-cpu's backend (tensors live in JavaScript typed arrays,
 * every cpu kernel works unchanged) whose heavy kernels run in a WebAssembly SIMD module.
 */
export class LayerwiseWasmBackend extends MathBackendCPU {
  constructor(
    /** The WebAssembly module, its memory and threads. */
    readonly runtime: WasmRuntime,
    private readonly cpuKernels: ReadonlyMap<string, KernelFunc>,
  ) {
    super();
    // MathBackendCPU's first write in Node prints advice to install tfjs-node, meant for its own
    // JavaScript kernels; it does not apply here.
    Reflect.set(this, 'firstUse', false);
  }

  /** Which module variant runs, on how many threads, and the engine's detected features. */
  get info(): WasmRuntimeInfo {
    return this.runtime.info;
  }

  /** A float32 tensor's values. */
  values(t: TensorInfo): Float32Array {
    const values = this.data.get(t.dataId).values;
    return values instanceof Float32Array ? values : Float32Array.from(values as ArrayLike<number>);
  }

  /** Runs tfjs-backend-cpu's own kernel (the fallback for inputs the wasm kernels do not take). */
  runCpuKernel(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const kernel = this.cpuKernels.get(kernelName);
    if (!kernel) throw new Error(`layerwise-wasm: tfjs-backend-cpu has no kernel ${kernelName}`);
    return kernel({ inputs, attrs, backend: this }) as TensorInfo;
  }

  /** Runs the kernel this backend has registered under `kernelName` (wasm or cpu). */
  runKernel(kernelName: string, inputs: NamedTensorInfoMap, attrs: NamedAttrMap = {}): TensorInfo {
    const config = tf.getKernel(kernelName, WASM_BACKEND_NAME);
    if (!config) return this.runCpuKernel(kernelName, inputs, attrs);
    return config.kernelFunc({ inputs, attrs, backend: this }) as TensorInfo;
  }

  override dispose(): void {
    super.dispose();
    this.runtime.dispose();
  }
}
