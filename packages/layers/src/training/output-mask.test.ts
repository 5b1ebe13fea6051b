import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { dense } from '../layers/dense.js';
import { embedding } from '../layers/core/index.js';
import { globalAveragePooling1d } from '../layers/pooling/index.js';
import { lstm, timeDistributed } from '../layers/recurrent/index.js';
import { model } from '../models/functional.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

// Two sequences of token ids, zero-padded: the mask is [[1, 1, 0, 0], [1, 1, 1, 0]] (5 valid steps of 8).
const IDS = [
  [1, 2, 0, 0],
  [3, 1, 4, 0],
];
const MASK = [
  [1, 1, 0, 0],
  [1, 1, 1, 0],
];
const VALID = 5;

/** Embedding(maskZero) -> LSTM(returnSequences) -> TimeDistributed(Dense): an output carrying a [batch, timesteps] mask. */
function seqModel(units = 2, activation?: 'softmax') {
  return sequential([
    embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputShape: [4], embeddingsInitializer: 'glorotUniform' }),
    lstm({ units: 4, returnSequences: true }),
    timeDistributed({ layer: dense({ units, ...(activation ? { activation } : {}) }) }),
  ]);
}

/** Regression targets: `valid` at the valid steps, `padding` (garbage or zeros) at the masked ones. */
function targets(padding: number) {
  const values = IDS.map((row, b) => row.map((_, t) => (MASK[b]![t] ? [0.5 * (b + 1), -0.25 * (t + 1)] : [padding, -padding])));
  return tf.tensor3d(values);
}

/** The per-step mean squared errors of the valid steps, by hand, weighted by `w[b]`, over the valid count. */
function expectedMse(pred: number[][][], y: number[][][], w = [1, 1]): number {
  let sum = 0;
  pred.forEach((row, b) =>
    row.forEach((p, t) => {
      if (!MASK[b]![t]) return;
      const err = p.reduce((s, v, f) => s + (v - y[b]![t]![f]!) ** 2, 0) / p.length;
      sum += w[b]! * err;
    }),
  );
  return sum / VALID;
}

