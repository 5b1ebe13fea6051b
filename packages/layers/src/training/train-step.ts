import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import type { BatchTensors } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { reduceLoss } from '@layerwise/losses';
import { applyConstraints } from '../constraints/layer-constraints.js';
import { Layer, type AnyLayer, type CallContext } from '../engine/layer.js';
import type { Mask } from '../engine/mask.js';
import { totalRegularizationLoss } from '../regularizers/layer-losses.js';
import type { CompiledModel } from './compile.js';
import type { ModelBatch } from './data.js';
import { maskedLoss, updateMaskedMetric } from './output-mask.js';
import { variableGradsReleasingOnError } from './release-tape.js';
import { arrangeTensors, batchSizeOf } from './structure.js';

/** What a training or test step needs of a model. */
export interface StepModel {
  readonly name: string;
  readonly compiled: CompiledModel;
  readonly trainableWeights: readonly { variable: tf.Variable }[];
  /** The outputs for a batch's inputs, one per output, in inference or training mode. */
  forward(x: BatchTensors, context: CallContext): Tensor[];
  /**
   * As `forward`, with the mask of each output (`undefined` where it has none), as
   * `Model.forwardWithMasks`. When the model has it, the steps run it instead of `forward`, and an
   * output that carries a mask has its loss and mean metrics weighted by it (Keras' masked loss).
   */
  forwardWithMasks?(x: BatchTensors, context: CallContext): { outputs: Tensor[]; masks: Mask[] };
}

/** The outputs of a batch with their masks (none when the model has no `forwardWithMasks`); the caller disposes both. */
function runForward(model: StepModel, x: BatchTensors, context: CallContext): { outputs: Tensor[]; masks: Mask[] } {
  if (model.forwardWithMasks) return model.forwardWithMasks(x, context);
  const outputs = model.forward(x, context);
  return { outputs, masks: outputs.map(() => undefined) };
}

/** Disposes the masks of a step's outputs. */
function disposeMasks(masks: readonly Mask[]): void {
  tf.dispose(masks.filter((m): m is Tensor => m !== undefined));
}

