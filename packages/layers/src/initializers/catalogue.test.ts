import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { configToArgs } from '../engine/serialization.js';
import { getInitializer, identity, lecunNormal, lecunUniform, orthogonal, randomNormal, randomUniform, truncatedNormal } from './index.js';

beforeAll(() => useBackend('cpu'));

const stats = (t: tf.Tensor) => {
  const { mean, variance } = tf.moments(t);
  return { mean: mean.dataSync()[0]!, std: Math.sqrt(variance.dataSync()[0]!), min: tf.min(t).dataSync()[0]!, max: tf.max(t).dataSync()[0]! };
};

describe('initialisers of the Keras catalogue', () => {
  it('draw from the documented distributions', () => {
    const n = stats(randomNormal({ mean: 1, stddev: 0.5, seed: 1 }).apply([200, 100]));
    expect(n.mean).toBeCloseTo(1, 1);
    expect(n.std).toBeCloseTo(0.5, 1);
    const u = stats(randomUniform({ minval: -2, maxval: 3, seed: 1 }).apply([200, 100]));
    expect(u.min).toBeGreaterThanOrEqual(-2);
    expect(u.max).toBeLessThan(3);
    const t = stats(truncatedNormal({ stddev: 1, seed: 1 }).apply([200, 100]));
    expect(Math.max(-t.min, t.max)).toBeLessThanOrEqual(2);
    const ln = stats(lecunNormal({ seed: 2 }).apply([400, 50]));
    expect(ln.std).toBeCloseTo(Math.sqrt(1 / 400), 2);
    const lu = stats(lecunUniform({ seed: 2 }).apply([400, 50]));
    expect(lu.max).toBeLessThanOrEqual(Math.sqrt(3 / 400));
  });

  it('are reproducible with a seed: the same sequence of draws', () => {
    const a = randomNormal({ seed: 5 });
    const b = randomNormal({ seed: 5 });
    expect(Array.from(a.apply([4]).dataSync())).toEqual(Array.from(b.apply([4]).dataSync()));
    expect(Array.from(a.apply([4]).dataSync())).toEqual(Array.from(b.apply([4]).dataSync()));
  });

  it('Orthogonal gives orthonormal columns (or rows), times gain; Identity the identity', () => {
    for (const shape of [[6, 4], [4, 6], [2, 3, 4]]) {
      const q = tf.reshape(orthogonal({ gain: 2, seed: 3 }).apply(shape), [-1, shape.at(-1)!]);
      const gram = q.shape[0]! >= q.shape[1]! ? tf.matMul(q, q, true, false) : tf.matMul(q, q, false, true);
      const eye = tf.mul(tf.eye(gram.shape[0]!), 4);
      expect(tf.max(tf.abs(tf.sub(gram, eye))).dataSync()[0]).toBeLessThan(1e-4);
    }
    expect(Array.from(identity({ gain: 3 }).apply([2, 3]).dataSync())).toEqual([3, 0, 0, 0, 3, 0]);
    expect(() => identity().apply([2, 2, 2])).toThrow(/2-D shape/);
    expect(() => orthogonal().apply([3])).toThrow(/rank >= 2/);
  });

  it('resolve by Keras names and round-trip through layer configs', () => {
    for (const name of ['random_normal', 'randomUniform', 'truncated_normal', 'orthogonal', 'identity', 'lecun_normal', 'lecunUniform', 'uniform', 'normal']) {
      expect(getInitializer(name).className).toBeTruthy();
    }
    for (const init of [randomNormal({ mean: 1, seed: 2 }), randomUniform({ maxval: 1 }), truncatedNormal(), orthogonal({ gain: 2 }), identity(), lecunNormal({ seed: 1 }), lecunUniform()]) {
      const args = configToArgs({ kernel_initializer: { class_name: init.className, config: init.getConfig() } });
      const back = args['kernelInitializer'] as typeof init;
      expect(back.className).toBe(init.className);
      expect(back.getConfig()).toEqual(init.getConfig());
    }
  });
});