describe('masked outputs in training and evaluation (Keras masked losses)', () => {
  it('evaluate, testOnBatch and trainOnBatch count only the valid timesteps of a masked output (MSE, with and without sample weights)', async () => {
    const net = seqModel();
    net.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const x = tf.tensor2d(IDS, undefined, 'int32');
    const garbage = targets(1000);
    const pred = net.predictOnBatch(x);
    const p = pred.arraySync() as number[][][];
    const y = garbage.arraySync() as number[][][];

    const evaluated = await net.evaluate(x, garbage, { batchSize: 2 });
    expect(evaluated['loss']).toBeCloseTo(expectedMse(p, y), 5);
    // The MAE metric (a mean metric) leaves the masked steps out too.
    let mae = 0;
    p.forEach((row, b) => row.forEach((v, t) => MASK[b]![t] && (mae += v.reduce((s, q, f) => s + Math.abs(q - y[b]![t]![f]!), 0) / 2)));
    expect(evaluated['mae']).toBeCloseTo(mae / VALID, 5);

    const weight = tf.tensor1d([2, 0.5]);
    const weighted = await net.testOnBatch(x, garbage, { sampleWeight: weight });
    expect(weighted['loss']).toBeCloseTo(expectedMse(p, y, [2, 0.5]), 5);
    // The training step's loss is that of the weights before the update.
    const trained = await net.trainOnBatch(x, garbage);
    expect(trained['loss']).toBeCloseTo(expectedMse(p, y), 5);
    // Once the metrics' and optimizer's state exist, the masked paths leave no tensor behind.
    const before = tf.memory().numTensors;
    await net.evaluate(x, garbage, { batchSize: 2 });
    await net.testOnBatch(x, garbage, { sampleWeight: weight });
    await net.trainOnBatch(x, garbage, { sampleWeight: weight });
    await net.fit(x, garbage, { epochs: 1, batchSize: 1, verbose: 0, sampleWeight: weight });
    expect(tf.memory().numTensors).toBe(before);

    net.dispose();
    tf.dispose([x, garbage, pred, weight]);
  });

  it('sparse categorical cross-entropy and accuracy over the valid steps only, against values computed by hand', async () => {
    const net = seqModel(3, 'softmax');
    net.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const x = tf.tensor2d(IDS, undefined, 'int32');
    const labels = [
      [0, 2, 1, 1],
      [1, 1, 0, 2],
    ];
    const y = tf.tensor2d(labels, undefined, 'int32');
    const p = (await net.predict(x)).arraySync() as number[][][];
    let ce = 0;
    let right = 0;
    p.forEach((row, b) =>
      row.forEach((probs, t) => {
        if (!MASK[b]![t]) return;
        ce -= Math.log(probs[labels[b]![t]!]!);
        if (probs.indexOf(Math.max(...probs)) === labels[b]![t]) right++;
      }),
    );
    const logs = await net.evaluate(x, y, { batchSize: 2 });
    expect(logs['loss']).toBeCloseTo(ce / VALID, 5);
    expect(logs['accuracy']).toBeCloseTo(right / VALID, 6);
    const before = tf.memory().numTensors;
    await net.evaluate(x, y, { batchSize: 1 });
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
    tf.dispose([x, y]);
  });

  it('training with garbage at the masked steps ends with the same weights as training with zeros there', async () => {
    const a = seqModel();
    const b = seqModel();
    const initial = a.getWeights();
    b.setWeights(initial);
    a.compile({ optimizer: 'sgd', loss: 'mse' });
    b.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.tensor2d(IDS, undefined, 'int32');
    const garbage = targets(1e4);
    const zeros = targets(0);
    const before = tf.memory().numTensors;
    const ha = await a.fit(x, garbage, { epochs: 5, batchSize: 2, shuffle: false, verbose: 0 });
    const hb = await b.fit(x, zeros, { epochs: 5, batchSize: 2, shuffle: false, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(ha.history['loss']).toEqual(hb.history['loss']);
    const wa = a.getWeights();
    const wb = b.getWeights();
    wa.forEach((w, i) => {
      const other = wb[i]!.dataSync();
      w.dataSync().forEach((v, j) => expect(v).toBeCloseTo(other[j]!, 6));
    });
    // And training moved them (the test is not vacuous).
    expect(Array.from(wa[1]!.dataSync())).not.toEqual(Array.from(initial[1]!.dataSync()));
    a.dispose();
    b.dispose();
    tf.dispose([...initial, ...wa, ...wb, x, garbage, zeros]);
  });

  it('a fully masked batch has a loss of 0; an output without a mask is unchanged beside a masked one', async () => {
    const ids = input({ shape: [4], dtype: 'int32' });
    const seq = lstm({ units: 4, returnSequences: true }).apply(embedding({ inputDim: 5, outputDim: 3, maskZero: true }).apply(ids));
    const steps = timeDistributed({ layer: dense({ units: 2 }), name: 'steps' }).apply(seq);
    const pooled = dense({ units: 1, name: 'pooled' }).apply(globalAveragePooling1d().apply(seq));
    const net = model({ inputs: ids, outputs: [steps, pooled] });
    net.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.tensor2d(IDS, undefined, 'int32');
    const [ps, pp] = net.predictOnBatch(x) as tf.Tensor[];
    const yPooled = tf.tensor2d([[1], [-1]]);
    const ySteps = targets(50);
    const logs = await net.evaluate(x, [ySteps, yPooled], { batchSize: 2 });
    expect(logs['steps_loss']).toBeCloseTo(expectedMse(ps!.arraySync() as number[][][], ySteps.arraySync() as number[][][]), 5);
    const pooledMse = ((pp!.dataSync()[0]! - 1) ** 2 + (pp!.dataSync()[1]! + 1) ** 2) / 2;
    expect(logs['pooled_loss']).toBeCloseTo(pooledMse, 5);

    const empty = tf.zeros([2, 4], 'int32');
    const emptyLogs = await net.testOnBatch(empty, [ySteps, yPooled]);
    expect(emptyLogs['steps_loss']).toBe(0);
    net.dispose();
    tf.dispose([x, ps!, pp!, yPooled, ySteps, empty]);
  });

  it('names the output when the targets or the sample weights do not fit its mask', async () => {
    const net = seqModel();
    net.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.tensor2d(IDS, undefined, 'int32');
    const y = tf.zeros([2, 3, 2]);
    const good = targets(0);
    const weight = tf.ones([2, 3]);
    await net.testOnBatch(x, good);
    const before = tf.memory().numTensors;
    await expect(net.testOnBatch(x, y)).rejects.toThrow(/Model "sequential\w*": output "time_distributed\w*".*mask of shape \(2, 4\).*targets of shape \(2, 3, 2\)/);
    await expect(net.testOnBatch(x, good, { sampleWeight: weight })).rejects.toThrow(/output "time_distributed\w*": sampleWeight .*received shape \(2, 3\)/);
    expect(tf.memory().numTensors).toBe(before);
    await expect(net.trainOnBatch(x, y)).rejects.toThrow(/output "time_distributed\w*"/);
    // Per-timestep sample weights of the mask's shape are taken as they are.
    const perStep = tf.tensor2d([[1, 2, 3, 4], [0, 1, 0, 1]]);
    const p = net.predictOnBatch(x);
    const logs = await net.testOnBatch(x, good, { sampleWeight: perStep });
    const pv = p.arraySync() as number[][][];
    const gv = good.arraySync() as number[][][];
    const w = perStep.arraySync();
    let sum = 0;
    pv.forEach((row, b) => row.forEach((q, t) => MASK[b]![t] && (sum += (w[b]![t]! * q.reduce((s, v, f) => s + (v - gv[b]![t]![f]!) ** 2, 0)) / 2)));
    expect(logs['loss']).toBeCloseTo(sum / VALID, 5);
    net.dispose();
    tf.dispose([x, y, weight, good, perStep, p]);
  });
});
