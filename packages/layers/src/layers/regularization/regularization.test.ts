import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLayerTest } from '../../testing/index.js';
import { activityRegularization } from './activity-regularization.js';
import { alphaDropout } from './alpha-dropout.js';
import { gaussianDropout } from './gaussian-dropout.js';
import { gaussianNoise } from './gaussian-noise.js';
import { spatialDropout1d } from './spatial-dropout1d.js';
import { spatialDropout2d } from './spatial-dropout2d.js';

beforeAll(() => useBackend('cpu'));

const none = { trainable: 0, nonTrainable: 0 };
const identityAtInference = (layer: { apply(x: tf.Tensor, c?: { training: boolean }): tf.Tensor }) => {
  const x = tf.randomNormal([4, 3, 5], 0, 1, 'float32', 1);
  expect(Array.from(layer.apply(x, { training: false }).dataSync())).toEqual(Array.from(x.dataSync()));
};

describe('regularisation layers', () => {
  it('pass the conformance harness', () => {
    runLayerTest({ create: () => spatialDropout1d({ rate: 0.5, seed: 1 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeights: none });
    runLayerTest({ create: () => spatialDropout2d({ rate: 0.5 }), inputShape: [2, 3, 3, 4], expectedOutputShape: [2, 3, 3, 4], expectedWeights: none });
    runLayerTest({ create: () => gaussianNoise({ stddev: 0.1, seed: 2 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeights: none });
    runLayerTest({ create: () => gaussianDropout({ rate: 0.3 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeights: none });
    runLayerTest({ create: () => alphaDropout({ rate: 0.2, noiseShape: [null, 1], seed: 4 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeights: none });
    runLayerTest({ create: () => activityRegularization({ l1: 0.1, l2: 0.01 }), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedWeights: none });
  });

  it('are the identity at inference', () => {
    [spatialDropout1d({ rate: 0.5 }), gaussianNoise({ stddev: 1 }), gaussianDropout({ rate: 0.5 }), alphaDropout({ rate: 0.5 }), activityRegularization({ l1: 1 })].forEach(identityAtInference);
  });

  it('SpatialDropout drops whole channels, the same at every position, and rescales the rest', () => {
    const y = spatialDropout2d({ rate: 0.5, seed: 3 }).apply(tf.ones([2, 4, 4, 8]), { training: true });
    const values = y.arraySync() as number[][][][];
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 8; c++) {
        const first = values[b]![0]![0]![c]!;
        expect([0, 2]).toContain(first);
        values[b]!.forEach((row) => row.forEach((px) => expect(px[c]).toBe(first)));
      }
    }
  });

  it('the noise layers have the statistics Keras gives them', () => {
    const x = tf.ones([20000]);
    const noisy = gaussianNoise({ stddev: 0.5, seed: 1 }).apply(x, { training: true });
    const { mean, variance } = tf.moments(noisy);
    expect(mean.dataSync()[0]).toBeCloseTo(1, 1);
    expect(Math.sqrt(variance.dataSync()[0]!)).toBeCloseTo(0.5, 1);
    const dropped = gaussianDropout({ rate: 0.2, seed: 1 }).apply(x, { training: true });
    expect(Math.sqrt(tf.moments(dropped).variance.dataSync()[0]!)).toBeCloseTo(0.5, 1);
    // AlphaDropout keeps zero mean and unit variance for standard normal inputs.
    const z = tf.randomNormal([20000], 0, 1, 'float32', 5);
    const alpha = tf.moments(alphaDropout({ rate: 0.3, seed: 2 }).apply(z, { training: true }));
    expect(alpha.mean.dataSync()[0]).toBeCloseTo(0, 1);
    expect(alpha.variance.dataSync()[0]).toBeCloseTo(1, 1);
  });

  it('ActivityRegularization records l1 * sum|x| + l2 * sum x² of its last call, handed over once', () => {
    const layer = activityRegularization({ l1: 0.5, l2: 2 });
    expect(layer.regularizationLoss()).toBeUndefined();
    layer.apply(tf.tensor2d([[1, -2], [0, 3]]));
    layer.apply(tf.tensor2d([[1, 0]]));
    expect(layer.regularizationLoss()!.dataSync()[0]).toBeCloseTo(2.5, 5);
    expect(layer.regularizationLoss()).toBeUndefined();
    layer.apply(tf.tensor2d([[1, -2], [0, 3]]));
    const before = tf.memory().numTensors;
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before - 1);
  });

  it('reject bad arguments naming the layer and the value', () => {
    expect(() => spatialDropout1d({ rate: 1 })).toThrow(/SpatialDropout1D "spatial_dropout1d.*`rate`/);
    expect(() => spatialDropout2d({ rate: 0.1, dataFormat: 'channels_first' as never })).toThrow(/channels_last/);
    expect(() => spatialDropout1d({ rate: 0.1 }).apply(tf.zeros([2, 3]))).toThrow(/rank 3/);
    expect(() => gaussianNoise({ stddev: -1 })).toThrow(/`stddev`/);
    expect(() => alphaDropout({ rate: 0.1, noiseShape: [0] })).toThrow(/`noiseShape`/);
    expect(() => activityRegularization({ l1: -1 })).toThrow(/`l1`/);
  });
});
