import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequential } from '../../models/sequential.js';
import { runLayerTest } from '../../testing/index.js';
import { dense } from '../dense.js';
import { embedding } from '../core/embedding.js';
import { masking } from '../core/masking.js';
import { bidirectional } from './bidirectional.js';
import { gru } from './gru.js';
import { lstm } from './lstm.js';
import { simpleRNN } from './simple-rnn.js';
import { timeDistributed } from './time-distributed.js';
import { input } from '../../engine/input-layer.js';
import { Functional, model } from '../../models/functional.js';
import { multiHeadAttention } from '../attention/multi-head-attention.js';
import { attention } from '../attention/attention.js';
import type { RNNBase } from './rnn-base.js';

beforeAll(() => useBackend('cpu'));

interface RNNCase {
  layer: 'SimpleRNN' | 'LSTM' | 'GRU';
  name: string;
  goBackwards: boolean;
  resetAfter?: boolean;
  batch: number;
  steps: number;
  inputDim: number;
  units: number;
  biasShape: number[];
  initialState?: number[][];
  finalStates: number[][];
  [key: string]: unknown;
}
const fixture = (name: string) => JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures', name), 'utf8')) as { cases: never[] };
const close = (actual: tf.Tensor, expected: number[], what: string) => {
  const a = actual.dataSync();
  expect(a.length, `${what}: size`).toBe(expected.length);
  expected.forEach((e, i) => {
    if (!(Math.abs(a[i]! - e) <= 1e-4 * Math.max(1, Math.abs(e)))) throw new Error(`${what}[${i}]: ${a[i]} vs PyTorch ${e}`);
  });
};

const make = (c: RNNCase): RNNBase => {
  const common = { units: c.units, returnSequences: true, goBackwards: c.goBackwards };
  if (c.layer === 'SimpleRNN') return simpleRNN(common);
  if (c.layer === 'LSTM') return lstm(common);
  return gru({ ...common, resetAfter: c.resetAfter ?? true });
};

