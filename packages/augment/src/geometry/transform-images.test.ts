import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import type { Sampling } from './fill-mode.js';
import type { Matrix3 } from './matrix.js';
import { transformImages } from './transform-images.js';

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

describe('transformImages', () => {
  it.each([
    ['cpu', 3],
    ['layerwise-wasm', 1],
  ])('on %s runs %i Transform kernel(s) for a batch of 3', async (backend, calls) => {
    await useBackend(backend);
    const images = tf.randomUniform([3, 5, 5, 2], 0, 1, 'float32', 7) as tf.Tensor4D;
    const matrices: Matrix3[] = [
      [1, 0, 0.5, 0, 1, -1, 0, 0, 1],
      [0, 1, 0, 1, 0, 0, 0, 0, 1],
      [0.9, 0.1, 0, -0.1, 0.9, 0.3, 0, 0, 1],
    ];
    const sampling: Sampling = { interpolation: 'bilinear', fillMode: 'reflect', fillValue: 0 };
    const before = tf.memory().numTensors;
    const profile = await tf.profile(() => transformImages(images, matrices, sampling));
    expect(profile.kernels.filter((k) => k.name === 'Transform')).toHaveLength(calls);
    const result = profile.result as tf.Tensor4D;
    // The same values as one image at a time on cpu.
    const batched = Array.from(await result.data());
    await useBackend('cpu');
    const single = tf.tidy(() =>
      tf.concat(matrices.map((m, i) => transformImages(tf.slice(images, [i], [1]) as tf.Tensor4D, [m], sampling))),
    );
    const expected = Array.from(await single.data());
    expect(batched.map((v, i) => Math.abs(v - expected[i]!)).reduce((a, b) => Math.max(a, b), 0)).toBeLessThanOrEqual(1e-5);
    tf.dispose([result, single]);
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });
});
