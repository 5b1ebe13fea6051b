import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, disposeAll, LayerwiseError, type BatchTensors } from '@layerwise/core';
import type { SymbolicTensor } from '../engine/symbolic.js';
import type { ModelBatch } from './data.js';
import { mapTensors } from './structure.js';
import type { StepModel } from './train-step.js';
import { variableGradsReleasingOnError } from './release-tape.js';

/** What the kernel check needs of a model. */
export interface KernelCheckModel extends Pick<StepModel, 'name' | 'forward' | 'trainableWeights'> {
  /** Restored after the trace (a BatchNormalization's moving statistics move in a training pass). */
  readonly nonTrainableWeights: readonly { variable: tf.Variable }[];
}

/** Backends known to register every kernel tfjs-backend-cpu does (layerwise-wasm copies them all). */
const COMPLETE = new Set(['cpu', 'layerwise-wasm']);
/**
 * Backends whose data cannot move to cpu synchronously (WebGPU's readSync throws in Node and returns
 * zeros in browsers), so the model cannot be traced on cpu: not checked.
 */
const ASYNC_ONLY = new Set(['webgpu']);
const checked = new WeakMap<object, Set<string>>();

/** Whether `model` needs no (further) check on the active backend. */
const settled = (model: object, active: string): boolean =>
  COMPLETE.has(active) || ASYNC_ONLY.has(active) || checked.get(model)?.has(active) === true;

/**
 * The kernels one training pass (forward in training mode, gradients of every trainable weight)
 * runs on the active backend for `sample`, collected as `tf.profile` does (synchronously: the
 * engine's profiling state is turned on around the pass and put back after). Non-trainable weights
 * are restored afterwards, so the pass leaves the model as it found it.
 */
function traceKernels(model: KernelCheckModel, sample: BatchTensors): string[] {
  // A model built on its first data (a Sequential without an input shape) gets its weights first,
  // in inference mode (which moves no statistics).
  if (model.trainableWeights.length === 0 && model.nonTrainableWeights.length === 0) tf.dispose(model.forward(sample, { training: false }));
  const state = tf.engine().state;
  const { profiling, activeProfile } = state;
  const outerKernels = activeProfile.kernels;
  const frozen = model.nonTrainableWeights.map((w) => [w.variable, tf.clone(w.variable)] as const);
  state.profiling = true;
  activeProfile.kernels = [];
  try {
    tf.tidy(() => {
      const total = () => tf.addN(model.forward(sample, { training: true }).map((o) => tf.sum(tf.cast(o, 'float32')))) as tf.Scalar;
      const variables = model.trainableWeights.map((w) => w.variable);
      if (variables.length === 0) return void total();
      variableGradsReleasingOnError(total, variables);
    });
    return [...new Set(activeProfile.kernels.map((k) => k.name))];
  } finally {
    state.profiling = profiling;
    activeProfile.kernels = outerKernels;
    for (const [variable, value] of frozen) variable.assign(value);
    tf.dispose(frozen.map(([, value]) => value));
  }
}

/**
 * Checks now, synchronously, that the active backend has every forward and gradient kernel one
 * training pass of `model` on `sample()` needs (traced on tfjs-backend-cpu), throwing one error that
 * lists the missing ones. Returns false when it could not check yet (tfjs-backend-cpu not
 * registered, or no sample: shapes unknown); true when checked or nothing needs checking (the
 * active backend registers every cpu kernel, or this model passed on it before).
 */
export function checkKernelsNow(model: KernelCheckModel, sample: () => BatchTensors | undefined, owner: string): boolean {
  const active = tf.getBackend();
  if (settled(model, active)) return true;
  if (tf.findBackendFactory('cpu') == null) return false;
  const inputs = sample();
  if (inputs === undefined) return false;
  let kernelNames: string[] | undefined;
  try {
    // tfjs-backend-cpu initialises synchronously, and switching back to an initialised backend is too.
    void tf.setBackend('cpu');
    if (tf.getBackend() === 'cpu') kernelNames = traceKernels(model, inputs);
  } finally {
    void tf.setBackend(active);
    disposeAll(inputs as tf.TensorContainer);
  }
  if (kernelNames === undefined) return false;
  const missing = kernelNames.filter((name) => tf.getKernel(name, active) == null).sort();
  if (missing.length > 0) {
    throw new LayerwiseError(
      `${owner}: the active backend '${active}' lacks ${missing.length} kernel${missing.length === 1 ? '' : 's'} this model needs ` +
        `to train: ${missing.join(', ')}. Choose a backend that has them (useBackend('auto') picks layerwise-wasm when ` +
        `@layerwise/backend-wasm is installed), or pass checkKernels: false to try anyway.`,
    );
  }
  if (!checked.has(model)) checked.set(model, new Set());
  checked.get(model)!.add(active);
  return true;
}

/** One sample of the model's declared inputs (ones, zeros for integer inputs), or undefined while a shape is unknown. */
export function sampleOfInputs(inputs: readonly SymbolicTensor[] | undefined): BatchTensors | undefined {
  if (!inputs || inputs.length === 0) return undefined;
  const shapes = inputs.map((t) => t.shape.slice(1));
  if (shapes.some((shape) => shape.some((d) => d === null))) return undefined;
  const made: Tensor[] = inputs.map((t, i) => (t.dtype === 'int32' ? tf.zeros([1, ...(shapes[i] as number[])], 'int32') : tf.ones([1, ...(shapes[i] as number[])], t.dtype)));
  return made.length === 1 ? made[0]! : made;
}

/**
 * The check at the first batch of `fit` (for a model whose shapes were unknown at compile): the
 * same as {@link checkKernelsNow} on the batch's first sample, loading tfjs-backend-cpu (an
 * optional peer of core) first when it is installed but not loaded.
 */
export async function checkKernels(model: KernelCheckModel, batch: ModelBatch, owner: string): Promise<void> {
  if (settled(model, tf.getBackend()) || !(await cpuAvailable())) return;
  checkKernelsNow(model, () => mapTensors(batch.x, (t) => tf.slice(t, 0, 1)), owner);
}

// A variable specifier: bundlers must not pull tfjs-backend-cpu into every app that uses fit.
const CPU_PACKAGE = '@tensorflow/tfjs-backend-cpu';

/** Whether tfjs-backend-cpu is registered, loading it when it is installed. */
async function cpuAvailable(): Promise<boolean> {
  if (tf.findBackendFactory('cpu') != null) return true;
  try {
    await import(/* @vite-ignore */ CPU_PACKAGE);
  } catch {
    return false;
  }
  return tf.findBackendFactory('cpu') != null;
}

/** What compile's check needs of a model: its declared inputs, once its shapes are known. */
export interface CompileCheckModel extends KernelCheckModel {
  /** Undefined until the model's shapes are known (a Sequential without an input shape). */
  readonly outputShape: unknown;
  readonly inputs: readonly SymbolicTensor[];
}

/**
 * `compile`'s kernel check (option `checkKernels`, default true): when the model's input shapes are
 * known, trace one training pass on one sample and throw, disposing what compile resolved, when the
 * active backend lacks a kernel. Otherwise `fit` checks at its first batch.
 */
export function checkKernelsAtCompile(model: CompileCheckModel, compiled: { dispose(): void }, options: { checkKernels?: boolean }): void {
  const owner = `Model "${model.name}": compile`;
  try {
    if (!checkBoolean(owner, 'checkKernels', options.checkKernels ?? true)) return;
    checkKernelsNow(model, () => sampleOfInputs(model.outputShape === undefined ? undefined : model.inputs), owner);
  } catch (error) {
    compiled.dispose();
    throw error;
  }
}