describe('recurrent layers against PyTorch (Keras weight layout, gate orders converted in the script)', () => {
  for (const c of fixture('extra_rnn.json').cases as RNNCase[]) {
    it(`${c.name}: sequence output, final states, gradients of x and every weight`, () => {
      const before = tf.memory().numTensors;
      const layer = make(c);
      const num = (k: string) => c[k] as number[];
      const x = tf.tensor(num('x'), [c.batch, c.steps, c.inputDim]);
      const r = tf.tensor(num('r'), [c.batch, c.steps, c.units]);
      layer.ensureBuilt(x.shape);
      const gates = c.layer === 'SimpleRNN' ? 1 : c.layer === 'LSTM' ? 4 : 3;
      const weights = [
        tf.tensor(num('kernel'), [c.inputDim, c.units * gates]),
        tf.tensor(num('recurrentKernel'), [c.units, c.units * gates]),
        tf.tensor(num('bias'), c.biasShape),
      ];
      layer.setWeights(weights);
      tf.dispose(weights);
      const initialState = c.initialState?.map((s) => tf.tensor(s, [c.batch, c.units]));
      const context = { training: true, initialState };
      const [y, ...states] = layer.applyWithState(x, context);
      close(y!, num('y'), 'y');
      states.forEach((s, i) => close(s, c.finalStates[i]!, `state ${i}`));
      const variables = layer.trainableWeights.map((w) => w.variable);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, context), r)) as tf.Scalar, variables);
      close(grads[variables[0]!.name]!, num('dkernel'), 'dkernel');
      close(grads[variables[1]!.name]!, num('drecurrentKernel'), 'drecurrent_kernel');
      close(grads[variables[2]!.name]!, num('dbias'), 'dbias');
      const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, context), r)))(x);
      close(dx, num('dx'), 'dx');
      tf.dispose([x, r, y!, ...states, value, dx, ...(initialState ?? [])]);
      tf.dispose(grads);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('recurrent layers: conformance and Keras parameter counts', () => {
  const seq = { trainable: 3, nonTrainable: 0 };
  it('SimpleRNN, LSTM, GRU (both reset modes), last output and sequences', () => {
    runLayerTest({ create: () => simpleRNN({ units: 5 }), inputShape: [2, 4, 3], expectedOutputShape: [2, 5], expectedWeights: seq, expectedParams: 5 * (3 + 5 + 1) });
    runLayerTest({ create: () => lstm({ units: 5, returnSequences: true }), inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 5], expectedWeights: seq, expectedParams: 4 * 5 * (3 + 5 + 1) });
    runLayerTest({ create: () => gru({ units: 5 }), inputShape: [2, 4, 3], expectedOutputShape: [2, 5], expectedWeights: seq, expectedParams: 3 * 5 * (3 + 5) + 6 * 5 });
    runLayerTest({ create: () => gru({ units: 5, resetAfter: false, goBackwards: true }), inputShape: [2, 4, 3], expectedOutputShape: [2, 5], expectedWeights: seq, expectedParams: 3 * 5 * (3 + 5 + 1) });
    runLayerTest({ create: () => lstm({ units: 4, dropout: 0.3, recurrentDropout: 0.3, seed: 1, kernelRegularizer: 'l2', recurrentConstraint: 'maxNorm' }), inputShape: [2, 4, 3], expectedOutputShape: [2, 4], expectedWeights: seq });
  });

  it('Bidirectional in every merge mode, and TimeDistributed', () => {
    for (const mergeMode of ['concat', 'sum', 'mul', 'ave'] as const) {
      runLayerTest({
        create: () => bidirectional({ layer: lstm({ units: 3, returnSequences: true }), mergeMode }),
        inputShape: [2, 4, 5],
        expectedOutputShape: [2, 4, mergeMode === 'concat' ? 6 : 3],
        expectedWeights: { trainable: 6, nonTrainable: 0 },
        expectedParams: 2 * 4 * 3 * (5 + 3 + 1),
      });
    }
    runLayerTest({ create: () => bidirectional({ layer: gru({ units: 3 }) }), inputShape: [2, 4, 5], expectedOutputShape: [2, 6], expectedWeights: { trainable: 6, nonTrainable: 0 } });
    runLayerTest({ create: () => timeDistributed({ layer: dense({ units: 3 }) }), inputShape: [2, 4, 5], expectedOutputShape: [2, 4, 3], expectedWeights: { trainable: 2, nonTrainable: 0 }, expectedParams: 18 });
  });

  it('lowers the loss of a small sequence task through fit', async () => {
    const x = tf.randomNormal([32, 6, 2], 0, 1, 'float32', 4);
    const y = tf.reshape(tf.mean(x, [1, 2]), [32, 1]);
    const model = sequential([lstm({ units: 8, inputShape: [6, 2] }), dense({ units: 1 })]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const history = await model.fit(x, y, { epochs: 20, batchSize: 8, verbose: 0, seed: 1 });
    const losses = history.history['loss']!;
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('recurrent and attention layers in the functional API', () => {
  it('an encoder-decoder: returnState outputs feed initial states; attention over the encoder; config round trip', async () => {
    const source = input({ shape: [null, 3], name: 'source' });
    const target = input({ shape: [null, 2], name: 'target' });
    const [encoded, h, c] = lstm({ units: 4, returnSequences: true, returnState: true, name: 'encoder' }).apply(source);
    expect([encoded!.shape, h!.shape, c!.shape]).toEqual([[null, null, 4], [null, 4], [null, 4]]);
    const decoded = lstm({ units: 4, returnSequences: true, name: 'decoder' }).apply(target);
    const attended = attention({ name: 'attention' }).apply([decoded, encoded!]);
    const mixed = multiHeadAttention({ numHeads: 2, keyDim: 2, name: 'mha' }).apply([attended, encoded!, encoded!]);
    const [both, ...states] = bidirectional({ layer: gru({ units: 2, returnState: true }), name: 'bi' }).apply(mixed);
    expect(states.map((t) => t.shape)).toEqual([[null, 2], [null, 2]]);
    const net = model({ inputs: [source, target], outputs: [both!, h!] });
    const x1 = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 1);
    const x2 = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 2);
    const [y, state] = net.apply([x1, x2]);
    expect([y!.shape, state!.shape]).toEqual([[2, 4], [2, 4]]);
    const copy = Functional.fromConfig(JSON.parse(JSON.stringify(net.getConfig()))) as typeof net;
    copy.setWeights(net.getWeights());
    const [y2] = copy.apply([x1, x2]);
    Array.from(y2!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(y!.dataSync()[i]!, 5));
    net.dispose();
    copy.dispose();
  });
});

describe('recurrent layers: Keras behaviours', () => {
  it('Bidirectional equals a forward layer and a goBackwards layer with the same weights, reversed back', () => {
    const x = tf.randomNormal([2, 5, 3], 0, 1, 'float32', 9);
    const bi = bidirectional({ layer: simpleRNN({ units: 4, returnSequences: true }) });
    const out = bi.apply(x);
    const [fk, fr, fb, bk, br, bb] = bi.getWeights();
    const fwd = simpleRNN({ units: 4, returnSequences: true });
    const bwd = simpleRNN({ units: 4, returnSequences: true, goBackwards: true });
    fwd.ensureBuilt(x.shape);
    bwd.ensureBuilt(x.shape);
    fwd.setWeights([fk!, fr!, fb!]);
    bwd.setWeights([bk!, br!, bb!]);
    const expected = tf.concat([fwd.apply(x), tf.reverse(bwd.apply(x), 1)], -1);
    expect(Array.from(out.dataSync())).toEqual(Array.from(expected.dataSync()));
    expect(bi.weights.map((w) => w.name)).toEqual([
      'forward_simple_rnn/kernel', 'forward_simple_rnn/recurrent_kernel', 'forward_simple_rnn/bias',
      'backward_simple_rnn/kernel', 'backward_simple_rnn/recurrent_kernel', 'backward_simple_rnn/bias',
    ].map((n) => n.replace('simple_rnn', bi.forwardLayer.name.replace('forward_', ''))));
    [bi, fwd, bwd].forEach((l) => l.dispose());
  });

  it('masks: a padded sequence gives the output and states of its unpadded prefix (Masking and Embedding maskZero)', () => {
    const layer = lstm({ units: 3, returnState: true });
    const full = tf.randomNormal([2, 6, 2], 0, 1, 'float32', 5);
    const lengths = [4, 6];
    const padded = tf.mul(full, tf.tensor([1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1], [2, 6, 1]));
    const mask = masking().computeMask(padded);
    const [out, h, c] = layer.applyWithState(padded, { training: false, mask });
    for (let b = 0; b < 2; b++) {
      const prefix = tf.slice(full, [b, 0, 0], [1, lengths[b]!, 2]);
      const [o1, h1, c1] = layer.applyWithState(prefix);
      expect(Array.from(tf.slice(out!, [b, 0], [1, 3]).dataSync())).toEqual(Array.from(o1!.dataSync()));
      expect(Array.from(tf.slice(h!, [b, 0], [1, 3]).dataSync())).toEqual(Array.from(h1!.dataSync()));
      expect(Array.from(tf.slice(c!, [b, 0], [1, 3]).dataSync())).toEqual(Array.from(c1!.dataSync()));
    }
    // Through a Sequential: Embedding(maskZero) → GRU.
    const ids = tf.tensor2d([[3, 1, 0, 0], [2, 2, 5, 0]], undefined, 'int32');
    const emb = embedding({ inputDim: 6, outputDim: 2, maskZero: true });
    const rnn = gru({ units: 2 });
    const { output, mask: outMask } = sequential([emb, rnn]).applyWithMask(ids);
    expect(outMask).toBeUndefined();
    const short = rnn.apply(emb.apply(tf.tensor2d([[3, 1]], undefined, 'int32')));
    expect(Array.from(tf.slice(output, [0, 0], [1, 2]).dataSync())).toEqual(Array.from(short.dataSync()));
    const all = layer.apply(padded, { training: false, mask });
    expect(all.map((t) => t.shape)).toEqual([[2, 3], [2, 3], [2, 3]]);
    expect(Array.from(all[0]!.dataSync())).toEqual(Array.from(out!.dataSync()));
  });

  it('stateful: carries states across calls until resetStates, and refuses another batch size', () => {
    const layer = simpleRNN({ units: 3, stateful: true });
    const x = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 8);
    const twice = simpleRNN({ units: 3 });
    const first = layer.apply(tf.slice(x, [0, 0, 0], [2, 2, 2]));
    const second = layer.apply(tf.slice(x, [0, 2, 0], [2, 2, 2]));
    twice.ensureBuilt(x.shape);
    twice.setWeights(layer.getWeights());
    const whole = twice.apply(x);
    Array.from(second.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(whole.dataSync()[i]!, 5));
    expect(() => layer.apply(tf.zeros([3, 2, 2]))).toThrow(/same batch size/);
    layer.resetStates();
    const again = layer.apply(tf.slice(x, [0, 0, 0], [2, 2, 2]));
    expect(Array.from(again.dataSync())).toEqual(Array.from(first.dataSync()));
    expect(() => twice.resetStates()).toThrow(/stateful/);
    layer.dispose();
    twice.dispose();
  });

  it('rejects bad arguments, naming the layer and the argument', () => {
    expect(() => lstm({ units: 0 })).toThrow(/LSTM "lstm.*`units`/);
    expect(() => gru({ units: 2, dropout: 1 })).toThrow(/`dropout`/);
    expect(() => simpleRNN({ units: 2, activation: 'nope' })).toThrow(/unknown value for `activation`/);
    expect(() => bidirectional({ layer: lstm({ units: 2 }), mergeMode: 'max' as never })).toThrow(/`mergeMode`/);
    expect(() => simpleRNN({ units: 2 }).apply(tf.zeros([2, 3]))).toThrow(/\[batch, timesteps, features\]/);
  });
});
