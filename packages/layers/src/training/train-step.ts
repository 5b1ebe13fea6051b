import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { BatchTensors } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { reduceLoss } from '@layerwise/losses';
import { applyConstraints } from '../constraints/layer-constraints.js';
import { Layer, type AnyLayer, type CallContext } from '../engine/layer.js';
import { totalRegularizationLoss } from '../regularizers/layer-losses.js';
import type { CompiledModel } from './compile.js';
import type { ModelBatch } from './data.js';
import { arrangeTensors, batchSizeOf } from './structure.js';

/** What a training or test step needs of a model. */
export interface StepModel {
  readonly name: string;
  readonly compiled: CompiledModel;
  readonly trainableWeights: readonly { variable: tf.Variable }[];
  /** The outputs for a batch's inputs, one per output, in inference or training mode. */
  forward(x: BatchTensors, context: CallContext): Tensor[];
}

/** The result of one step: the batch's mean loss (a scalar the caller disposes) and its size. */
export interface StepResult {
  readonly loss: Scalar;
  readonly size: number;
}

/** The batch's targets, one per compiled output, in output order. */
function targetsOf(model: StepModel, batch: ModelBatch): Tensor[] {
  if (!batch.y) throw new LayerwiseError(`Model "${model.name}": a training or test batch needs targets (y)`);
  const outputs = model.compiled.outputs;
  const names = outputs.length === 1 && outputs[0]!.name === 'output' ? [] : outputs.map((o) => o.name);
  return arrangeTensors(`Model "${model.name}"`, 'output', names, batch.y);
}

/**
 * The batch's loss for one output: the per-sample losses, weighted by the sample weights if given,
 * reduced as the loss says (`reduceLoss`: Keras' default is the mean over the batch). A loss that
 * reduces to no scalar (`reduction: 'none'`) counts with the mean of its values.
 */
export function batchLoss(model: StepModel, y: Tensor, yPred: Tensor, sampleWeight: Tensor | undefined, output = 0): Scalar {
  return tf.tidy(() => {
    const loss = model.compiled.outputs[output]!.loss;
    const reduced = reduceLoss(loss, loss.call(y, yPred), sampleWeight);
    return (reduced.rank === 0 ? reduced : tf.mean(reduced)) as Scalar;
  });
}

/**
 * The total loss (`sum_i weight_i * loss_i`, plus the layers' regularisation penalties) and, for
 * several outputs, each output's own loss.
 */
export interface Losses {
  readonly total: Scalar;
  readonly perOutput: Scalar[];
}

/**
 * Each output's batch loss and their weighted sum (just the loss for a single output of weight 1),
 * plus the regularisation penalties of the pass just run (Keras' `sum(model.losses)`), as Keras
 * counts them in `loss` for training and evaluation alike.
 */
export function modelLoss(model: StepModel, ys: readonly Tensor[], preds: readonly Tensor[], sampleWeight: Tensor | undefined): Losses {
  const outputs = model.compiled.outputs;
  if (preds.length !== outputs.length) {
    throw new LayerwiseError(`Model "${model.name}": the model returned ${preds.length} outputs, compile resolved losses for ${outputs.length}`);
  }
  return tf.tidy(() => {
    const parts = outputs.map((_, i) => batchLoss(model, ys[i]!, preds[i]!, sampleWeight, i));
    const weighted = parts.map((p, i) => (outputs[i]!.weight === 1 ? p : tf.mul(p, outputs[i]!.weight)));
    const sum = (weighted.length === 1 ? weighted[0]! : tf.addN(weighted)) as Scalar;
    const penalty = model instanceof Layer ? totalRegularizationLoss(model as AnyLayer) : undefined;
    const total = penalty ? (tf.add(sum, penalty) as Scalar) : sum;
    return { total, perOutput: outputs.length > 1 ? parts : [] };
  });
}

/** Updates each output's loss tracker and metrics with the batch (the caller still owns every tensor). */
function track(model: StepModel, losses: Losses, ys: readonly Tensor[], preds: readonly Tensor[], batch: ModelBatch): void {
  const size = batchSizeOf(batch.x);
  model.compiled.outputs.forEach((output, i) => {
    const loss = losses.perOutput[i];
    if (output.lossTracker && loss) tf.tidy(() => output.lossTracker!.update(loss, tf.scalar(size)));
    for (const metric of output.metrics) metric.update(ys[i]!, preds[i]!);
    for (const metric of output.weightedMetrics) metric.update(ys[i]!, preds[i]!, batch.sampleWeight);
  });
}

/**
 * Keras' default `train_step`: forward pass in training mode, loss (the weighted sum over outputs),
 * gradients of the trainable weights, one optimizer update, metrics updated with the predictions.
 */
export function trainStep(model: StepModel, batch: ModelBatch): StepResult {
  const ys = targetsOf(model, batch);
  const size = batchSizeOf(batch.x);
  const variables = model.trainableWeights.map((w) => w.variable);
  if (variables.length === 0) {
    // Everything is frozen: nothing to differentiate, but the loss and metrics still count.
    const preds = model.forward(batch.x, { training: true });
    try {
      const losses = modelLoss(model, ys, preds, batch.sampleWeight);
      track(model, losses, ys, preds, batch);
      tf.dispose(losses.perOutput);
      return { loss: losses.total, size };
    } finally {
      tf.dispose(preds);
    }
  }
  let preds: Tensor[] = [];
  let perOutput: Scalar[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const out = model.forward(batch.x, { training: true });
    preds = out.map((t) => tf.keep(t));
    const losses = modelLoss(model, ys, out, batch.sampleWeight);
    perOutput = losses.perOutput.map((t) => tf.keep(t));
    return losses.total;
  }, variables);
  try {
    model.compiled.optimizer.applyGradients(variables.map((variable) => ({ variable, gradient: grads[variable.name]! })));
    // Keras projects constrained weights right after the update.
    if (model instanceof Layer) applyConstraints(model as AnyLayer);
    track(model, { total: value, perOutput }, ys, preds, batch);
  } finally {
    tf.dispose(grads);
    tf.dispose(preds);
    tf.dispose(perOutput);
  }
  return { loss: value, size };
}

/** Keras' `test_step`: forward pass in inference mode, loss and metrics. */
export function testStep(model: StepModel, batch: ModelBatch): StepResult {
  const ys = targetsOf(model, batch);
  const preds = model.forward(batch.x, { training: false });
  try {
    const losses = modelLoss(model, ys, preds, batch.sampleWeight);
    track(model, losses, ys, preds, batch);
    tf.dispose(losses.perOutput);
    return { loss: losses.total, size: batchSizeOf(batch.x) };
  } finally {
    tf.dispose(preds);
  }
}