/** How errors about output `i` name it. */
function outputOwner(model: StepModel, i: number): string {
  return `Model "${model.name}": output "${model.compiled.outputs[i]!.name}"`;
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
 * reduces to no scalar (`reduction: 'none'`) counts with the mean of its values. With the output's
 * `mask` (`[batch, timesteps]` for a sequence), the loss is Keras' masked loss: computed per
 * timestep, masked timesteps weigh 0, and the default reduction is the mean over the valid
 * timesteps (see `maskedLoss`).
 */
export function batchLoss(model: StepModel, y: Tensor, yPred: Tensor, sampleWeight: Tensor | undefined, output = 0, mask?: Mask): Scalar {
  return tf.tidy(() => {
    const loss = model.compiled.outputs[output]!.loss;
    if (mask !== undefined) return maskedLoss(outputOwner(model, output), loss, y, yPred, mask, sampleWeight);
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
 * counts them in `loss` for training and evaluation alike. `masks` (one per output, `undefined`
 * where it has none) make the masked outputs' losses Keras' masked losses.
 */
export function modelLoss(model: StepModel, ys: readonly Tensor[], preds: readonly Tensor[], sampleWeight: Tensor | undefined, masks: readonly Mask[] = []): Losses {
  const outputs = model.compiled.outputs;
  if (preds.length !== outputs.length) {
    throw new LayerwiseError(`Model "${model.name}": the model returned ${preds.length} outputs, compile resolved losses for ${outputs.length}`);
  }
  return tf.tidy(() => {
    const parts = outputs.map((_, i) => batchLoss(model, ys[i]!, preds[i]!, sampleWeight, i, masks[i]));
    const weighted = parts.map((p, i) => (outputs[i]!.weight === 1 ? p : tf.mul(p, outputs[i]!.weight)));
    const sum = (weighted.length === 1 ? weighted[0]! : tf.addN(weighted)) as Scalar;
    const penalty = model instanceof Layer ? totalRegularizationLoss(model as AnyLayer) : undefined;
    const total = penalty ? (tf.add(sum, penalty) as Scalar) : sum;
    return { total, perOutput: outputs.length > 1 ? parts : [] };
  });
}

/**
 * Updates each output's loss tracker and metrics with the batch (the caller still owns every
 * tensor); the mean metrics of an output with a mask leave its masked timesteps out, as Keras.
 */
function track(model: StepModel, losses: Losses, ys: readonly Tensor[], preds: readonly Tensor[], batch: ModelBatch, masks: readonly Mask[]): void {
  const size = batchSizeOf(batch.x);
  model.compiled.outputs.forEach((output, i) => {
    const loss = losses.perOutput[i];
    if (output.lossTracker && loss) tf.tidy(() => output.lossTracker!.update(loss, tf.scalar(size)));
    const mask = masks[i];
    if (mask !== undefined) {
      const owner = outputOwner(model, i);
      for (const metric of output.metrics) updateMaskedMetric(owner, metric, ys[i]!, preds[i]!, mask, undefined);
      for (const metric of output.weightedMetrics) updateMaskedMetric(owner, metric, ys[i]!, preds[i]!, mask, batch.sampleWeight);
      return;
    }
    for (const metric of output.metrics) metric.update(ys[i]!, preds[i]!);
    for (const metric of output.weightedMetrics) metric.update(ys[i]!, preds[i]!, batch.sampleWeight);
  });
}

/**
 * Keras' default `train_step`: forward pass in training mode, loss (the weighted sum over outputs;
 * an output carrying a mask counts only its valid timesteps), gradients of the trainable weights,
 * one optimizer update, metrics updated with the predictions.
 */
export function trainStep(model: StepModel, batch: ModelBatch): StepResult {
  const ys = targetsOf(model, batch);
  const size = batchSizeOf(batch.x);
  const variables = model.trainableWeights.map((w) => w.variable);
  if (variables.length === 0) {
    // Everything is frozen: nothing to differentiate, but the loss and metrics still count.
    const { outputs: preds, masks } = runForward(model, batch.x, { training: true });
    try {
      const losses = modelLoss(model, ys, preds, batch.sampleWeight, masks);
      track(model, losses, ys, preds, batch, masks);
      tf.dispose(losses.perOutput);
      return { loss: losses.total, size };
    } finally {
      tf.dispose(preds);
      disposeMasks(masks);
    }
  }
  let preds: Tensor[] = [];
  let masks: Mask[] = [];
  let perOutput: Scalar[] = [];
  try {
    const { value, grads } = variableGradsReleasingOnError(() => {
      const out = runForward(model, batch.x, { training: true });
      preds = out.outputs.map((t) => tf.keep(t));
      masks = out.masks.map((m) => (m === undefined ? m : tf.keep(m)));
      const losses = modelLoss(model, ys, out.outputs, batch.sampleWeight, masks);
      perOutput = losses.perOutput.map((t) => tf.keep(t));
      return losses.total;
    }, variables);
    try {
      model.compiled.optimizer.applyGradients(variables.map((variable) => ({ variable, gradient: grads[variable.name]! })));
      // Keras projects constrained weights right after the update.
      if (model instanceof Layer) applyConstraints(model as AnyLayer);
      track(model, { total: value, perOutput }, ys, preds, batch, masks);
    } catch (error) {
      value.dispose();
      throw error;
    } finally {
      tf.dispose(grads);
    }
    return { loss: value, size };
  } finally {
    tf.dispose(preds);
    disposeMasks(masks);
    tf.dispose(perOutput);
  }
}

/** Keras' `test_step`: forward pass in inference mode, loss and metrics (masked outputs as in `trainStep`). */
export function testStep(model: StepModel, batch: ModelBatch): StepResult {
  const ys = targetsOf(model, batch);
  const { outputs: preds, masks } = runForward(model, batch.x, { training: false });
  try {
    const losses = modelLoss(model, ys, preds, batch.sampleWeight, masks);
    track(model, losses, ys, preds, batch, masks);
    tf.dispose(losses.perOutput);
    return { loss: losses.total, size: batchSizeOf(batch.x) };
  } finally {
    tf.dispose(preds);
    disposeMasks(masks);
  }
}
