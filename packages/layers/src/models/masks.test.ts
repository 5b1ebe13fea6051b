import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { activation, dense, dropout, flatten } from '../layers/index.js';
import { additiveAttention, attention, multiHeadAttention } from '../layers/attention/index.js';
import { conv1d } from '../layers/convolutional/index.js';
import { embedding, masking } from '../layers/core/index.js';
import { add, concatenate } from '../layers/merging/index.js';
import { globalAveragePooling1d, globalMaxPooling1d } from '../layers/pooling/index.js';
import { bidirectional, gru, lstm, simpleRNN, timeDistributed } from '../layers/recurrent/index.js';
import { model } from './functional.js';
import { sequential } from './sequential.js';

beforeAll(() => useBackend('cpu'));

const values = (t: tf.Tensor) => Array.from(t.dataSync());
const expectClose = (actual: tf.Tensor, expected: tf.Tensor) => {
  expect(actual.shape).toEqual(expected.shape);
  const e = expected.dataSync();
  actual.dataSync().forEach((v, i) => expect(v).toBeCloseTo(e[i]!, 5));
};

/** Two sequences of 3 features, 6 steps, the first zero-padded after 4 steps; and the unpadded rows. */
function paddedBatch() {
  const full = tf.randomNormal([2, 6, 3], 0, 1, 'float32', 21);
  const padded = tf.tidy(() => tf.mul(full, tf.tensor([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1], [2, 6, 1])));
  const rows = [tf.slice(full, [0, 0, 0], [1, 4, 3]), tf.slice(full, [1, 0, 0], [1, 6, 3])];
  return { padded, rows, dispose: () => tf.dispose([full, padded, ...rows]) };
}

