import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyConstraints } from '../constraints/layer-constraints.js';
import { dense } from '../layers/dense.js';
import { embedding } from '../layers/core/embedding.js';
import { lstm } from '../layers/recurrent/lstm.js';
import { bidirectional } from '../layers/recurrent/bidirectional.js';
import { activityRegularization } from '../layers/regularization/activity-regularization.js';
import { sequential } from '../models/sequential.js';
import { totalRegularizationLoss } from './layer-losses.js';
import { getRegularizer, L1L2, l1, l1l2, l2, serializeRegularizer } from './regularizers.js';

beforeAll(() => useBackend('cpu'));

describe('regularisers', () => {
  it('compute Keras penalties (no ½ on L2)', () => {
    const x = tf.tensor1d([1, -2, 3]);
    expect(l1(0.1).apply(x).dataSync()[0]).toBeCloseTo(0.6, 6);
    expect(l2(0.1).apply(x).dataSync()[0]).toBeCloseTo(1.4, 6);
    expect(l1l2({ l1: 0.1, l2: 0.1 }).apply(x).dataSync()[0]).toBeCloseTo(2, 6);
    expect(l1l2().apply(x).dataSync()[0]).toBe(0);
  });

  it('serialise as Keras and resolve names, instances and configs', () => {
    expect(serializeRegularizer(l2(0.5))).toEqual({ class_name: 'L2', config: { l2: 0.5 } });
    expect(serializeRegularizer(l1l2({ l1: 0.2 }))).toEqual({ class_name: 'L1L2', config: { l1: 0.2, l2: 0 } });
    expect(serializeRegularizer(undefined)).toBeNull();
    expect((getRegularizer('l1') as L1L2).l1).toBe(0.01);
    expect((getRegularizer({ class_name: 'L1L2', config: { l1: 0.3, l2: 0.4 } }) as L1L2).l2).toBe(0.4);
    const instance = l2();
    expect(getRegularizer(instance)).toBe(instance);
    expect(getRegularizer(undefined)).toBeUndefined();
    expect(() => getRegularizer('l3', 'Dense "d"', 'kernelRegularizer')).toThrow(/Dense "d": received an invalid value for `kernelRegularizer`.*Received: kernelRegularizer='l3'/);
    expect(() => getRegularizer({ class_name: 'Orthogonal', config: {} }, 'LSTM "l"')).toThrow(/unknown regularizer class 'Orthogonal'/);
    expect(() => l1(-1)).toThrow(/`l1`/);
  });
});

describe('the training hooks', () => {
  it('totalRegularizationLoss sums weight and activity penalties over a model, wrappers included', () => {
    const model = sequential([
      embedding({ inputDim: 5, outputDim: 3, embeddingsRegularizer: l2(0.1), inputShape: [4] }),
      bidirectional({ layer: lstm({ units: 2, kernelRegularizer: l1(0.01), returnSequences: true }) }),
      activityRegularization({ l2: 0.5 }),
    ]);
    expect(totalRegularizationLoss(model)).toBeDefined();
    const [emb, bi, act] = model.layers as [ReturnType<typeof embedding>, ReturnType<typeof bidirectional>, ReturnType<typeof activityRegularization>];
    const y = model.apply(tf.tensor2d([[1, 2, 3, 0]], undefined, 'int32'));
    const expected =
      0.1 * tf.sum(tf.square(emb.getWeights()[0]!)).dataSync()[0]! +
      0.01 * (tf.sum(tf.abs(bi.forwardLayer.getWeights()[0]!)).dataSync()[0]! + tf.sum(tf.abs(bi.backwardLayer.getWeights()[0]!)).dataSync()[0]!) +
      0.5 * tf.sum(tf.square(y)).dataSync()[0]!;
    const total = totalRegularizationLoss(model)!;
    expect(total.dataSync()[0]).toBeCloseTo(expected, 4);
    // Frozen layers add no weight penalty, as Keras counts trainable weights only.
    emb.trainable = false;
    bi.trainable = false;
    model.apply(tf.tensor2d([[1, 2, 3, 0]], undefined, 'int32'));
    expect(totalRegularizationLoss(model)!.dataSync()[0]).toBeCloseTo(0.5 * tf.sum(tf.square(y)).dataSync()[0]!, 4);
    expect(act.regularizationLoss()).toBeUndefined();
    model.dispose();
    expect(totalRegularizationLoss(sequential([dense({ units: 2, inputShape: [3] })]))).toBeUndefined();
  });

  it('a training step adding the penalty inside the tape and applying constraints after the update', () => {
    const model = sequential([embedding({ inputDim: 6, outputDim: 4, embeddingsRegularizer: l2(1), embeddingsConstraint: 'maxNorm', inputShape: [3] }), activityRegularization({ l1: 0.01 })]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.tensor2d([[1, 2, 3]], undefined, 'int32');
    const yTrue = tf.zeros([1, 3, 4]);
    const variables = model.trainableWeights.map((w) => w.variable);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const loss = tf.mean(tf.square(tf.sub(model.call(x, { training: true }), yTrue))) as tf.Scalar;
      const penalty = totalRegularizationLoss(model);
      return penalty ? tf.add(loss, penalty) : loss;
    }, variables);
    // The L2 penalty's gradient 2 * w reaches every row, including rows the batch never looked up.
    const w0 = variables[0]!.arraySync() as number[][];
    const g = grads[variables[0]!.name]!.arraySync() as number[][];
    g[5]!.forEach((v, j) => expect(v).toBeCloseTo(2 * w0[5]![j]!, 5));
    model.compiled.optimizer.applyGradients(variables.map((variable) => ({ variable, gradient: grads[variable.name]! })));
    tf.tidy(() => variables[0]!.assign(tf.mul(variables[0]!, 100)));
    applyConstraints(model);
    const norms = tf.tidy(() => tf.sqrt(tf.sum(tf.square(variables[0]!), 0)).dataSync());
    norms.forEach((n) => expect(n).toBeLessThanOrEqual(2 + 1e-4));
    tf.dispose([value]);
    tf.dispose(grads);
    // No tensor left behind by the penalty (its activity terms included) or the constraint.
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
