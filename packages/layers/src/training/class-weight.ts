import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { invalidArgument, LayerwiseError } from '@layerwise/core';
import type { ModelBatch } from './data.js';

/** Weights per class index, as Keras' `class_weight`: `{ 0: 1, 1: 5 }`. */
export type ClassWeight = Readonly<Record<number, number>>;

/** Checks a class-weight map and turns it into a lookup tensor (missing classes weigh 1). */
export function classWeightTable(owner: string, classWeight: ClassWeight): Tensor {
  const entries = Object.entries(classWeight).map(([k, v]) => [Number(k), v] as const);
  for (const [k, v] of entries) {
    if (!Number.isInteger(k) || k < 0) throw invalidArgument({ owner, argument: 'classWeight', expected: 'non-negative integer class indices as keys', received: classWeight });
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw invalidArgument({ owner, argument: `classWeight[${k}]`, expected: 'a finite number >= 0', received: v });
    }
  }
  const size = Math.max(...entries.map(([k]) => k)) + 1;
  const table = new Float32Array(size).fill(1);
  for (const [k, v] of entries) table[k] = v;
  return tf.tensor1d(table);
}

/**
 * The batch with per-sample weights looked up from the class of each target (the index for
 * integer labels, the arg-max for one-hot targets), multiplied into its own sample weights, as
 * Keras does. Disposes the batch's previous sample weights. Models with several outputs take
 * `sampleWeight` instead (as in Keras, class weights need a single target).
 */
export function applyClassWeight(owner: string, batch: ModelBatch, table: Tensor): ModelBatch {
  if (!batch.y) return batch;
  const y = batch.y instanceof tf.Tensor ? batch.y : Object.values(batch.y).length === 1 ? (Object.values(batch.y)[0] as Tensor) : undefined;
  if (!y) throw new LayerwiseError(`${owner}: classWeight needs a single target; for a model with several outputs, give sampleWeight instead`);
  const weights = tf.tidy(() => {
    const classes = y.rank >= 2 && y.shape[y.rank - 1]! > 1 ? tf.argMax(y, -1) : tf.cast(tf.reshape(y, [y.shape[0]!]), 'int32');
    const looked = tf.gather(table, tf.minimum(classes, tf.scalar(table.shape[0]! - 1, 'int32')));
    const ones = tf.onesLike(looked);
    // Classes beyond the table weigh 1, as in Keras.
    const fromTable = tf.where(tf.less(classes, table.shape[0]!), looked, ones);
    return batch.sampleWeight ? tf.mul(fromTable, batch.sampleWeight) : fromTable;
  });
  batch.sampleWeight?.dispose();
  return { ...batch, sampleWeight: weights };
}
