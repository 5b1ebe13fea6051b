import * as tf from '@tensorflow/tfjs-core';
import { activeBackend, describeBackend, useBackend, type Batch } from '@layerwise/core';
import { EarlyStopping } from '@layerwise/callbacks';
import { adam } from '@layerwise/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense, dropout } from '../layers/index.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

/** Two Gaussian blobs, linearly separable: labels 0 and 1. */
function blobs(n: number, seed: number) {
  return tf.tidy(() => {
    const labels = tf.cast(tf.greater(tf.randomUniform([n], 0, 1, 'float32', seed), 0.5), 'int32');
    const centers = tf.mul(tf.sub(tf.cast(tf.expandDims(labels, 1), 'float32'), 0.5), 4);
    const x = tf.add(tf.tile(centers, [1, 4]), tf.randomNormal([n, 4], 0, 1, 'float32', seed + 1));
    return { x, y: labels };
  });
}

function classifier(seed = 1) {
  return sequential([
    dense({ units: 8, activation: 'relu', inputShape: [4], kernelInitializer: tfInit(seed) }),
    dropout({ rate: 0.1, seed }),
    dense({ units: 2, activation: 'softmax', kernelInitializer: tfInit(seed + 1) }),
  ]);
}
const tfInit = (seed: number) => ({ className: 'GlorotUniform', apply: (s: readonly number[]) => tf.randomUniform([...s], -0.5, 0.5, 'float32', seed), getConfig: () => ({ seed }) });

describe('fit, evaluate, predict', () => {
  it('learns a separable problem and reports Keras-style history, leaking no tensors', async () => {
    const { x, y } = blobs(256, 3);
    const model = classifier();
    model.compile({ optimizer: adam({ learningRate: 0.02 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(x, y, { epochs: 1, verbose: 0 }); // creates the optimizer's slot variables
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 5, batchSize: 32, validationSplit: 0.25, verbose: 0, seed: 1 });
    expect(Object.keys(history.history).sort()).toEqual(['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    expect(history.history['loss']).toHaveLength(5);
    expect(history.history['loss']![4]!).toBeLessThan(history.history['loss']![0]!);
    const logs = await model.evaluate(x, y, { batchSize: 64 });
    expect(logs['accuracy']).toBeGreaterThan(0.95);
    expect(logs['loss']).toBeGreaterThan(0);
    const probs = await model.predict(x, { batchSize: 100 });
    expect(probs.shape).toEqual([256, 2]);
    probs.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('trains from an iterable of batches and validates on validationData', async () => {
    const { x, y } = blobs(128, 5);
    const model = classifier(2);
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['acc'] });
    const batches = {
      *[Symbol.iterator](): Iterator<Batch> {
        for (let i = 0; i < 128; i += 32) yield { x: tf.slice(x, i, 32), y: tf.slice(y, i, 32) };
      },
    };
    await model.fit(batches, { epochs: 1, verbose: 0 }); // creates the metric's state variables
    const before = tf.memory().numTensors;
    const history = await model.fit(batches, { epochs: 2, verbose: 0, validationData: [x, y] });
    expect(history.history['acc']).toHaveLength(2);
    expect(history.history['val_acc']).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('stops early through a callback', async () => {
    const { x, y } = blobs(64, 7);
    const model = classifier(3);
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const stopper = new EarlyStopping({ monitor: 'loss', patience: 0, minDelta: 10 });
    const history = await model.fit(x, y, { epochs: 10, verbose: 0, callbacks: [stopper] });
    expect(history.history['loss']).toHaveLength(2);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('prints a progress bar with verbose 1', async () => {
    const { x, y } = blobs(64, 9);
    const model = classifier(4);
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const { ProgressBar } = await import('@layerwise/callbacks');
    let text = '';
    const bar = new ProgressBar({ stream: { write: (t: string) => (text += t), isTTY: false } });
    await model.fit(x, y, { epochs: 2, batchSize: 16, verbose: 1, callbacks: [bar] });
    // The first line names the backend the run computes on and how it was chosen.
    expect(text.split('\n')[0]).toBe(`Training on ${describeBackend(activeBackend())}`);
    expect(text.split('\n')[0]).toMatch(new RegExp(`^Training on ${tf.getBackend()} \\(`));
    expect(text).toContain('Epoch 1/2');
    expect(text).toContain('Epoch 2/2');
    expect(text).toMatch(/4\/4 .*loss: \d\.\d{4} - accuracy: \d\.\d{4}/);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('gives clear errors that leave no tensors behind', async () => {
    const { x, y } = blobs(32, 11);
    const model = classifier(5);
    expect(() => model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropyy' })).toThrow(/sparseCategoricalCrossentropyy/);
    await expect(model.fit(x, y, { verbose: 0 })).rejects.toThrow(/call compile/);
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    const before = tf.memory().numTensors;
    const wrong = tf.zeros([32, 5]);
    await expect(model.fit(wrong, y, { verbose: 0 })).rejects.toThrow(
      /Input 0 of layer "dense(_\d+)?" is incompatible with the layer: expected shape \(None, 4\), but received input with shape \(32, 5\)/,
    );
    const short = tf.slice(y, 0, 10);
    await expect(model.fit(x, short, { verbose: 0 })).rejects.toThrow(/same number of samples.*\(32, 4\).*\(10,\)/);
    short.dispose();
    await expect(model.fit(x, y, { verbose: 0, validationSplit: 1.5 })).rejects.toThrow(/`validationSplit`.*Received: validationSplit=1.5/);
    await expect(model.fit(x, y, { verbose: 0, epochs: 0 })).rejects.toThrow(/`epochs`/);
    await expect(model.fit([], { verbose: 0 })).rejects.toThrow(/no batches/);
    // Targets of the wrong shape fail inside the recorded forward pass: the tape's saved tensors are released.
    const badTargets = tf.zeros([32, 7]);
    await expect(model.fit(x, badTargets, { verbose: 0 })).rejects.toThrow(/sparseCategoricalCrossentropy|SparseCategoricalCrossentropy|shape/);
    await expect(model.trainOnBatch(x, badTargets)).rejects.toThrow();
    badTargets.dispose();
    wrong.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });
});
