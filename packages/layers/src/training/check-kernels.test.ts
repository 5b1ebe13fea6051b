import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { afterAll, describe, expect, it } from 'vitest';
import { conv2d } from '../layers/convolutional/conv2d.js';
import { dense } from '../layers/dense.js';
import { flatten } from '../layers/flatten.js';
import { batchNormalization } from '../layers/normalization/batch-normalization.js';
import { sequential } from '../models/sequential.js';
import type { Model } from '../models/model.js';

afterAll(() => useBackend('cpu'));

const compileOptions = { optimizer: 'sgd', loss: 'meanSquaredError' } as const;
const convLayers = (inputShape?: number[]) => [conv2d({ filters: 2, kernelSize: 3, ...(inputShape ? { inputShape } : {}) }), flatten(), dense({ units: 1 })];
const missing = /the active backend 'wasm' lacks 1 kernel this model needs to train: Conv2DBackpropFilter\. Choose a backend/;
const values = (model: Model) => Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));

describe('the kernel check (tfjs-backend-wasm has no Conv2DBackpropFilter)', () => {
  it('throws at compile when the input shapes are known, listing the missing kernels and leaving the model as it was', async () => {
    // Compile traces synchronously, on tfjs-backend-cpu once it is loaded (fit loads it when it is not).
    await useBackend('cpu');
    await useBackend('wasm');
    const model = sequential(convLayers([6, 6, 1]));
    const weights = await values(model);
    const before = tf.memory().numTensors;
    expect(() => model.compile({ ...compileOptions })).toThrow(new RegExp(`compile: ${missing.source}`));
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.getBackend()).toBe('wasm');
    expect(await values(model)).toEqual(weights);
    // Not compiled: fit says so.
    const x = tf.ones([2, 6, 6, 1]);
    const y = tf.ones([2, 1]);
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/call compile/);
    // Switched off, compile passes and the first gradient fails, on the first missing kernel only.
    model.compile({ ...compileOptions, checkKernels: false });
    await expect(model.fit(x, y, { verbose: 0, checkKernels: false })).rejects.toThrow(/Conv2DBackpropFilter/);
    expect(() => model.compile({ ...compileOptions, checkKernels: 'no' as never })).toThrow(/`checkKernels`/);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('checks at the first batch of fit when the shapes are unknown at compile, before any step', async () => {
    await useBackend('wasm');
    const model = sequential(convLayers());
    model.compile({ ...compileOptions });
    const x = tf.ones([4, 6, 6, 1]);
    const y = tf.ones([4, 1]);
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(new RegExp(`fit: ${missing.source}`));
    const weights = await values(model);
    const before = tf.memory().numTensors;
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(missing);
    expect(tf.memory().numTensors).toBe(before);
    expect(await values(model)).toEqual(weights);
    model.dispose();
    tf.dispose([x, y]);
  });

  it("passes a dense model with BatchNormalization, whose moving statistics the trace leaves alone", async () => {
    await useBackend('wasm');
    const model = sequential([dense({ units: 3, inputShape: [4] }), batchNormalization(), dense({ units: 1 })]);
    const weights = await values(model);
    const before = tf.memory().numTensors;
    model.compile({ ...compileOptions });
    expect(tf.memory().numTensors).toBe(before);
    expect(await values(model)).toEqual(weights);
    const x = tf.randomNormal([8, 4], 0, 1, 'float32', 1);
    const y = tf.ones([8, 1]);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(history.history['loss']).toHaveLength(2);
    model.dispose();
    tf.dispose([x, y]);
  });
});
