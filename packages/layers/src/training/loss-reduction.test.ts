import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { MeanSquaredError } from '@layerwise/losses';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

it("reduces each batch's loss as the loss' reduction says (reduceLoss), with sample weights", async () => {
  const x = tf.tensor2d([[1], [2], [3], [4]]);
  const y = tf.zeros([4, 1]);
  const sampleWeight = tf.tensor1d([1, 0, 2, 0]);
  const model = (reduction: 'sum' | 'sum_over_batch_size' | 'mean_with_sample_weight' | 'none') => {
    const m = sequential([dense({ units: 1, inputShape: [1], kernelInitializer: 'ones', biasInitializer: 'zeros' })]);
    m.compile({ optimizer: 'sgd', loss: new MeanSquaredError({ reduction }) });
    return m;
  };
  // Predictions are x itself: per-sample squared errors 1, 4, 9, 16.
  const models = { sum: model('sum'), mean: model('sum_over_batch_size'), weighted: model('mean_with_sample_weight'), none: model('none') };
  expect((await models.sum.testOnBatch(x, y))['loss']).toBeCloseTo(30, 5);
  expect((await models.mean.testOnBatch(x, y))['loss']).toBeCloseTo(7.5, 5);
  expect((await models.sum.testOnBatch(x, y, { sampleWeight }))['loss']).toBeCloseTo(19, 5);
  expect((await models.mean.testOnBatch(x, y, { sampleWeight }))['loss']).toBeCloseTo(19 / 4, 5);
  expect((await models.weighted.testOnBatch(x, y, { sampleWeight }))['loss']).toBeCloseTo(19 / 3, 5);
  // 'none' leaves one loss per sample: the step minimises (and logs) their mean.
  expect((await models.none.testOnBatch(x, y))['loss']).toBeCloseTo(7.5, 5);
  Object.values(models).forEach((m) => m.dispose());
  tf.dispose([x, y, sampleWeight]);
});
