import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import type { ModelBatch } from './data.js';
import { labelledTensors } from './structure.js';

/**
 * Throws when a batch holds NaN or infinite values, naming the batch, the tensor (`x`, `y`,
 * `sampleWeight`, or `x.image` / `y[1]` for several inputs or outputs) and how many values are bad.
 * Reads one count per tensor back from the device, so it runs only when asked (`checkInputs`).
 */
export async function checkBatchFinite(owner: string, batch: ModelBatch, where: string): Promise<void> {
  const tensors = [
    ...labelledTensors(batch.x, 'x'),
    ...(batch.y ? labelledTensors(batch.y, 'y') : []),
    ...(batch.sampleWeight ? ([['sampleWeight', batch.sampleWeight]] as const) : []),
  ].filter(([, t]) => t.dtype === 'float32');
  if (tensors.length === 0) return;
  const counts = tf.tidy(() => tf.stack(tensors.map(([, t]) => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(t)), 'int32')))));
  const values = await counts.data();
  counts.dispose();
  const bad = tensors.map(([label], i) => [label, values[i]!] as const).filter(([, n]) => n > 0);
  if (bad.length > 0) {
    const list = bad.map(([label, n]) => `${label} holds ${n} NaN or infinite value${n === 1 ? '' : 's'}`).join(', ');
    throw new LayerwiseError(`${owner}: ${where}: ${list}. Clean the data, or leave checkInputs off to train on it anyway.`);
  }
}
