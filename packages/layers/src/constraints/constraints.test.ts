import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { prelu } from '../layers/core/prelu.js';
import { getConstraint, maxNorm, MaxNorm, minMaxNorm, nonNeg, serializeConstraint, unitNorm } from './constraints.js';
import { applyConstraints } from './layer-constraints.js';

beforeAll(() => useBackend('cpu'));

const norms = (w: tf.Tensor, axis = 0) => Array.from(tf.sqrt(tf.sum(tf.square(w), axis)).dataSync());

describe('constraints', () => {
  it('project as Keras does', () => {
    const w = tf.tensor2d([[3, 0.1], [4, 0.2]]); // column norms 5 and ~0.224
    norms(maxNorm({ maxValue: 2 }).apply(w)).forEach((n, i) => expect(n).toBeCloseTo([2, Math.hypot(0.1, 0.2)][i]!, 5));
    norms(minMaxNorm({ minValue: 1, maxValue: 3 }).apply(w)).forEach((n, i) => expect(n).toBeCloseTo([3, 1][i]!, 5));
    norms(minMaxNorm({ minValue: 1, maxValue: 3, rate: 0.5 }).apply(w)).forEach((n, i) => expect(n).toBeCloseTo([4, (1 + Math.hypot(0.1, 0.2)) / 2][i]!, 5));
    norms(unitNorm().apply(w)).forEach((n) => expect(n).toBeCloseTo(1, 5));
    norms(unitNorm({ axis: 1 }).apply(w), 1).forEach((n) => expect(n).toBeCloseTo(1, 5));
    expect(Array.from(nonNeg().apply(tf.tensor1d([-1, 2])).dataSync())).toEqual([0, 2]);
  });

  it('serialise as Keras and resolve names, instances and configs', () => {
    expect(serializeConstraint(maxNorm({ maxValue: 3, axis: [0, 1] }))).toEqual({ class_name: 'MaxNorm', config: { max_value: 3, axis: [0, 1] } });
    expect(serializeConstraint(minMaxNorm())).toEqual({ class_name: 'MinMaxNorm', config: { min_value: 0, max_value: 1, rate: 1, axis: 0 } });
    expect((getConstraint({ class_name: 'MaxNorm', config: { max_value: 4, axis: 1 } }) as MaxNorm).maxValue).toBe(4);
    expect(getConstraint('max_norm')).toBeInstanceOf(MaxNorm);
    expect(getConstraint('non_neg')!.className).toBe('NonNeg');
    expect(() => getConstraint('positive', 'Dense "d"', 'kernelConstraint')).toThrow(/Dense "d": received an invalid value for `kernelConstraint`/);
    expect(() => minMaxNorm({ minValue: 2, maxValue: 1 })).toThrow(/`maxValue`/);
    expect(() => unitNorm({ axis: 0.5 })).toThrow(/`axis`/);
  });

  it('applyConstraints projects the weights of trainable layers only', () => {
    const layer = prelu({ alphaConstraint: nonNeg(), alphaInitializer: 'ones' });
    layer.ensureBuilt([null, 3]);
    layer.setWeights([tf.tensor1d([-1, 2, -3])]);
    layer.trainable = false;
    applyConstraints(layer);
    expect(Array.from(layer.getWeights()[0]!.dataSync())).toEqual([-1, 2, -3]);
    layer.trainable = true;
    applyConstraints(layer);
    expect(Array.from(layer.getWeights()[0]!.dataSync())).toEqual([0, 2, 0]);
    layer.dispose();
  });
});
