import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import * as layerwise from './index.js';

describe('the layerwise umbrella', () => {
  it('exports every package: layers, training, optimizers, callbacks, datasets, io, the backend', () => {
    for (const name of ['sequential', 'dense', 'conv2d', 'adam', 'rmsprop', 'EarlyStopping', 'ModelCheckpoint', 'loadMnist', 'imageDatasetFromDirectory', 'registerWasmBackend', 'useBackend', 'LayerwiseError']) {
      expect(layerwise, name).toHaveProperty(name);
    }
  });

  it('gathers pretrained networks, augmentation and visualisation as namespaces, and both backends', async () => {
    expect(layerwise.applications.vgg16).toBeTypeOf('function');
    expect(layerwise.applications.resnet50).toBeTypeOf('function');
    expect(layerwise.augment.imageDataGenerator).toBeTypeOf('function');
    expect(layerwise.augment.randomFlip).toBeTypeOf('function');
    expect(layerwise.vis.plotHistory).toBeTypeOf('function');
    expect(layerwise.vis.LiveHistoryChart).toBeTypeOf('function');
    expect(layerwise.webgpuBackendProvider.name).toBe('webgpu');
    expect(layerwise.wasmBackendProvider.name).toBe('layerwise-wasm');
    // An augmentation layer goes into a model built with the same import.
    await layerwise.useBackend('cpu');
    const model = layerwise.sequential([layerwise.augment.randomFlip({ mode: 'horizontal', seed: 1, inputShape: [4, 4, 1] }), layerwise.flatten()]);
    const y = model.predictOnBatch(tf.ones([2, 4, 4, 1])) as tf.Tensor;
    expect(y.shape).toEqual([2, 16]);
    tf.dispose(y);
    model.dispose();
  });

  it("keeps losses and metrics as namespaces where their class names collide, as Keras does", () => {
    expect(layerwise.losses.MeanSquaredError).not.toBe(layerwise.metrics.MeanSquaredError);
    expect(layerwise.MeanSquaredError).toBe(layerwise.losses.MeanSquaredError);
    expect(new layerwise.metrics.MeanSquaredError().name).toBeTypeOf('string');
  });

  it('exposes the tensor engine as tf, the same tfjs-core the packages use', () => {
    expect(layerwise.tf.engine()).toBe(tf.engine());
  });

  it('resolves the names two packages share to the class users expect', () => {
    expect(typeof layerwise.Callback).toBe('function');
    expect(typeof layerwise.LearningRateSchedule).toBe('function');
  });

  it('trains a model through the one import', async () => {
    await layerwise.useBackend('cpu');
    const model = layerwise.sequential([layerwise.dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: layerwise.sgd({ learningRate: 0.1 }), loss: 'meanSquaredError' });
    const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
    const y = tf.tensor2d([[1], [1], [2], [0]]);
    const history = await model.fit(x, y, { epochs: 20, batchSize: 4, verbose: 0 });
    const losses = history.history['loss']!;
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 4);
    model.dispose();
    tf.dispose([x, y]);
  });
});
