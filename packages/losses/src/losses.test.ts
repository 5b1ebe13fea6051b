import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { checkSparseLabels } from './check-sparse-labels.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { Dice } from './dice.js';
import { Hinge } from './hinge.js';
import { Huber } from './huber.js';
import { KLDivergence } from './kl-divergence.js';
import { LogCosh } from './log-cosh.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Poisson } from './poisson.js';
import { SparseCategoricalCrossentropy, sparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SquaredHinge } from './squared-hinge.js';
import { mismatches } from './testing/numeric.js';
import { Tversky } from './tversky.js';

const close = { rtol: 1e-6, atol: 1e-6 };

describe('losses', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('read nothing back from the device (the label guard included)', () => {
    const reads = ['dataSync', 'data', 'arraySync', 'array', 'bufferSync', 'buffer'] as const;
    const labels = tf.tensor1d([0, 7, 1]);
    const probs = tf.tensor2d([[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]]);
    const weights = tf.tensor1d([1, 0, 2]);
    const spies = reads.map((method) => vi.spyOn(tf.Tensor.prototype, method));
    const sameShape = [
      new CategoricalCrossentropy({ labelSmoothing: 0.1 }),
      new BinaryCrossentropy({ fromLogits: true }),
      new BinaryFocalCrossentropy({ applyClassBalancing: true }),
      new CategoricalFocalCrossentropy({ fromLogits: true }),
      new MeanSquaredError(),
      new MeanAbsoluteError(),
      new MeanAbsolutePercentageError(),
      new MeanSquaredLogarithmicError(),
      new Huber(),
      new LogCosh(),
      new KLDivergence(),
      new Poisson(),
      new CosineSimilarity(),
      new Hinge(),
      new SquaredHinge(),
      new CategoricalHinge(),
      new Dice(),
      new Tversky({ axis: 1, reduction: 'sum' }),
    ];
    const outputs = [new SparseCategoricalCrossentropy().call(labels, probs), ...sameShape.map((l) => l.call(probs, probs))];
    const reduced = sameShape.map((l, i) => l.reduce(outputs[i + 1]!, weights));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    probs.dataSync(); // the spies do see reads
    expect(spies[0]).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
    tf.dispose([labels, probs, weights, ...outputs, ...reduced]);
  });

  describe('SparseCategoricalCrossentropy', () => {
    it('gives -log softmax of the labelled class, the same for every label layout and dtype', () => {
      const logits = tf.tensor2d([[0.1, 0.2, 3], [2, 0, -1]]);
      const expected = [0, 1].map((row) => {
        const values = [[0.1, 0.2, 3], [2, 0, -1]][row]!;
        const label = [2, 0][row]!;
        return Math.log(values.reduce((s, v) => s + Math.exp(v), 0)) - values[label]!;
      });
      const loss = sparseCategoricalCrossentropy({ fromLogits: true });
      const layouts = [
        tf.tensor1d([2, 0], 'int32'),
        tf.tensor1d([2, 0], 'float32'),
        tf.tensor2d([[2], [0]], [2, 1], 'int32'),
        tf.tensor2d([[2], [0]], [2, 1], 'float32'),
      ];
      const before = tf.memory().numTensors;
      for (const labels of layouts) {
        const out = loss.call(labels, logits);
        expect(out.shape).toEqual([2]);
        expect(mismatches(out.dataSync(), expected, close)).toEqual([]);
        out.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([logits, ...layouts]);
    });

    it('stays finite for extreme logits', () => {
      const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
      const out = tf.tidy(() => loss.call(tf.tensor1d([1, 0], 'int32'), tf.tensor2d([[1000, -1000], [-500, 500]])));
      expect(Array.from(out.dataSync())).toEqual([2000, 1000]);
      out.dispose();
    });

    it('gives NaN (not a silent 0) for the samples whose label is not a class index', () => {
      const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
      const out = tf.tidy(() =>
        loss.call(tf.tensor1d([0, 3, -1, 1, 2.5, 2]), tf.tensor2d([[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]])),
      );
      const values = Array.from(out.dataSync());
      expect(values.map(Number.isNaN)).toEqual([false, true, true, false, true, false]);
      out.dispose();
      const intOut = tf.tidy(() => loss.call(tf.tensor1d([5, 1], 'int32'), tf.tensor2d([[1, 2], [3, 4]])));
      expect(Array.from(intOut.dataSync()).map(Number.isNaN)).toEqual([true, false]);
      intOut.dispose();
    });

    it('rejects labels whose shape does not match the predictions', () => {
      const loss = new SparseCategoricalCrossentropy();
      const labels = tf.tensor1d([0, 1, 2], 'int32');
      const pred = tf.ones([2, 3]);
      expect(() => loss.call(labels, pred)).toThrow(LayerwiseError);
      expect(() => loss.call(labels, pred)).toThrow(/yTrue\.shape.*\(2,\) or \(2, 1\).*Received: yTrue\.shape=\[3\]/);
      expect(() => loss.call(labels, tf.ones([3]))).toThrow(/yPred\.shape.*rank 2/);
      tf.dispose([labels, pred]);
    });
  });

  describe('checkSparseLabels', () => {
    it('passes valid labels and names the first invalid one', async () => {
      const good = tf.tensor2d([[0], [9], [4]], [3, 1], 'int32');
      await expect(checkSparseLabels(good, 10)).resolves.toBeUndefined();
      const bad = tf.tensor1d([0, 1, 10, -1]);
      await expect(checkSparseLabels(bad, 10)).rejects.toThrow(/\[0, 10\).*element 2.*is 10/);
      const fractional = tf.tensor1d([0, 1.5]);
      await expect(checkSparseLabels(fractional, 3)).rejects.toThrow(/element 1.*is 1\.5/);
      await expect(checkSparseLabels(good, 0)).rejects.toThrow(/numClasses.*Received: numClasses=0/);
      tf.dispose([good, bad, fractional]);
    });
  });

  describe('CategoricalCrossentropy', () => {
    it('normalises probabilities, then clips them to [1e-7, 1 - 1e-7]', () => {
      const loss = new CategoricalCrossentropy();
      const out = tf.tidy(() => loss.call(tf.tensor2d([[0, 1, 0], [1, 0, 0]]), tf.tensor2d([[1, 2, 1], [0, 0.5, 0.5]])));
      expect(mismatches(out.dataSync(), [-Math.log(0.5), -Math.log(Math.fround(1e-7))], close)).toEqual([]);
      out.dispose();
    });

    it('applies label smoothing over the classes', () => {
      const smoothed = new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.3 });
      const logits = [0.5, -1, 2];
      const logSumExp = Math.log(logits.reduce((s, v) => s + Math.exp(v), 0));
      const targets = [0.1, 0.8, 0.1];
      const expected = -targets.reduce((s, t, i) => s + t * (logits[i]! - logSumExp), 0);
      const out = tf.tidy(() => smoothed.call(tf.tensor2d([[0, 1, 0]]), tf.tensor2d([logits])));
      expect(mismatches(out.dataSync(), [expected], close)).toEqual([]);
      out.dispose();
    });

    it('rejects shape mismatches and bad options', () => {
      const loss = new CategoricalCrossentropy();
      const t = tf.ones([2, 3]);
      const p = tf.ones([2, 4]);
      expect(() => loss.call(t, p)).toThrow(/same shape.*yTrue\.shape=\(2, 3\), yPred\.shape=\(2, 4\)/);
      tf.dispose([t, p]);
      expect(() => new CategoricalCrossentropy({ labelSmoothing: 1.5 })).toThrow(/labelSmoothing.*Received: labelSmoothing=1\.5/);
      expect(() => new CategoricalCrossentropy({ fromLogits: 'yes' as never })).toThrow(/fromLogits.*a boolean/);
      expect(() => new CategoricalCrossentropy({ from_logits: true } as never)).toThrow(/unknown option `from_logits`/);
    });
  });

  describe('BinaryCrossentropy', () => {
    it('accepts [batch] targets against [batch, 1] predictions and averages over the last axis', () => {
      const loss = new BinaryCrossentropy();
      const column = tf.tidy(() => loss.call(tf.tensor1d([1, 0]), tf.tensor2d([[0.8], [0.4]])));
      expect(column.shape).toEqual([2]);
      expect(mismatches(column.dataSync(), [-Math.log(0.8), -Math.log(0.6)], close)).toEqual([]);
      const wide = tf.tidy(() => loss.call(tf.tensor2d([[1, 0]]), tf.tensor2d([[0.8, 0.4]])));
      expect(mismatches(wide.dataSync(), [(-Math.log(0.8) - Math.log(0.6)) / 2], close)).toEqual([]);
      tf.dispose([column, wide]);
    });

    it('matches the probability form for moderate logits and stays finite for extreme ones', () => {
      const fromLogits = new BinaryCrossentropy({ fromLogits: true });
      const fromProbs = new BinaryCrossentropy();
      const [a, b, extreme] = tf.tidy(() => {
        const x = tf.tensor2d([[-2, 0.5, 3]]);
        const z = tf.tensor2d([[1, 0, 1]]);
        return [fromLogits.call(z, x), fromProbs.call(z, tf.sigmoid(x)), fromLogits.call(tf.tensor1d([0, 1]), tf.tensor1d([200, -300]))];
      });
      expect(mismatches(a!.dataSync(), b!.dataSync(), { rtol: 1e-5, atol: 1e-6 })).toEqual([]);
      expect(Array.from(extreme!.dataSync())).toEqual([200, 300]);
      tf.dispose([a!, b!, extreme!]);
    });
  });

  describe('MeanSquaredError', () => {
    it('averages squared errors over every non-batch axis', () => {
      const out = tf.tidy(() => new MeanSquaredError().call(tf.zeros([2, 2, 2]), tf.tensor3d([1, 2, 3, 4, 0, 0, 0, 2], [2, 2, 2])));
      expect(Array.from(out.dataSync())).toEqual([(1 + 4 + 9 + 16) / 4, 1]);
      out.dispose();
    });

    it('casts integer targets', () => {
      const out = tf.tidy(() => new MeanSquaredError().call(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([1.5, 2])));
      expect(Array.from(out.dataSync())).toEqual([0.25, 0]);
      out.dispose();
    });

    it('rejects non-tensors', () => {
      expect(() => new MeanSquaredError().call([1, 2] as never, tf.zeros([2]))).toThrow(/`yTrue`, expected a tensor/);
    });
  });

  describe('config', () => {
    it('round-trips through getConfig and fromConfig with Keras names and keys', () => {
      const losses = [
        new SparseCategoricalCrossentropy({ fromLogits: true, axis: 1, reduction: 'sum' }),
        new CategoricalCrossentropy({ labelSmoothing: 0.1 }),
        new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.2, reduction: 'none' }),
        new BinaryFocalCrossentropy({ applyClassBalancing: true, alpha: 0.4, gamma: 3, fromLogits: true, labelSmoothing: 0.1, axis: -1 }),
        new CategoricalFocalCrossentropy({ alpha: [0.2, 0.8], gamma: 1, axis: 1, reduction: 'mean' }),
        new MeanSquaredError(),
        new MeanAbsoluteError({ reduction: 'mean_with_sample_weight' }),
        new MeanAbsolutePercentageError(),
        new MeanSquaredLogarithmicError(),
        new Huber({ delta: 0.3 }),
        new LogCosh(),
        new KLDivergence(),
        new Poisson(),
        new CosineSimilarity({ axis: 1 }),
        new Hinge(),
        new SquaredHinge(),
        new CategoricalHinge(),
        new Dice({ axis: [1, 2, 3] }),
        new Tversky({ alpha: 0.3, beta: 0.7 }),
      ];
      const rebuild = [
        SparseCategoricalCrossentropy, CategoricalCrossentropy, BinaryCrossentropy, BinaryFocalCrossentropy,
        CategoricalFocalCrossentropy, MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
        MeanSquaredLogarithmicError, Huber, LogCosh, KLDivergence, Poisson, CosineSimilarity, Hinge, SquaredHinge,
        CategoricalHinge, Dice, Tversky,
      ];
      losses.forEach((loss, i) => {
        const config = JSON.parse(JSON.stringify(loss.getConfig()));
        const copy = rebuild[i]!.fromConfig(config);
        expect(copy.getConfig()).toEqual(loss.getConfig());
        expect(copy.className).toBe(loss.className);
        expect(copy.className).toBe(rebuild[i]!.name);
      });
      const sbs = 'sum_over_batch_size';
      expect(losses.map((l) => l.getConfig())).toEqual([
        { name: 'sparse_categorical_crossentropy', reduction: 'sum', from_logits: true, axis: 1 },
        { name: 'categorical_crossentropy', reduction: sbs, from_logits: false, label_smoothing: 0.1, axis: -1 },
        { name: 'binary_crossentropy', reduction: 'none', from_logits: true, label_smoothing: 0.2, axis: -1 },
        { name: 'binary_focal_crossentropy', reduction: sbs, apply_class_balancing: true, alpha: 0.4, gamma: 3, from_logits: true, label_smoothing: 0.1, axis: -1 },
        { name: 'categorical_focal_crossentropy', reduction: 'mean', alpha: [0.2, 0.8], gamma: 1, from_logits: false, label_smoothing: 0, axis: 1 },
        { name: 'mean_squared_error', reduction: sbs },
        { name: 'mean_absolute_error', reduction: 'mean_with_sample_weight' },
        { name: 'mean_absolute_percentage_error', reduction: sbs },
        { name: 'mean_squared_logarithmic_error', reduction: sbs },
        { name: 'huber_loss', reduction: sbs, delta: 0.3 },
        { name: 'log_cosh', reduction: sbs },
        { name: 'kl_divergence', reduction: sbs },
        { name: 'poisson', reduction: sbs },
        { name: 'cosine_similarity', reduction: sbs, axis: 1 },
        { name: 'hinge', reduction: sbs },
        { name: 'squared_hinge', reduction: sbs },
        { name: 'categorical_hinge', reduction: sbs },
        { name: 'dice', reduction: sbs, axis: [1, 2, 3] },
        { name: 'tversky', reduction: sbs, alpha: 0.3, beta: 0.7, axis: null },
      ]);
    });

    it('reads configs written before reductions and axes existed', () => {
      expect(BinaryCrossentropy.fromConfig({ name: 'binary_crossentropy', from_logits: true, label_smoothing: 0 }).getConfig()).toEqual({
        name: 'binary_crossentropy',
        reduction: 'sum_over_batch_size',
        from_logits: true,
        label_smoothing: 0,
        axis: -1,
      });
      expect(MeanSquaredError.fromConfig({ name: 'mean_squared_error' }).reduction).toBe('sum_over_batch_size');
    });

    it('rejects configs with unknown keys or another name', () => {
      expect(() => BinaryCrossentropy.fromConfig({ fromLogits: true })).toThrow(/BinaryCrossentropy\.fromConfig.*unknown option `fromLogits`/);
      expect(() => MeanSquaredError.fromConfig({ name: 'mae' })).toThrow(/expected 'mean_squared_error'.*Received: name='mae'/);
      expect(() => Huber.fromConfig({ name: 'huber_loss', reduction: 'avg' })).toThrow(/Huber: .*`reduction`.*Received: reduction='avg'/);
      expect(() => Dice.fromConfig({ axis: 'all' })).toThrow(/Dice: .*`axis`.*Received: axis='all'/);
    });
  });
});
