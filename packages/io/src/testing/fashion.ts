import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { gunzip, parseIdx } from '@layerwise/datasets';
import { datasetsDir } from './locations.js';

/** The 900 real Fashion-MNIST images in `shared` (90 per class): `[900, 28, 28]` in [0, 1] and int labels. */
export async function fashionSprite(): Promise<{ x: tf.Tensor; y: number[] }> {
  const read = async (name: string) => parseIdx(await gunzip(new Uint8Array(await readFile(join(datasetsDir, 'fashion-mnist', name))), { source: name }), { source: name });
  const images = await read('sprite900-images-idx3-ubyte.gz');
  const labels = await read('sprite900-labels-idx1-ubyte.gz');
  const x = tf.tidy(() => tf.div(tf.tensor(Float32Array.from(images.data as Uint8Array), [900, 28, 28]), 255));
  return { x, y: Array.from(labels.data as Uint8Array) };
}

/** The fraction of rows whose arg-max is the label. */
export function accuracy(probabilities: tf.Tensor, labels: readonly number[]): number {
  const predicted = tf.tidy(() => tf.argMax(probabilities, -1));
  const classes = predicted.dataSync();
  predicted.dispose();
  return labels.filter((label, i) => classes[i] === label).length / labels.length;
}
