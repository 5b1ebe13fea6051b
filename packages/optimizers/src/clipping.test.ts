import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { clipByGlobalNorm, clipByNorm, clipGradients } from './clipping.js';
import { SGD, sgd } from './sgd.js';

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const NONE = { clipnorm: null, clipvalue: null, globalClipnorm: null };

describe('gradient clipping', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it('clipByNorm scales a gradient above the norm down to it and leaves the others', () => {
    const g = tf.tensor1d([3, 4]); // norm 5
    const zero = tf.zeros([2]);
    const clipped = clipByNorm(g, 1);
    const kept = clipByNorm(g, 10);
    const zeroKept = clipByNorm(zero, 1);
    expect(values(clipped)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(values(kept)).toEqual([3, 4]);
    expect(values(zeroKept)).toEqual([0, 0]);
    tf.dispose([g, zero, clipped, kept, zeroKept]);
  });

  it('clipByGlobalNorm scales all gradients by one factor, and gives NaN for a non-finite norm as Keras', () => {
    const a = tf.tensor1d([3]);
    const b = tf.tensor2d([[4]]); // global norm 5
    const clipped = clipByGlobalNorm([a, b], 1);
    const kept = clipByGlobalNorm([a, b], 10);
    expect(clipped.map(values)).toEqual([[Math.fround(0.6)], [Math.fround(0.8)]]);
    expect(clipped[1]!.shape).toEqual([1, 1]);
    expect(kept.map(values)).toEqual([[3], [4]]);
    const inf = tf.tensor1d([Infinity]);
    const nan = clipByGlobalNorm([a, inf], 1);
    expect(nan.map(values).flat().every(Number.isNaN)).toBe(true);
    tf.dispose([a, b, inf, ...clipped, ...kept, ...nan]);
  });

  it('clipGradients uses whichever setting is on, and returns the gradients themselves with none', () => {
    const g = tf.tensor1d([3, -4]);
    const [byValue] = clipGradients([g], { ...NONE, clipvalue: 3.5 });
    expect(values(byValue!)).toEqual([3, -3.5]);
    const [same] = clipGradients([g], NONE);
    expect(same).toBe(g);
    tf.dispose([g, byValue!]);
  });

  it('is applied by the optimizer before the update: SGD with lr 1 moves by the clipped gradient', () => {
    const cases: [ConstructorParameters<typeof SGD>[0], number[]][] = [
      [{ clipvalue: 0.5 }, [0.5, -0.2, -0.5]],
      [{ clipnorm: 1 }, [2 / Math.sqrt(13.04), -0.2 / Math.sqrt(13.04), -3 / Math.sqrt(13.04)]],
      [{ globalClipnorm: 13.04 ** 0.5 / 2 }, [1, -0.1, -1.5]],
    ];
    for (const [options, step] of cases) {
      const w = tf.tidy(() => tf.variable(tf.zeros([3])));
      const g = tf.tensor1d([2, -0.2, -3]); // norm sqrt(13.04)
      const optimizer = sgd({ learningRate: 1, ...options });
      optimizer.applyGradients([{ variable: w, gradient: g }]);
      values(w).forEach((v, i) => expect(v).toBeCloseTo(-step[i]!, 6));
      expect(values(g)).toEqual([2, Math.fround(-0.2), -3]); // the caller's gradient is untouched
      optimizer.dispose();
      tf.dispose([w, g]);
    }
  });

  it('clips by the global norm across all variables of a step', () => {
    const a = tf.tidy(() => tf.variable(tf.zeros([1])));
    const b = tf.tidy(() => tf.variable(tf.zeros([1])));
    const ga = tf.tensor1d([3]);
    const gb = tf.tensor1d([4]);
    const optimizer = sgd({ learningRate: 1, globalClipnorm: 1 });
    optimizer.applyGradients([
      { variable: a, gradient: ga },
      { variable: b, gradient: gb },
    ]);
    expect([a.dataSync()[0], b.dataSync()[0]]).toEqual([Math.fround(-0.6), Math.fround(-0.8)]);
    optimizer.dispose();
    tf.dispose([a, b, ga, gb]);
  });

  it('accepts one clipping setting at most, each greater than 0, as Keras', () => {
    expect(() => sgd({ clipnorm: 1, globalClipnorm: 2 })).toThrow(LayerwiseError);
    expect(() => sgd({ clipnorm: 1, clipvalue: 0.5 })).toThrow(
      'SGD: only one of `clipnorm`, `clipvalue` and `globalClipnorm` can be set. Received: clipnorm=1, clipvalue=0.5, globalClipnorm=null',
    );
    expect(() => sgd({ clipnorm: 0 })).toThrow('SGD: received an invalid value for `clipnorm`, expected a number in (0, inf). Received: clipnorm=0');
    expect(() => sgd({ clipvalue: -1 })).toThrow(/`clipvalue`, expected a number in \(0, inf\)\. Received: clipvalue=-1/);
    expect(() => sgd({ globalClipnorm: Infinity })).toThrow(/`globalClipnorm`/);
    expect(sgd({ clipnorm: null, clipvalue: 2 }).clipvalue).toBe(2);
  });
});
