import type { Tensor } from '@tensorflow/tfjs-core';
import { checkNumber } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { checkAxis, moveAxisLast, resolveAxis } from './axis.js';
import { smoothBinaryTargets, smoothCategoricalTargets } from './binary-cross-entropy-math.js';
import { checkBoolean } from './options.js';
import type { Reduction } from './reduction.js';
import { alignTargets, checkTensor } from './shapes.js';

/**
 * The options every cross-entropy loss (binary, categorical, and their focal forms) shares, as
 * validated values.
 */
export interface CrossEntropySettings {
  /** Whether predictions are logits. */
  readonly fromLogits: boolean;
  /** The label smoothing factor, in `[0, 1]`. */
  readonly labelSmoothing: number;
  /** The axis the loss averages (binary) or sums (categorical) over. */
  readonly axis: number;
}

/** Validates `fromLogits` (default false), `labelSmoothing` (in `[0, 1]`, default 0) and `axis` (default -1). */
export function checkCrossEntropySettings(
  owner: string,
  options: { fromLogits?: boolean; labelSmoothing?: number; axis?: number },
): CrossEntropySettings {
  return {
    fromLogits: checkBoolean(owner, 'fromLogits', options.fromLogits ?? false),
    labelSmoothing: checkNumber(owner, 'labelSmoothing', options.labelSmoothing ?? 0, { min: 0, max: 1 }),
    axis: checkAxis(owner, options.axis ?? -1),
  };
}

/** The shared options read back from a Keras config (`from_logits`, `label_smoothing`, `axis`, `reduction`). */
export function crossEntropyOptionsFromConfig(dict: ConfigDict): {
  fromLogits?: boolean;
  labelSmoothing?: number;
  axis?: number;
  reduction?: Reduction;
} {
  return {
    fromLogits: dict['from_logits'] as boolean | undefined,
    labelSmoothing: dict['label_smoothing'] as number | undefined,
    axis: dict['axis'] as number | undefined,
    reduction: dict['reduction'] as Reduction | undefined,
  };
}

/** The shared options as Keras config entries: `{ from_logits, label_smoothing, axis }`. */
export function crossEntropyConfig(settings: CrossEntropySettings): ConfigDict {
  return { from_logits: settings.fromLogits, label_smoothing: settings.labelSmoothing, axis: settings.axis };
}

/**
 * Checks and aligns the inputs of a binary cross-entropy: both at least rank 1, the axis valid
 * for their rank, targets smoothed towards 0.5. Returns `[targets, predictions]`.
 */
export function binaryInputs(owner: string, yTrue: Tensor, yPred: Tensor, settings: CrossEntropySettings): [Tensor, Tensor] {
  checkTensor(owner, 'yTrue', yTrue, 1);
  checkTensor(owner, 'yPred', yPred, 1);
  const [rawTargets, pred] = alignTargets(owner, yTrue, yPred);
  resolveAxis(owner, settings.axis, pred.rank, true);
  return [smoothBinaryTargets(rawTargets, settings.labelSmoothing), pred];
}

/**
 * Checks and aligns the inputs of a categorical cross-entropy: both at least rank 2, the class
 * axis moved last, targets smoothed towards `1 / classes`.
 */
export function categoricalInputs(
  owner: string,
  yTrue: Tensor,
  yPred: Tensor,
  settings: CrossEntropySettings,
): { targets: Tensor; pred: Tensor; classes: number } {
  checkTensor(owner, 'yTrue', yTrue, 2);
  checkTensor(owner, 'yPred', yPred, 2);
  const [rawTargets, rawPred] = alignTargets(owner, yTrue, yPred);
  const axis = resolveAxis(owner, settings.axis, rawPred.rank);
  const pred = moveAxisLast(rawPred, axis);
  const classes = pred.shape[pred.rank - 1] as number;
  const targets = smoothCategoricalTargets(moveAxisLast(rawTargets, axis), settings.labelSmoothing, classes);
  return { targets, pred, classes };
}
