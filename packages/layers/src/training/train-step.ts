import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { Batch } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import type { CallContext } from '../engine/layer.js';
import type { CompiledModel } from './compile.js';

/** What a training or test step needs of a model. */
export interface StepModel {
  readonly name: string;
  readonly compiled: CompiledModel;
  readonly trainableWeights: readonly { variable: tf.Variable }[];
  call(x: Tensor, context: CallContext): Tensor;
}

/** The result of one step: the batch's mean loss (a scalar the caller disposes) and its size. */
export interface StepResult {
  readonly loss: Scalar;
  readonly size: number;
}

function requireTargets(model: StepModel, batch: Batch): Tensor {
  if (!batch.y) throw new LayerwiseError(`Model "${model.name}": a training or test batch needs targets (y)`);
  return batch.y;
}

/** The batch's loss: the mean of the per-sample losses, weighted by the sample weights if given. */
export function batchLoss(model: StepModel, y: Tensor, yPred: Tensor, sampleWeight: Tensor | undefined): Scalar {
  return tf.tidy(() => {
    const perSample = model.compiled.loss.call(y, yPred);
    return sampleWeight ? tf.mean(tf.mul(perSample, sampleWeight)) : tf.mean(perSample);
  });
}

/**
 * Keras' default `train_step`: forward pass in training mode, loss, gradients of the trainable
 * weights, one optimizer update, metrics updated with the predictions.
 */
export function trainStep(model: StepModel, batch: Batch): StepResult {
  const y = requireTargets(model, batch);
  const variables = model.trainableWeights.map((w) => w.variable);
  if (variables.length === 0) {
    // Everything is frozen: nothing to differentiate, but the loss and metrics still count.
    const out = model.call(batch.x, { training: true });
    try {
      for (const metric of model.compiled.metrics) metric.update(y, out, batch.sampleWeight);
      return { loss: batchLoss(model, y, out, batch.sampleWeight), size: batch.x.shape[0] ?? 1 };
    } finally {
      out.dispose();
    }
  }
  let yPred: Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const out = model.call(batch.x, { training: true });
    yPred = tf.keep(out);
    return batchLoss(model, y, out, batch.sampleWeight);
  }, variables);
  try {
    model.compiled.optimizer.applyGradients(variables.map((variable) => ({ variable, gradient: grads[variable.name]! })));
    for (const metric of model.compiled.metrics) metric.update(y, yPred!, batch.sampleWeight);
  } finally {
    tf.dispose(grads);
    yPred?.dispose();
  }
  return { loss: value, size: batch.x.shape[0] ?? 1 };
}

/** Keras' `test_step`: forward pass in inference mode, loss and metrics. */
export function testStep(model: StepModel, batch: Batch): StepResult {
  const y = requireTargets(model, batch);
  const yPred = model.call(batch.x, { training: false });
  try {
    const loss = batchLoss(model, y, yPred, batch.sampleWeight);
    for (const metric of model.compiled.metrics) metric.update(y, yPred, batch.sampleWeight);
    return { loss, size: batch.x.shape[0] ?? 1 };
  } finally {
    yPred.dispose();
  }
}
