import * as tf from '@tensorflow/tfjs-core';
import { disposeAll, knownBackends, LayerwiseError } from '@layerwise/core';
import type { ModelBatch } from './data.js';
import { mapTensors } from './structure.js';
import type { StepModel } from './train-step.js';

/** What the kernel check needs of a model. */
export type KernelCheckModel = Pick<StepModel, 'name' | 'forward' | 'trainableWeights'>;

/** Backends known to register every kernel tfjs-backend-cpu does (layerwise-wasm copies them all). */
const COMPLETE = new Set(['cpu', 'layerwise-wasm']);
const checked = new WeakMap<object, Set<string>>();

/**
 * Before training starts, checks that the active backend has every forward and gradient kernel the
 * model needs, and throws one error listing all the missing ones (instead of failing at the first,
 * mid-epoch). The kernels are those one forward and backward pass on the first sample of `batch`
 * runs on tfjs-backend-cpu (traced with `tf.profile`); nothing is checked when the active backend
 * registers every cpu kernel, when tfjs-backend-cpu is not available to trace with, or when this
 * model was already checked on this backend.
 */
export async function checkKernels(model: KernelCheckModel, batch: ModelBatch, owner: string): Promise<void> {
  const active = tf.getBackend();
  if (COMPLETE.has(active) || checked.get(model)?.has(active) || !(await cpuAvailable())) return;
  const sample = mapTensors(batch.x, (t) => tf.slice(t, 0, 1));
  let kernelNames: string[];
  await tf.setBackend('cpu');
  try {
    const variables = model.trainableWeights.map((w) => w.variable);
    const info = await tf.profile(() => {
      const total = () => tf.addN(model.forward(sample, { training: true }).map((o) => tf.sum(tf.cast(o, 'float32')))) as tf.Scalar;
      if (variables.length === 0) return void tf.dispose(total());
      const { value, grads } = tf.variableGrads(total, variables);
      tf.dispose([value, ...Object.values(grads)]);
    });
    kernelNames = info.kernelNames;
  } finally {
    await tf.setBackend(active);
    disposeAll(sample as tf.TensorContainer);
  }
  const missing = [...new Set(kernelNames)].filter((name) => tf.getKernel(name, active) == null).sort();
  if (missing.length > 0) {
    throw new LayerwiseError(
      `${owner}: the active backend '${active}' lacks ${missing.length} kernel${missing.length === 1 ? '' : 's'} this model needs ` +
        `to train: ${missing.join(', ')}. Choose a backend that has them (useBackend('auto') picks layerwise-wasm when ` +
        `@layerwise/backend-wasm is installed), or pass checkKernels: false to fit to try anyway.`,
    );
  }
  if (!checked.has(model)) checked.set(model, new Set());
  checked.get(model)!.add(active);
}

/** Whether tfjs-backend-cpu is registered, loading it (an optional peer of core) when installed. */
async function cpuAvailable(): Promise<boolean> {
  if (tf.findBackendFactory('cpu') != null) return true;
  try {
    await knownBackends.find((b) => b.name === 'cpu')?.load();
  } catch {
    return false;
  }
  return tf.findBackendFactory('cpu') != null;
}
