import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type Batch, type BatchTensors } from '@layerwise/core';
import { Mean } from '@layerwise/metrics';
import { sgd } from '@layerwise/optimizers';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { concatenate, dense } from '../layers/index.js';
import { model } from '../models/functional.js';

beforeAll(() => useBackend('cpu'));

const seeded = (seed: number) => ({
  className: 'Seeded',
  apply: (shape: readonly number[]) => tf.randomUniform([...shape], -0.5, 0.5, 'float32', seed),
  getConfig: () => ({ seed }),
});

/** Inputs `left` [3] and `right` [2]; outputs `score` (regression, 2 values) and `label` (3 classes). */
function twoByTwo() {
  const left = input({ shape: [3], name: 'left' });
  const right = input({ shape: [2], name: 'right' });
  const hidden = dense({ units: 8, activation: 'tanh', name: 'hidden', kernelInitializer: seeded(1) }).apply(concatenate().apply([left, right]));
  const score = dense({ units: 2, name: 'score', kernelInitializer: seeded(2) }).apply(hidden);
  const label = dense({ units: 3, activation: 'softmax', name: 'label', kernelInitializer: seeded(3) }).apply(hidden);
  return model({ inputs: [left, right], outputs: [score, label], name: 'two_by_two' });
}

function data(n: number, seed: number) {
  return tf.tidy(() => {
    const left = tf.randomNormal([n, 3], 0, 1, 'float32', seed);
    const right = tf.randomNormal([n, 2], 0, 1, 'float32', seed + 1);
    const score = tf.concat([tf.sum(left, 1, true), tf.sub(tf.slice(right, [0, 0], [n, 1]), 1)], 1);
    const label = tf.argMax(tf.concat([tf.slice(left, [0, 0], [n, 2]), tf.slice(right, [0, 1], [n, 1])], 1), 1);
    return { left, right, score, label };
  });
}

const compileOptions = {
  optimizer: sgd({ learningRate: 0.1 }),
  loss: { score: 'mse', label: 'sparseCategoricalCrossentropy' },
  lossWeights: { score: 0.5, label: 2 },
  metrics: { label: ['accuracy'], score: ['mae'] },
};

