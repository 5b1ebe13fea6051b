import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { useBackend } from './backend/use-backend.js';
import { alignTargets, checkTensor, sparseLabels } from './targets.js';
import { checkBoolean, checkOneOf, checkOptions } from './validation.js';

describe('shared validation', () => {
  it('rejects unknown options, non-booleans and values outside a set, naming them', () => {
    expect(() => checkOptions('Adam', { learningRate: 1, beta_1: 0.9 }, ['learningRate', 'beta1'])).toThrow(
      'Adam: received an unknown option `beta_1`; known options are learningRate, beta1. Received: beta_1=0.9',
    );
    expect(() => checkBoolean('f', 'shuffle', 'yes')).toThrow("Received: shuffle='yes'");
    expect(checkOneOf('f', 'mode', 'min', ['min', 'max'])).toBe('min');
    expect(() => checkOneOf('f', 'mode', 'up', ['min', 'max'])).toThrow("expected one of 'min', 'max'. Received: mode='up'");
  });

  it('checks targets and predictions, naming both shapes', async () => {
    await useBackend('cpu');
    const p = tf.zeros([4, 3]);
    expect(() => checkTensor('loss', 'yPred', [1, 2], 2)).toThrow('`yPred`, expected a tensor');
    expect(() => sparseLabels('loss', tf.zeros([4, 2]), p)).toThrow(/integer labels of shape \(4,\) or \(4, 1\)/);
    expect(() => alignTargets('loss', tf.zeros([4, 2]), p)).toThrow('yTrue.shape=(4, 2), yPred.shape=(4, 3)');
    const [t, q] = alignTargets('loss', tf.zeros([4, 3, 1]), p);
    expect(t.shape).toEqual([4, 3]);
    tf.dispose([p, t, q]);
  });
});
