import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, checkBoolean, checkInteger, formatShape, invalidArgument } from '@layerwise/core';
import type { ConfigDict } from '@layerwise/core';
import { checkConfig, checkOptions } from './options.js';
import { checkTensor, toFloat } from './shapes.js';
import { StatefulMetric } from './stateful-metric.js';
import { EPSILON } from './thresholds.js';

const OWNER = 'MeanIoU';

/** Options of {@link MeanIoU}. */
export interface MeanIoUOptions {
  /** The number of classes (the confusion matrix is `numClasses x numClasses`). Required. */
  numClasses: number;
  /** A label to leave out (a "void" class such as -1 or 255). Default none. */
  ignoreClass?: number | null;
  /** Whether `yTrue` holds class indices (true, the default) or scores whose arg-max over `axis` is the class. */
  sparseYTrue?: boolean;
  /** Whether `yPred` holds class indices (true, the default) or scores whose arg-max over `axis` is the class. */
  sparseYPred?: boolean;
  /** The class axis of dense (non-sparse) inputs. Default -1. */
  axis?: number;
  /** The name under which the value is logged. Default `'mean_io_u'` (Keras' name for it). */
  name?: string;
}

/**
 * The mean intersection-over-union over classes, as Keras 3's `MeanIoU`: a weighted confusion
 * matrix of true against predicted classes is accumulated over batches (labels of any shape,
 * flattened; labels or predictions outside `[0, numClasses)` and the `ignoreClass` are left
 * out), and the result is the mean over classes of `tp / (tp + fp + fn)`, counting only classes
 * that occur in the labels or predictions. Sample weights have the labels' shape, `[batch]`, or
 * are a scalar.
 *
 * @example
 * ```ts
 * const iou = new MeanIoU({ numClasses: 2 });
 * iou.update(tf.tensor1d([0, 0, 1, 1]), tf.tensor1d([0, 1, 0, 1]));
 * iou.result().print(); // 0.3333
 * ```
 */
