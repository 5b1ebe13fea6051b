import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { sgd } from '@layerwise/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { activityRegularization, dense, prelu } from '../layers/index.js';
import { model } from '../models/functional.js';
import { totalRegularizationLoss } from '../regularizers/layer-losses.js';

beforeAll(() => useBackend('cpu'));

describe('the training step and the layers\' regularisers and constraints', () => {
  it('adds the regularisation penalties of the pass to the loss, in training and evaluation', async () => {
    const x = input({ shape: [3] });
    const hidden = dense({ units: 4, name: 'hidden' }).apply(x);
    const net = model({ inputs: x, outputs: dense({ units: 1 }).apply(activityRegularization({ l2: 0.5 }).apply(hidden)) });
    net.compile({ optimizer: sgd({ learningRate: 0.01 }), loss: 'mse' });
    const data = tf.randomNormal([6, 3], 0, 1, 'float32', 1);
    const target = tf.ones([6, 1]);
    const expected = tf.tidy(() => {
      const mse = tf.mean(tf.square(tf.sub(target, net.predictOnBatch(data))));
      const penalty = totalRegularizationLoss(net)!;
      return [mse.dataSync()[0]!, penalty.dataSync()[0]!] as const;
    });
    expect(expected[1]).toBeGreaterThan(0);
    const logs = await net.testOnBatch(data, target);
    expect(logs['loss']).toBeCloseTo(expected[0] + expected[1], 5);
    const trained = await net.trainOnBatch(data, target);
    expect(trained['loss']).toBeCloseTo(expected[0] + expected[1], 5);
    tf.dispose([data, target]);
    net.dispose();
  });

  it('projects constrained weights after every optimizer update', async () => {
    const x = input({ shape: [4] });
    const slopes = prelu({ alphaInitializer: 'ones', alphaConstraint: 'nonNeg', name: 'slopes' });
    const net = model({ inputs: x, outputs: dense({ units: 1, kernelInitializer: 'ones' }).apply(slopes.apply(x)) });
    net.compile({ optimizer: sgd({ learningRate: 100 }), loss: 'mse' });
    // Negative inputs and a large step push the slopes far below zero; the constraint brings them back to 0.
    const data = tf.fill([8, 4], -1);
    const target = tf.fill([8, 1], 50);
    await net.trainOnBatch(data, target);
    const alpha = slopes.getWeights()[0]!;
    expect(Math.min(...alpha.dataSync())).toBeGreaterThanOrEqual(0);
    tf.dispose([data, target, alpha]);
    net.dispose();
  });
});
