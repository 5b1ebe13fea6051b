import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { Dice } from './dice.js';
import { Hinge } from './hinge.js';
import { Huber } from './huber.js';
import { KLDivergence } from './kl-divergence.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { mismatches } from './testing/numeric.js';
import { Tversky } from './tversky.js';

const close = { rtol: 1e-6, atol: 1e-6 };

describe('loss options and special cases', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  it('name bad options and the value received', () => {
    expect(() => new Huber({ delta: 0 })).toThrow(/Huber: received an invalid value for `delta`.*Received: delta=0/);
    expect(() => new BinaryFocalCrossentropy({ alpha: 1.5 })).toThrow(/BinaryFocalCrossentropy: .*`alpha`.*\[0, 1\].*Received: alpha=1\.5/);
    expect(() => new BinaryFocalCrossentropy({ gamma: -1 })).toThrow(/`gamma`.*Received: gamma=-1/);
    expect(() => new BinaryFocalCrossentropy({ applyClassBalancing: 1 } as never)).toThrow(/`applyClassBalancing`, expected a boolean/);
    expect(() => new CategoricalFocalCrossentropy({ alpha: [0.5, -1] })).toThrow(/`alpha`.*Received: alpha=\[0\.5,-1\]/);
    expect(() => new CategoricalCrossentropy({ axis: 1.5 })).toThrow(/`axis`, expected an integer.*Received: axis=1\.5/);
    expect(() => new Dice({ axis: [1, 1] })).toThrow(/Dice: .*`axis`.*distinct integers.*Received: axis=\[1,1\]/);
    expect(() => new Tversky({ beta: -0.1 })).toThrow(/Tversky: .*`beta`.*Received: beta=-0\.1/);
    expect(() => new Hinge({ delta: 1 } as never)).toThrow(/Hinge: received an unknown option `delta`/);
  });

  it('reject an axis that is the batch axis or outside the inputs, when called', () => {
    const t = tf.ones([2, 3]);
    const cases: [string, () => Tensor][] = [
      ['CategoricalCrossentropy', () => new CategoricalCrossentropy({ axis: 0 }).call(t, t)],
      ['CategoricalCrossentropy', () => new CategoricalCrossentropy({ axis: -3 }).call(t, t)],
      ['SparseCategoricalCrossentropy', () => new SparseCategoricalCrossentropy({ axis: 2 }).call(tf.zeros([2]), t)],
      ['CosineSimilarity', () => new CosineSimilarity({ axis: 0 }).call(t, t)],
      ['BinaryCrossentropy', () => new BinaryCrossentropy({ axis: 2 }).call(t, t)],
      ['Dice', () => new Dice({ axis: [0, 1] }).call(t, t)],
    ];
    for (const [owner, run] of cases) {
      expect(run).toThrow(LayerwiseError);
      expect(run).toThrow(new RegExp(`${owner}: received an invalid value for \`axis\`, expected (an axis|axes).*rank 2`));
    }
    const row = tf.ones([3]);
    const ok = new BinaryCrossentropy({ axis: -1 }).call(row, row); // rank 1: one value per sample
    expect(ok.shape).toEqual([3]);
    tf.dispose([t, row, ok]);
  });

  it('CategoricalFocalCrossentropy needs one alpha per class', () => {
    const t = tf.ones([2, 3]);
    expect(() => new CategoricalFocalCrossentropy({ alpha: [1, 2] }).call(t, t)).toThrow(/`alpha`, expected one weight per class \(3\)/);
    t.dispose();
  });

  it('focal losses with gamma 0 (and alpha 1) are the plain cross-entropies', () => {
    const z = tf.tensor2d([[1, 0, 1], [0, 0, 1]]);
    const x = tf.tensor2d([[0.3, -2, 1.2], [0.1, 4, -0.7]]);
    const [bce, bfce, cce, cfce] = tf.tidy(() => [
      new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }).call(z, x),
      new BinaryFocalCrossentropy({ fromLogits: true, labelSmoothing: 0.1, gamma: 0 }).call(z, x),
      new CategoricalCrossentropy({ labelSmoothing: 0.2 }).call(z, tf.softmax(x)),
      new CategoricalFocalCrossentropy({ labelSmoothing: 0.2, gamma: 0, alpha: 1 }).call(z, tf.softmax(x)),
    ]);
    expect(mismatches(bfce!.dataSync(), bce!.dataSync(), close)).toEqual([]);
    expect(mismatches(cfce!.dataSync(), cce!.dataSync(), close)).toEqual([]);
    tf.dispose([z, x, bce!, bfce!, cce!, cfce!]);
  });

  it('Hinge converts {0, 1} labels only when every label of the batch is 0 or 1', () => {
    const p = tf.tensor2d([[0.5], [0.5]]);
    const binary = tf.tensor2d([[0], [1]]);
    const mixed = tf.tensor2d([[0], [-1]]);
    const a = new Hinge().call(binary, p); // labels -1, 1: margins 1.5, 0.5
    const b = new Hinge().call(mixed, p); // labels 0, -1 unchanged: margins 1, 1.5
    expect(Array.from(a.dataSync())).toEqual([1.5, 0.5]);
    expect(Array.from(b.dataSync())).toEqual([1, 1.5]);
    tf.dispose([p, binary, mixed, a, b]);
  });

  it('CosineSimilarity is 0 for a zero vector, with a finite gradient', () => {
    const t = tf.tensor2d([[0, 0], [1, 1]]);
    const p = tf.tensor2d([[1, 2], [0, 0]]);
    const loss = new CosineSimilarity();
    const out = loss.call(t, p);
    expect(Array.from(out.dataSync()).map(Math.abs)).toEqual([0, 0]);
    const g = tf.grad((x: Tensor) => tf.sum(loss.call(t, x)))(p);
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([t, p, out, g]);
  });

  it('KLDivergence clips both sides to [1e-7, 1]: a zero target adds about nothing', () => {
    const out = tf.tidy(() => new KLDivergence().call(tf.tensor2d([[0, 1]]), tf.tensor2d([[0.5, 0.5]])));
    expect(mismatches(out.dataSync(), [1e-7 * Math.log(1e-7 / 0.5) + Math.log(2)], { rtol: 1e-6, atol: 1e-7 })).toEqual([]);
    out.dispose();
  });

  it('Tversky with alpha = beta = 0.5 is Dice', () => {
    const t = tf.tensor2d([[1, 0, 1, 1], [0, 1, 0, 0]]);
    const p = tf.tensor2d([[0.9, 0.2, 0.4, 0.7], [0.3, 0.6, 0.1, 0.2]]);
    const a = new Tversky({ axis: 1 }).call(t, p);
    const b = new Dice({ axis: 1 }).call(t, p);
    expect(mismatches(a.dataSync(), b.dataSync(), close)).toEqual([]);
    tf.dispose([t, p, a, b]);
  });
});