export class MeanIoU extends StatefulMetric<'matrix'> {
  readonly className = OWNER;
  /** The number of classes. */
  readonly numClasses: number;
  /** The ignored label, if any. */
  readonly ignoreClass: number | undefined;
  /** Whether labels are class indices. */
  readonly sparseYTrue: boolean;
  /** Whether predictions are class indices. */
  readonly sparseYPred: boolean;
  /** The class axis of dense inputs. */
  readonly axis: number;

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: MeanIoUOptions) {
    checkOptions(OWNER, options, ['numClasses', 'ignoreClass', 'sparseYTrue', 'sparseYPred', 'axis', 'name']);
    super(OWNER, options.name ?? 'mean_io_u');
    this.numClasses = checkInteger(OWNER, 'numClasses', options.numClasses);
    const ignore = options.ignoreClass;
    if (ignore !== undefined && ignore !== null && !Number.isInteger(ignore)) {
      throw invalidArgument({ owner: OWNER, argument: 'ignoreClass', expected: 'an integer or null', received: ignore });
    }
    this.ignoreClass = ignore ?? undefined;
    this.sparseYTrue = checkBoolean(OWNER, 'sparseYTrue', options.sparseYTrue ?? true);
    this.sparseYPred = checkBoolean(OWNER, 'sparseYPred', options.sparseYPred ?? true);
    const axis = options.axis ?? -1;
    if (!Number.isInteger(axis)) throw invalidArgument({ owner: OWNER, argument: 'axis', expected: 'an integer', received: axis });
    this.axis = axis;
  }

  /** Rebuilds the metric from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): MeanIoU {
    const dict = checkConfig(OWNER, config, ['name', 'num_classes', 'ignore_class', 'sparse_y_true', 'sparse_y_pred', 'axis']);
    return new MeanIoU({
      numClasses: dict['num_classes'] as number,
      ignoreClass: dict['ignore_class'] as number | null | undefined,
      sparseYTrue: dict['sparse_y_true'] as boolean | undefined,
      sparseYPred: dict['sparse_y_pred'] as boolean | undefined,
      axis: dict['axis'] as number | undefined,
      name: dict['name'] as string | undefined,
    });
  }

  /** Adds a batch to the confusion matrix. Nothing is disposed. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    checkTensor(OWNER, 'yTrue', yTrue, this.sparseYTrue ? 0 : 1);
    checkTensor(OWNER, 'yPred', yPred, this.sparseYPred ? 0 : 1);
    if (sampleWeight !== undefined) checkTensor(OWNER, 'sampleWeight', sampleWeight, 0);
    tf.tidy(() => {
      const t = tf.reshape(this.sparseYTrue ? toFloat(yTrue) : tf.cast(tf.argMax(yTrue, this.axis), 'float32'), [-1]);
      const p = tf.reshape(this.sparseYPred ? toFloat(yPred) : tf.cast(tf.argMax(yPred, this.axis), 'float32'), [-1]);
      if (t.size !== p.size) {
        throw new LayerwiseError(
          `${OWNER}: yTrue and yPred must hold as many labels. Received: yTrue.shape=${formatShape(yTrue.shape)}, yPred.shape=${formatShape(yPred.shape)}`,
        );
      }
      let w: Tensor = tf.ones([t.size]);
      if (sampleWeight !== undefined) {
        const flat = tf.reshape(toFloat(sampleWeight), [-1]);
        if (flat.size !== 1 && flat.size !== t.size) {
          throw new LayerwiseError(
            `${OWNER}: sampleWeight must have one weight per label (or be a scalar). ` +
              `Received: sampleWeight.shape=${formatShape(sampleWeight.shape)} for ${t.size} labels`,
          );
        }
        w = tf.mul(w, flat);
      }
      const C = this.numClasses;
      const inRange = (x: Tensor): Tensor => tf.logicalAnd(tf.greaterEqual(x, 0), tf.less(x, C));
      let keep = tf.logicalAnd(inRange(t), inRange(p));
      if (this.ignoreClass !== undefined) keep = tf.logicalAnd(keep, tf.notEqual(t, this.ignoreClass));
      const zero = tf.zerosLike(t);
      const oneHot = (x: Tensor): Tensor => tf.cast(tf.oneHot(tf.cast(tf.where(keep, x, zero), 'int32'), C), 'float32');
      const weights = tf.where(keep, w, zero);
      // matrix[i][j]: the weight of labels of class i predicted as class j.
      const matrix = tf.matMul(tf.mul(oneHot(t), tf.expandDims(weights, -1)), oneHot(p), true, false);
      this.state.add({ matrix });
    });
  }

  /** The mean IoU of the classes seen so far, as a new scalar (0 before any update). */
  result(): Tensor {
    const matrix = this.state.current?.matrix;
    if (matrix === undefined) return tf.scalar(0);
    return tf.tidy(() => {
      const predicted = tf.sum(matrix, 0);
      const actual = tf.sum(matrix, 1);
      const tp = tf.sum(tf.mul(matrix, tf.eye(this.numClasses)), 1);
      const denominator = tf.sub(tf.add(predicted, actual), tp);
      const valid = tf.greater(denominator, 1e-9);
      const iou = tf.where(valid, tf.div(tp, tf.add(denominator, EPSILON)), tf.zerosLike(tp));
      return tf.div(tf.sum(iou), tf.add(tf.sum(tf.cast(valid, 'float32')), EPSILON));
    });
  }

  /** Keras' config: `{ name, num_classes, ignore_class, sparse_y_true, sparse_y_pred, axis }`. */
  getConfig(): ConfigDict {
    return {
      name: this.name,
      num_classes: this.numClasses,
      ignore_class: this.ignoreClass ?? null,
      sparse_y_true: this.sparseYTrue,
      sparse_y_pred: this.sparseYPred,
      axis: this.axis,
    };
  }
}
