import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2d } from '../layers/convolutional/conv2d.js';
import { dense } from '../layers/dense.js';
import { flatten } from '../layers/flatten.js';
import { sequential } from '../models/sequential.js';

afterAll(() => useBackend('cpu'));

const convnet = () => {
  const model = sequential([conv2d({ filters: 2, kernelSize: 3, inputShape: [6, 6, 1] }), flatten(), dense({ units: 1 })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
};

describe('the kernel check before training', () => {
  it("lists every kernel a convnet needs that tfjs-backend-wasm lacks, before the first step", async () => {
    await useBackend('wasm');
    const model = convnet();
    const x = tf.ones([4, 6, 6, 1]);
    const y = tf.ones([4, 1]);
    const weights = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
    const message = /the active backend 'wasm' lacks 1 kernel this model needs to train: Conv2DBackpropFilter\. Choose a backend/;
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(message);
    expect(tf.getBackend()).toBe('wasm');
    // A second try (the loss tracker's state exists now) leaves the tensor count where it was.
    const before = tf.memory().numTensors;
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    // Nothing trained.
    expect(await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())))).toEqual(weights);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('passes a dense model on tfjs-backend-wasm, and can be switched off', async () => {
    await useBackend('wasm');
    const model = sequential([dense({ units: 1, inputShape: [3] })]);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.ones([4, 3]);
    const y = tf.ones([4, 1]);
    await model.fit(x, y, { verbose: 0 });
    const conv = convnet();
    const cx = tf.ones([2, 6, 6, 1]);
    const cy = tf.ones([2, 1]);
    // Without the check the same convnet fails at the first gradient, on the first missing kernel only.
    await expect(conv.fit(cx, cy, { verbose: 0, checkKernels: false })).rejects.toThrow(/Conv2DBackpropFilter/);
    [model, conv].forEach((m) => m.dispose());
    tf.dispose([x, y, cx, cy]);
  });
});
