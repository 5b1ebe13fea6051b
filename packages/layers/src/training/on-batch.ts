import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BatchTensors, Logs } from '@layerwise/core';
import { Mean } from '@layerwise/metrics';
import { applyClassWeight, classWeightTable, type ClassWeight } from './class-weight.js';
import { disposeBatch, type ModelBatch } from './data.js';
import { readLogs, resetTrackers } from './logs.js';
import { mapTensors } from './structure.js';
import { testStep, type StepModel, type StepResult } from './train-step.js';

/** Options of `trainOnBatch` and `testOnBatch`. */
export interface OnBatchOptions {
  /** One weight per sample of the batch. */
  sampleWeight?: Tensor;
  /** Weights per class index, multiplied into the sample weights. */
  classWeight?: ClassWeight;
}

/** What `trainOnBatch`/`testOnBatch` need of a model. */
export interface OnBatchModel extends StepModel {
  trainStep(batch: ModelBatch): StepResult;
}

/**
 * One training or test step on a batch, with the metrics reset first so the logs are that batch's
 * (Keras' default `reset_metrics=True`). The caller's tensors are not disposed.
 */
export async function onBatch(model: OnBatchModel, kind: 'train' | 'test', x: BatchTensors, y: BatchTensors, options: OnBatchOptions): Promise<Logs> {
  const owner = `Model "${model.name}": ${kind}OnBatch`;
  const table = options.classWeight ? classWeightTable(owner, options.classWeight) : undefined;
  // Clones, so the step's disposal of its batch leaves the caller's tensors alone.
  const clone = (t: Tensor) => tf.clone(t);
  const given: ModelBatch = { x: mapTensors(x, clone), y: mapTensors(y, clone), ...(options.sampleWeight ? { sampleWeight: tf.clone(options.sampleWeight) } : {}) };
  const tracker = new Mean({ name: 'loss' });
  let batch = given;
  try {
    if (table) batch = applyClassWeight(owner, given, table);
    resetTrackers(tracker, model.compiled.logged);
    const { loss, size } = kind === 'train' ? model.trainStep(batch) : testStep(model, batch);
    tf.tidy(() => tracker.update(loss, tf.scalar(size)));
    loss.dispose();
    return await readLogs(tracker, model.compiled.logged);
  } finally {
    disposeBatch(batch);
    table?.dispose();
    tracker.dispose();
  }
}
