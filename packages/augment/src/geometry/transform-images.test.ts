import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';

describe("tfjs-backend-cpu's Transform kernel", () => {
  it('returns after the first image of a batch: why transformImages goes one image at a time on it (fails once fixed upstream)', async () => {
    await useBackend('cpu');
    const images = tf.ones([2, 2, 2, 1]);
    const identity = tf.tensor2d([1, 0, 0, 0, 1, 0, 0, 0], [1, 8]);
    const out = tf.image.transform(images as tf.Tensor4D, identity, 'nearest', 'constant', -1);
    expect(Array.from(out.dataSync())).toEqual([1, 1, 1, 1, -1, -1, -1, -1]);
    tf.dispose([images, identity, out]);
  });
});
