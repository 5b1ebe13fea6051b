import * as tf from '@tensorflow/tfjs-core';
import type { backend_util, DataType, KernelFunc, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { WasmRuntime, WasmRuntimeInfo } from '../wasm/runtime.js';
import { WASM_BACKEND_NAME } from './backend-name.js';
import { BufferPool } from './buffer-pool.js';

type DataId = object;

/**
 * The layerwise-wasm backend: tfjs-backend-cpu's backend (tensors live in JavaScript typed arrays,
 * every cpu kernel works unchanged) whose heavy kernels run in a WebAssembly SIMD module.
 */
export class LayerwiseWasmBackend extends MathBackendCPU {
  private readonly pool: BufferPool;

  constructor(
    /** The WebAssembly module, its memory and threads. */
    readonly runtime: WasmRuntime,
    private readonly cpuKernels: ReadonlyMap<string, KernelFunc>,
    /** Bytes of released output arrays kept for reuse (0: none). */
    bufferPoolBytes = 0,
  ) {
    super();
    this.pool = new BufferPool(bufferPoolBytes, runtime.info.residentTensors ? runtime.heap : undefined);
    // MathBackendCPU's first write in Node prints advice to install tfjs-node, meant for its own
    // JavaScript kernels; it does not apply here.
    Reflect.set(this, 'firstUse', false);
  }

  /** Which module variant runs, on how many threads, and the engine's detected features. */
  get info(): WasmRuntimeInfo {
    return this.runtime.info;
  }

  /**
   * A float32 array of `length` for a kernel's output, recycled from released outputs when one of
   * that size is free. Its contents are arbitrary: the kernel must write every element.
   */
  output(length: number): Float32Array {
    return this.pool.take(length);
  }

  /** Bytes of released output arrays currently kept for reuse. */
  get pooledBytes(): number {
    return this.pool.pooledBytes;
  }

  /**
   * The address of a float32 tensor's values in the module's memory: where they are, when they
   * live there already, else a copy in the arena. Call after `arena.reset()`, before the call
   * allocations that the copy must not outlive.
   */
  input(t: TensorInfo): number {
    const values = this.values(t);
    return this.pool.address(values) ?? this.runtime.arena.write(values);
  }

  /**
   * Runs `write(address)`, which must write `length` floats at `address`, and returns them as a
   * float32 tensor of `shape`. The output array comes from the pool: when it lives in the module's
   * memory the kernel writes it in place; otherwise the kernel writes into the arena and the
   * values are copied out. Allocates from the arena: call after `arena.reset()`.
   */
  writeOutput(shape: number[], length: number, write: (address: number) => void): TensorInfo {
    const values = this.pool.take(length);
    const resident = this.pool.address(values);
    try {
      const address = resident ?? this.runtime.arena.alloc(length * 4);
      write(address);
      if (resident === undefined) this.runtime.arena.readInto(address, values);
    } catch (error) {
      this.pool.discard(values);
      throw error;
    }
    return this.makeTensorInfo(shape, 'float32', values);
  }

  /** Whether float32 outputs live in the module's memory (see `residentTensors`). */
  get residentTensors(): boolean {
    return this.pool.resident;
  }

  override write(values: backend_util.BackendValues, shape: number[], dtype: DataType): DataId {
    const dataId = super.write(values, shape, dtype);
    this.pool.retain(values);
    return dataId;
  }

  override move(dataId: DataId, values: backend_util.BackendValues, shape: number[], dtype: DataType, refCount: number): void {
    const previous = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    super.move(dataId, values, shape, dtype, refCount);
    this.pool.retain(values);
    this.pool.release(previous);
  }

  override disposeData(dataId: DataId, force = false): boolean {
    const values = this.data.has(dataId) ? this.data.get(dataId).values : undefined;
    const released = super.disposeData(dataId, force);
    if (!this.data.has(dataId)) this.pool.release(values);
    return released;
  }

  /**
   * A tensor's values. Arrays the kernels may recycle are copied, so what `dataSync()` and `data()`
   * return stays valid after the tensor is disposed.
   */
  override readSync(dataId: DataId): backend_util.BackendValues {
    const values = super.readSync(dataId);
    return this.pool.owns(values) ? values.slice() : values;
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
    this.pool.clear();
    this.runtime.dispose();
  }
}
