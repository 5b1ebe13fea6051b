import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../../engine/input-layer.js';
import { model } from '../../models/functional.js';
import { sequential } from '../../models/sequential.js';
import { embedding } from '../core/embedding.js';
import { dense } from '../dense.js';
import { softmax } from './relu-family.js';

beforeAll(() => useBackend('cpu'));

const close = (actual: tf.Tensor, expected: number[]) => {
  const a = Array.from(actual.dataSync());
  expect(a.length).toBe(expected.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
};

/** exp(v - max) / sum, by hand. */
const soft = (v: number[]) => {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

describe('Softmax with a mask (Keras 3)', () => {
  it('gives masked positions probability 0 and shares all of it among the rest (a mask of the input shape)', () => {
    const before = tf.memory().numTensors;
    const x = tf.tensor2d([
      [1, 2, 3, 4],
      [0.5, -1, 2, 0],
    ]);
    const mask = tf.tensor2d(
      [
        [true, false, true, false],
        [false, false, false, false],
      ],
      undefined,
      'bool',
    );
    const y = softmax().apply(x, { training: false, mask });
    const [a, c] = soft([1, 3]);
    // A row masked throughout is all zeros, not uniform.
    close(y, [a!, 0, c!, 0, 0, 0, 0, 0]);
    expect(a).toBeCloseTo(Math.exp(1) / (Math.exp(1) + Math.exp(3)), 12);
    // 0/1 masks count as true above 0.5.
    const numeric = softmax().apply(x, { training: false, mask: tf.tensor2d([[1, 0, 1, 0], [0, 0, 0, 0]]) });
    close(numeric, [a!, 0, c!, 0, 0, 0, 0, 0]);
    tf.dispose([x, mask, y, numeric]);
    expect(tf.memory().numTensors).toBe(before + 1); // the 0/1 mask made inline
  });

  it('broadcasts a mask from the last axis (attention scores) or over the trailing axes (a model mask), over any axis', () => {
    // Scores [batch 1, queries 2, keys 3] with a key mask [1, 1, 3].
    const scores = tf.tensor3d([[[1, 2, 3], [3, 2, 1]]]);
    const keys = tf.tensor3d([[[true, true, false]]], undefined, 'bool');
    close(softmax().apply(scores, { training: false, mask: keys }), [...soft([1, 2]), 0, ...soft([3, 2]), 0]);
    // Attention pooling: scores [batch 1, steps 3, 1], softmax over the steps, the steps' mask [1, 3].
    const steps = tf.tensor3d([[[0.5], [1.5], [9]]]);
    const stepMask = tf.tensor2d([[true, true, false]], undefined, 'bool');
    close(softmax({ axis: 1 }).apply(steps, { training: false, mask: stepMask }), [...soft([0.5, 1.5]), 0]);
    tf.dispose([scores, keys, steps, stepMask]);
  });

  it('uses the mask a model carries (Embedding maskZero), passes it on, and is differentiable', () => {
    const ids = input({ shape: [3], dtype: 'int32' });
    const scores = dense({ units: 1, kernelInitializer: 'ones', biasInitializer: 'zeros' }).apply(
      embedding({ inputDim: 4, outputDim: 1, maskZero: true, embeddingsInitializer: 'ones' }).apply(ids),
    );
    const probs = softmax({ axis: 1 }).apply(scores);
    expect(probs.masked).toBe(true);
    const net = model({ inputs: ids, outputs: probs });
    const x = tf.tensor2d([[2, 1, 0]], undefined, 'int32');
    const { outputs, masks } = net.forwardWithMasks(x);
    // Every valid step scores 1: the two share the probability; the padding gets 0.
    close(outputs[0]!, [0.5, 0.5, 0]);
    expect(Array.from(masks[0]!.dataSync())).toEqual([1, 1, 0]);
    tf.dispose([...outputs, masks[0]!]);

    const layer = softmax();
    const logits = tf.tensor2d([[1, 2, 3]]);
    const mask = tf.tensor2d([[true, true, false]], undefined, 'bool');
    const before = tf.memory().numTensors;
    const grad = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(layer.apply(z, { training: false, mask }), tf.tensor2d([[1, 0, 5]]))))(logits);
    // d p0 / d z = p0 (1 - p0) at z0, -p0 p1 at z1, 0 at the masked z2.
    const [p0, p1] = soft([1, 2]);
    close(grad, [p0! * (1 - p0!), -p0! * p1!, 0]);
    grad.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, logits, mask]);
    net.dispose();
  });

  it('names the layer when the mask fits neither way, and changes nothing without a mask', () => {
    const x = tf.ones([2, 3, 4]);
    const mask = tf.ones([3, 2], 'bool');
    expect(() => softmax({ name: 'probs' }).apply(x, { training: false, mask })).toThrow(
      /Softmax "probs": the mask must have the input's leading axes, or broadcast .* received a mask of shape \(3, 2\) for an input of shape \(2, 3, 4\)/,
    );
    const net = sequential([softmax({ inputShape: [4] })]);
    const plain = net.predictOnBatch(tf.tensor2d([[1, 2, 3, 4]]));
    close(plain, soft([1, 2, 3, 4]));
    tf.dispose([x, mask, plain]);
    net.dispose();
  });
});