describe('masks through models', () => {
  it('an LSTM over a zero-padded, masked sequence gives the final output of the unpadded sequence (Sequential)', () => {
    const before = tf.memory().numTensors;
    const { padded, rows, dispose } = paddedBatch();
    const rnn = lstm({ units: 4 });
    const net = sequential([masking({ inputShape: [null, 3] }), rnn]);
    tf.tidy(() => {
      const out = net.predictOnBatch(padded);
      rows.forEach((row, b) => expectClose(tf.slice(out, [b, 0], [1, 4]), rnn.apply(row)));
      // Without the Masking layer the padded steps change the result.
      const unmasked = rnn.apply(padded);
      expect(values(tf.slice(unmasked, [0, 0], [1, 4]))).not.toEqual(values(tf.slice(out, [0, 0], [1, 4])));
    });
    dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('masks reach through Dense, Dropout, Activation and TimeDistributed to GRU, Bidirectional and goBackwards layers', () => {
    const { padded, rows, dispose } = paddedBatch();
    const x = input({ shape: [null, 3] });
    const m = masking().apply(x);
    const h = activation({ activation: 'tanh' }).apply(dropout({ rate: 0.5 }).apply(dense({ units: 5 }).apply(m)));
    const td = timeDistributed({ layer: dense({ units: 4 }) }).apply(h);
    const outputs = [gru({ units: 3 }).apply(td), bidirectional({ layer: simpleRNN({ units: 2 }) }).apply(td), lstm({ units: 2, goBackwards: true }).apply(td)];
    expect([m, h, td].map((t) => t.masked)).toEqual([true, true, true]);
    expect(outputs.map((t) => t.masked)).toEqual([false, false, false]);
    const net = model({ inputs: x, outputs });
    const all = net.predictOnBatch(padded);
    rows.forEach((row, b) => {
      const alone = net.predictOnBatch(row);
      alone.forEach((o, i) => expectClose(tf.slice(all[i]!, [b, 0], [1, o.shape[1]!]), o));
      tf.dispose(alone);
    });
    tf.dispose(all);
    dispose();
    net.dispose();
  });

  it('a masked GlobalAveragePooling1D averages only the valid steps; GlobalMaxPooling1D takes the maximum over them', () => {
    const ids = tf.tensor2d([[4, 2, 0, 0], [1, 3, 5, 0]], undefined, 'int32');
    const x = input({ shape: [4], dtype: 'int32' });
    const emb = embedding({ inputDim: 6, outputDim: 3, maskZero: true });
    const e = emb.apply(x);
    const net = model({ inputs: x, outputs: [globalAveragePooling1d().apply(e), globalMaxPooling1d({ keepdims: true }).apply(e)] });
    const [avg, max] = net.predictOnBatch(ids);
    const table = emb.getWeights()[0]!;
    const rowsOf = (list: number[]) => tf.gather(table, tf.tensor1d(list, 'int32'));
    expectClose(avg!, tf.stack([tf.mean(rowsOf([4, 2]), 0), tf.mean(rowsOf([1, 3, 5]), 0)]));
    expectClose(max!, tf.stack([tf.max(rowsOf([4, 2]), 0, true), tf.max(rowsOf([1, 3, 5]), 0, true)]));
    // Unmasked, the padding (row 0 of the table) would count.
    expect(values(tf.slice(avg!, [0, 0], [1, 3]))).not.toEqual(values(tf.mean(tf.gather(table, tf.tensor1d([4, 2, 0, 0], 'int32')), 0)));
    net.dispose();
  });

  it('returnSequences keeps the mask (reversed with goBackwards), returnState gives the states none, and a model passes masks on as a layer', () => {
    const ids = tf.tensor2d([[3, 1, 0], [2, 0, 0]], undefined, 'int32');
    const seq = sequential([embedding({ inputDim: 4, outputDim: 2, maskZero: true, inputShape: [3] }), simpleRNN({ units: 2, returnSequences: true })]);
    const { output, mask } = seq.applyWithMask(ids);
    expect(values(mask as tf.Tensor)).toEqual([1, 1, 0, 1, 0, 0]);
    const backwards = simpleRNN({ units: 2, returnSequences: true, goBackwards: true, returnState: true });
    const { mask: masks } = backwards.applyWithMask(output, { training: false, mask: mask as tf.Tensor });
    expect((masks as tf.Tensor[]).map((m) => m && values(m))).toEqual([[0, 1, 1, 0, 0, 1], undefined]);
    // The Sequential as a layer of a functional model: its output mask reaches the next layer.
    const x = input({ shape: [3], dtype: 'int32' });
    const pooled = globalAveragePooling1d().apply(seq.apply(x));
    const outer = model({ inputs: x, outputs: pooled });
    const direct = tf.stack([tf.mean(tf.slice(output, [0, 0, 0], [1, 2, 2]), [0, 1]), tf.mean(tf.slice(output, [1, 0, 0], [1, 1, 2]), [0, 1])]);
    expectClose(outer.predictOnBatch(ids), direct);
    outer.dispose();
    backwards.dispose();
  });

  it('merge layers combine masks; Concatenate joins them along time; attention ignores masked values and keeps the query mask', () => {
    const a = input({ shape: [3, 2] });
    const b = input({ shape: [3, 2] });
    const ma = masking().apply(a);
    const mb = masking().apply(b);
    const sum = add().apply([ma, mb]);
    const joined = concatenate({ axis: 1 }).apply([ma, b]);
    const att = attention().apply([sum, mb]);
    const net = model({ inputs: [a, b], outputs: [sum, joined, att] });
    expect(net.outputs.map((t) => t.masked)).toEqual([true, true, true]);
    const xa = tf.tensor3d([[[1, 1], [0, 0], [2, 2]]]);
    const xb = tf.tensor3d([[[1, 0], [3, 3], [0, 0]]]);
    const { mask } = net.applyWithMask([xa, xb]);
    expect((mask as tf.Tensor[]).map((m) => values(m))).toEqual([[1, 0, 0], [1, 0, 1, 1, 1, 1], [1, 0, 0]]);
    // The attention output for the valid query step equals attending to the valid values alone.
    const [, , attended] = net.predictOnBatch([xa, xb]);
    const alone = attention().apply([tf.slice(tf.add(xa, xb), [0, 0, 0], [1, 1, 2]), tf.slice(xb, [0, 0, 0], [1, 2, 2])]);
    expectClose(tf.slice(attended!, [0, 0, 0], [1, 1, 2]), alone);
    net.dispose();
  });

  it('MultiHeadAttention and AdditiveAttention read the masks of their inputs in a model', () => {
    const ids = tf.tensor2d([[1, 2, 0, 0]], undefined, 'int32');
    const x = input({ shape: [4], dtype: 'int32' });
    const e = embedding({ inputDim: 3, outputDim: 4, maskZero: true }).apply(x);
    const mha = multiHeadAttention({ numHeads: 2, keyDim: 2 });
    const add = additiveAttention();
    const net = model({ inputs: x, outputs: [mha.apply([e, e]), add.apply([e, e])] });
    const [full] = net.predictOnBatch(ids);
    // Padded values get no attention: changing the embedding of index 0 leaves the valid steps alone.
    const table = net.getLayer(1).getWeights()[0]!;
    net.getLayer(1).setWeights([tf.concat([tf.fill([1, 4], 7), tf.slice(table, [1, 0], [2, 4])])]);
    const [changed] = net.predictOnBatch(ids);
    expectClose(tf.slice(changed!, [0, 0, 0], [1, 2, 4]), tf.slice(full!, [0, 0, 0], [1, 2, 4]));
    net.dispose();
  });

  it('a layer that cannot take a mask and receives one raises a clear error, when the model is defined and when called', () => {
    const x = input({ shape: [5], dtype: 'int32' });
    const e = embedding({ inputDim: 10, outputDim: 4, maskZero: true }).apply(x);
    expect(() => flatten({ name: 'flat' }).apply(e)).toThrow(/Flatten "flat": does not support masking, but received a mask \(masked input "embedding(_\d+)?"\)/);
    expect(() => sequential([embedding({ inputDim: 10, outputDim: 4, maskZero: true, inputShape: [5] }), conv1d({ filters: 2, kernelSize: 2, name: 'conv' })])).toThrow(
      /Conv1D "conv": does not support masking/,
    );
    const mask = tf.ones([2, 5], 'bool');
    expect(() => flatten({ name: 'flat2' }).apply(tf.zeros([2, 5, 4]), { training: false, mask })).toThrow(/Flatten "flat2": does not support masking, but received a mask \(mask of shape \(2, 5\)\)/);
    expect(() => lstm({ units: 2, name: 'rnn' }).apply(tf.zeros([2, 5, 4]), { training: false, mask: tf.ones([2, 4]) })).toThrow(/LSTM "rnn": the mask must have the shape of the input without its feature axis, \(2, 5\), received \(2, 4\)/);
  });

  it('fit, evaluate and predict run masked models without leaking tensors, and the masked steps get no gradient', async () => {
    const ids = tf.tensor2d([[1, 2, 0, 0], [3, 1, 2, 0], [2, 0, 0, 0], [1, 1, 1, 3]], undefined, 'int32');
    const y = tf.tensor2d([[1], [0], [1], [0]]);
    const emb = embedding({ inputDim: 4, outputDim: 3, maskZero: true, inputShape: [4] });
    const net = sequential([emb, bidirectional({ layer: lstm({ units: 3 }) }), dense({ units: 1, activation: 'sigmoid' })]);
    net.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const paddingRow = () => values(tf.slice(emb.getWeights()[0]!, [0, 0], [1, 3]));
    const rowBefore = paddingRow();
    await net.fit(ids, y, { epochs: 1, batchSize: 2, verbose: 0 }); // creates the optimizer's state
    const before = tf.memory().numTensors;
    await net.fit(ids, y, { epochs: 2, batchSize: 2, verbose: 0 });
    await net.evaluate(ids, y);
    tf.dispose(await net.predict(ids));
    const { outputs, masks } = net.forwardWithMasks(ids);
    expect(masks).toEqual([undefined]);
    tf.dispose(outputs);
    expect(tf.memory().numTensors).toBe(before);
    // Index 0 only appears at masked steps: its embedding row never moves.
    expect(paddingRow()).toEqual(rowBefore);
    net.dispose();
  });

  it('forwardWithMasks gives the output mask of a sequence output, for a masked loss', () => {
    const ids = tf.tensor2d([[1, 2, 0]], undefined, 'int32');
    const x = input({ shape: [3], dtype: 'int32' });
    const seqOut = timeDistributed({ layer: dense({ units: 2 }) }).apply(gru({ units: 2, returnSequences: true }).apply(embedding({ inputDim: 3, outputDim: 2, maskZero: true }).apply(x)));
    const net = model({ inputs: x, outputs: [seqOut] });
    const { outputs, masks } = net.forwardWithMasks(ids);
    expect(outputs[0]!.shape).toEqual([1, 3, 2]);
    expect(values(masks[0]!)).toEqual([1, 1, 0]);
    tf.dispose([...outputs, masks[0]!]);
    net.dispose();
  });
});