describe('models with several inputs and outputs', () => {
  it('uses the weighted sum of the per-output losses, logged per output, and trains on its gradient', async () => {
    const net = twoByTwo();
    net.compile({ ...compileOptions, optimizer: sgd({ learningRate: 0.1 }) });
    const d = data(6, 1);
    const x = { left: d.left, right: d.right };
    const y = { score: d.score, label: d.label };
    const weight = tf.tensor1d([1, 0.5, 2, 0, 1, 3]);

    // By hand: mse and cross-entropy per sample, each the (sample-weighted) batch mean, 0.5 and 2 as weights.
    const manual = (w?: tf.Tensor) =>
      tf.tidy(() => {
        const [pScore, pLabel] = net.predictOnBatch(x);
        const mse = tf.mean(tf.square(tf.sub(d.score, pScore!)), 1);
        const ce = tf.neg(tf.log(tf.sum(tf.mul(tf.oneHot(tf.cast(d.label, 'int32'), 3), pLabel!), 1)));
        const reduce = (l: tf.Tensor) => tf.mean(w ? tf.mul(l, w) : l);
        const [a, b] = [reduce(mse), reduce(ce)];
        return { score: a.dataSync()[0]!, label: b.dataSync()[0]!, total: tf.add(tf.mul(a, 0.5), tf.mul(b, 2)).dataSync()[0]! };
      });
    const expected = manual();
    const logs = await net.testOnBatch(x, y);
    expect(Object.keys(logs)).toEqual(['loss', 'score_loss', 'label_loss', 'score_mae', 'label_accuracy']);
    expect(logs['loss']).toBeCloseTo(expected.total, 5);
    expect(logs['score_loss']).toBeCloseTo(expected.score, 5);
    expect(logs['label_loss']).toBeCloseTo(expected.label, 5);
    const weighted = await net.testOnBatch([d.left, d.right], [d.score, d.label], { sampleWeight: weight });
    expect(weighted['loss']).toBeCloseTo(manual(weight).total, 5);

    // One SGD step moves every weight by -lr * d(0.5 * mse + 2 * ce)/dw.
    const variables = net.trainableWeights.map((w) => w.variable);
    const { grads } = tf.variableGrads(() => {
      const [pScore, pLabel] = net.predictOnBatch(x);
      const mse = tf.mean(tf.mean(tf.square(tf.sub(d.score, pScore!)), 1));
      const ce = tf.mean(tf.neg(tf.log(tf.sum(tf.mul(tf.oneHot(tf.cast(d.label, 'int32'), 3), pLabel!), 1))));
      return tf.add(tf.mul(mse, 0.5), tf.mul(ce, 2)) as tf.Scalar;
    }, variables);
    const expectedAfter = variables.map((v) => tf.tidy(() => tf.sub(v, tf.mul(grads[v.name]!, 0.1))));
    const trained = await net.trainOnBatch(x, y);
    expect(trained['loss']).toBeCloseTo(expected.total, 5);
    variables.forEach((v, i) => Array.from(v.dataSync()).forEach((value, j) => expect(value).toBeCloseTo(expectedAfter[i]!.dataSync()[j]!, 5)));
    tf.dispose([...Object.values(d), weight, ...Object.values(grads), ...expectedAfter]);
    net.dispose();
  });

  it('fits from lists or records, validates, evaluates and predicts a list, leaking nothing', async () => {
    const net = twoByTwo();
    net.compile(compileOptions);
    const d = data(64, 3);
    await net.fit([d.left, d.right], [d.score, d.label], { epochs: 1, verbose: 0 }); // creates optimizer and metric state
    const before = tf.memory().numTensors;
    const history = await net.fit({ right: d.right, left: d.left }, { label: d.label, score: d.score }, {
      epochs: 8,
      batchSize: 16,
      validationSplit: 0.25,
      verbose: 0,
      seed: 2,
    });
    const keys = ['label_accuracy', 'label_loss', 'loss', 'score_loss', 'score_mae'];
    expect(Object.keys(history.history).sort()).toEqual([...keys, ...keys.map((k) => `val_${k}`)].sort());
    const loss = history.history['loss']!;
    expect(loss[7]!).toBeLessThan(loss[0]!);
    history.history['loss']!.forEach((total, epoch) => {
      expect(total).toBeCloseTo(0.5 * history.history['score_loss']![epoch]! + 2 * history.history['label_loss']![epoch]!, 4);
    });
    const logs = await net.evaluate([d.left, d.right], { score: d.score, label: d.label }, { batchSize: 20 });
    expect(Object.keys(logs).sort()).toEqual(keys);
    const [score, label] = await net.predict({ left: d.left, right: d.right }, { batchSize: 10 });
    expect([score!.shape, label!.shape]).toEqual([[64, 2], [64, 3]]);
    tf.dispose([score!, label!]);
    expect(tf.memory().numTensors).toBe(before);

    // A source of batches with several inputs and targets.
    const batches: Batch<BatchTensors, BatchTensors>[] = [0, 32].map((start) => ({
      x: [tf.slice(d.left, start, 32), tf.slice(d.right, start, 32)],
      y: { score: tf.slice(d.score, start, 32), label: tf.slice(d.label, start, 32) },
    }));
    const fromSource = await net.evaluate(batches);
    expect(fromSource['loss']).toBeCloseTo(logs['loss']!, 4);
    tf.dispose(Object.values(d));
    net.dispose();
  });

  it('takes losses and lossWeights as lists, and one loss or flat metrics for every output', async () => {
    const net = twoByTwo();
    net.compile({ optimizer: 'sgd', loss: ['mse', 'sparseCategoricalCrossentropy'], lossWeights: [1, 0], metrics: [['mae'], ['accuracy']] });
    const d = data(8, 5);
    const listed = await net.testOnBatch([d.left, d.right], [d.score, d.label]);
    expect(listed['loss']).toBeCloseTo(listed['score_loss']!, 6);
    net.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mse'] });
    const oneHot = tf.oneHot(tf.cast(d.label, 'int32'), 3);
    const shared = await net.testOnBatch([d.left, d.right], [d.score, oneHot]);
    expect(Object.keys(shared)).toEqual(['loss', 'score_loss', 'label_loss', 'score_mse', 'label_mse']);
    expect(shared['score_mse']).toBeCloseTo(shared['score_loss']!, 6);
    tf.dispose([...Object.values(d), oneHot]);
    net.dispose();
  });

  it('explains mismatched losses, metrics and targets', async () => {
    const net = twoByTwo();
    const owner = 'Model "two_by_two": compile';
    expect(() => net.compile({ optimizer: 'sgd', loss: { score: 'mse' } })).toThrow(`${owner}: \`loss\` has no entry for output "label"; give one per output (score, label)`);
    expect(() => net.compile({ optimizer: 'sgd', loss: { score: 'mse', labels: 'mse' } })).toThrow(
      `${owner}: \`loss\` names output "labels", which the model does not have; its outputs are score, label`,
    );
    expect(() => net.compile({ optimizer: 'sgd', loss: ['mse'] })).toThrow(`${owner}: \`loss\` lists 1 losses for 2 output(s) (score, label)`);
    expect(() => net.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: [1, Number.NaN] })).toThrow(/`lossWeights\["label"\]`/);
    expect(() => net.compile({ optimizer: 'sgd', loss: 'mse', metrics: [new Mean() as never] })).toThrow(/a metric object keeps one output's state/);
    net.compile(compileOptions);
    const d = data(4, 7);
    await expect(net.fit([d.left, d.right], { score: d.score }, { verbose: 0 })).rejects.toThrow(
      'Model "two_by_two": targets for output "label" missing; the model\'s outputs are score, label',
    );
    await expect(net.fit([d.left, d.right], d.score, { verbose: 0 })).rejects.toThrow(/the model has 2 outputs \(score, label\), received one tensor of targets/);
    await expect(net.fit([d.left, d.right], [d.score, d.label], { verbose: 0, classWeight: { 0: 2 } })).rejects.toThrow(
      /classWeight needs a single target; for a model with several outputs, give sampleWeight instead/,
    );
    const short = tf.slice(d.label, 0, 3);
    await expect(net.fit([d.left, d.right], [d.score, short], { verbose: 0 })).rejects.toThrow(
      'Model "two_by_two": fit: every input and target must have the same number of samples, received x[0] with shape (4, 3) and y[1] with shape (3,)',
    );
    tf.dispose([...Object.values(d), short]);
    net.dispose();
  });
});
