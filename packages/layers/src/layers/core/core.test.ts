import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { sequential } from '../../models/sequential.js';
import { runLayerTest } from '../../testing/index.js';
import { dense } from '../dense.js';
import { timeDistributed } from '../recurrent/time-distributed.js';
import { elu } from './elu.js';
import { embedding } from './embedding.js';
import { Lambda, lambda, registerLambdaFunction } from './lambda.js';
import { registerLayerClass } from './layer-registry.js';
import { masking } from './masking.js';
import { permute } from './permute.js';
import { prelu } from './prelu.js';
import { repeatVector } from './repeat-vector.js';

beforeAll(() => useBackend('cpu'));

const fixture = (name: string) => JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures', name), 'utf8')) as { cases: Record<string, unknown>[] };
const close = (actual: tf.Tensor, expected: number[], what: string) => {
  const a = actual.dataSync();
  expect(a.length, `${what}: size`).toBe(expected.length);
  expected.forEach((e, i) => {
    if (!(Math.abs(a[i]! - e) <= 1e-4 * Math.max(1, Math.abs(e)))) throw new Error(`${what}[${i}]: ${a[i]} vs PyTorch ${e}`);
  });
};
const none = { trainable: 0, nonTrainable: 0 };

describe('Embedding', () => {
  it('agrees with PyTorch: rows and the gradient of the embedding matrix (repeated indices add up)', () => {
    const c = fixture('extra_embedding.json').cases[0]! as Record<string, number[] | number>;
    const before = tf.memory().numTensors;
    const layer = embedding({ inputDim: c['inputDim'] as number, outputDim: c['outputDim'] as number });
    const ids = tf.tensor(c['ids'] as number[], c['idsShape'] as number[], 'int32');
    layer.ensureBuilt(ids.shape);
    const w = tf.tensor(c['embeddings'] as number[], [c['inputDim'] as number, c['outputDim'] as number]);
    layer.setWeights([w]);
    const y = layer.apply(ids);
    close(y, c['y'] as number[], 'y');
    const r = tf.tensor(c['r'] as number[], y.shape);
    const v = layer.trainableWeights[0]!.variable;
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(ids), r)) as tf.Scalar, [v]);
    close(grads[v.name]!, c['dembeddings'] as number[], 'dembeddings');
    tf.dispose([ids, w, y, r, value]);
    tf.dispose(grads);
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('passes the conformance harness; maskZero gives the mask of non-zero indices', () => {
    const ints = (shape: number[]) => tf.randomUniform(shape, 0, 10, 'int32', 4);
    runLayerTest({ create: () => embedding({ inputDim: 10, outputDim: 3 }), inputShape: [2, 5], expectedOutputShape: [2, 5, 3], expectedWeights: { trainable: 1, nonTrainable: 0 }, expectedParams: 30, input: ints });
    runLayerTest({ create: () => embedding({ inputDim: 10, outputDim: 3, maskZero: true, embeddingsRegularizer: 'l1', embeddingsConstraint: 'unitNorm', activityRegularizer: 'l2' }), inputShape: [2, 5], expectedOutputShape: [2, 5, 3], expectedWeights: { trainable: 1, nonTrainable: 0 }, input: ints });
    const mask = embedding({ inputDim: 4, outputDim: 2, maskZero: true }).computeMask(tf.tensor2d([[1, 0], [0, 3]], undefined, 'int32'))!;
    expect(Array.from(mask.dataSync())).toEqual([1, 0, 0, 1]);
    expect(embedding({ inputDim: 4, outputDim: 2 }).computeMask(tf.zeros([1, 2]))).toBeUndefined();
    expect(() => embedding({ inputDim: 0, outputDim: 2 })).toThrow(/Embedding "embedding.*`inputDim`/);
  });
});

describe('core layers', () => {
  it('pass the conformance harness', () => {
    runLayerTest({ create: () => permute({ dims: [2, 1] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 4, 3], expectedWeights: none });
    runLayerTest({ create: () => permute({ dims: [3, 1, 2] }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 5, 3, 4], expectedWeights: none });
    runLayerTest({ create: () => repeatVector({ n: 3 }), inputShape: [2, 4], expectedOutputShape: [2, 3, 4], expectedWeights: none });
    runLayerTest({ create: () => masking({ maskValue: -1 }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeights: none });
    runLayerTest({ create: () => elu({ alpha: 0.5 }), inputShape: [2, 3], expectedOutputShape: [2, 3], expectedWeights: none });
    runLayerTest({ create: () => prelu(), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedWeights: { trainable: 1, nonTrainable: 0 }, expectedParams: 12 });
    runLayerTest({ create: () => prelu({ sharedAxes: [1, 2], alphaRegularizer: 'l2', alphaConstraint: 'nonNeg' }), inputShape: [2, 3, 3, 4], expectedOutputShape: [2, 3, 3, 4], expectedWeights: { trainable: 1, nonTrainable: 0 }, expectedParams: 4 });
    registerLambdaFunction('core.test.square', (x) => tf.square(x));
    runLayerTest({ create: () => lambda({ function: 'core.test.square' }), inputShape: [2, 3], expectedOutputShape: [2, 3], expectedWeights: none });
    registerLambdaFunction('core.test.firstTwo', (x) => tf.slice(x, [0, 0], [-1, 2]));
    runLayerTest({ create: () => lambda({ function: 'core.test.firstTwo' }), inputShape: [2, 5], expectedOutputShape: [2, 2], expectedWeights: none });
    runLayerTest({ create: () => timeDistributed({ layer: permute({ dims: [2, 1] }) }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 3, 5, 4], expectedWeights: none });
  });

  it('compute what Keras documents', () => {
    const x = tf.tensor3d([[[1, 2], [0, 0], [3, 0]]]);
    const m = masking();
    expect(Array.from(m.computeMask(x).dataSync())).toEqual([1, 0, 1]);
    expect(Array.from(m.apply(x).dataSync())).toEqual([1, 2, 0, 0, 3, 0]);
    expect(Array.from(repeatVector({ n: 2 }).apply(tf.tensor2d([[1, 2]])).dataSync())).toEqual([1, 2, 1, 2]);
    expect(permute({ dims: [2, 1] }).apply(tf.zeros([1, 2, 3])).shape).toEqual([1, 3, 2]);
    expect(Array.from(elu({ alpha: 2 }).apply(tf.tensor1d([-Infinity, 1])).dataSync())).toEqual([-2, 1]);
    expect(() => permute({ dims: [1, 3] })).toThrow(/`dims`/);
    expect(() => permute({ dims: [2, 1] }).apply(tf.zeros([1, 2]))).toThrow(/rank 3/);
    expect(() => repeatVector({ n: 2 }).apply(tf.zeros([1, 2, 3]))).toThrow(/rank 2/);
  });

  it('Lambda: runs a function, refuses to serialise an unregistered one, and rebuilds registered ones by name', () => {
    const anonymous = lambda({ function: (x) => tf.mul(x, 3), name: 'triple' });
    expect(Array.from(anonymous.apply(tf.tensor1d([1, 2])).dataSync())).toEqual([3, 6]);
    expect(() => anonymous.getConfig()).toThrow(/Lambda "triple": its function cannot be serialised; register it with registerLambdaFunction/);
    const double = (x: tf.Tensor) => tf.mul(x, 2);
    registerLambdaFunction('core.test.double', double);
    const byFunction = lambda({ function: double, outputShape: [2] });
    const config = byFunction.getConfig();
    expect(config['function']).toBe('core.test.double');
    const copy = Lambda.fromConfig(config);
    expect(Array.from(copy.apply(tf.tensor2d([[1, 2]])).dataSync())).toEqual([2, 4]);
    expect(() => lambda({ function: 'core.test.missing' })).toThrow(/no function registered as 'core.test.missing'/);
    expect(() => registerLambdaFunction('core.test.double', (x) => x)).toThrow(/already registered/);
    expect(() => lambda({ function: (x) => x.shape as never }).apply(tf.zeros([1]))).toThrow(/must return a tensor/);
  });

  it('PReLU agrees with PyTorch (output, dx, dalpha)', () => {
    const c = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/extra_activations.json'), 'utf8')).cases.find((k: { name: string }) => k.name === 'PReLU');
    const layer = prelu();
    const x = tf.tensor(c.x, c.shape);
    layer.ensureBuilt(x.shape);
    layer.setWeights([tf.tensor(c.alpha, c.alphaShape)]);
    const r = tf.tensor(c.r, c.shape);
    close(layer.apply(x), c.y, 'y');
    const v = layer.trainableWeights[0]!.variable;
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x), r)) as tf.Scalar, [v]);
    close(grads[v.name]!, c.dalpha, 'dalpha');
    close(tf.grad((input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input), r)))(x), c.dx, 'dx');
    layer.dispose();
  });

  it('TimeDistributed rebuilds its wrapped layer from config, custom classes once registered', () => {
    const td = timeDistributed({ layer: dense({ units: 2, name: 'inner' }) });
    const copy = td.constructor as typeof import('../recurrent/time-distributed.js').TimeDistributed;
    const rebuilt = copy.fromConfig(JSON.parse(JSON.stringify(td.getConfig())));
    expect(rebuilt.layer.className).toBe('Dense');
    class Twice extends Lambda {
      static override readonly className = 'Twice';
    }
    expect(() => copy.fromConfig({ name: 't', layer: { class_name: 'Twice', config: {} } })).toThrow(/unknown layer class 'Twice'; register it with registerLayer/);
    registerLayerClass(Twice);
    registerLambdaFunction('core.test.twice', (x) => tf.mul(x, 2));
    const custom = copy.fromConfig({ name: 't', layer: { class_name: 'Twice', config: { name: 'twice', function: 'core.test.twice' } } });
    expect(custom.layer).toBeInstanceOf(Twice);
  });

  it('work inside a Sequential model through fit', async () => {
    const model = sequential([embedding({ inputDim: 20, outputDim: 4, inputShape: [6] }), permute({ dims: [2, 1] }), timeDistributed({ layer: dense({ units: 2 }) }), prelu()]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tf.randomUniform([8, 6], 0, 20, 'int32', 2);
    const y = tf.randomNormal([8, 4, 2], 0, 1, 'float32', 3);
    const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    expect(history.history['loss']).toHaveLength(2);
    expect(model.countParams()).toBe(20 * 4 + (6 * 2 + 2) + 4 * 2);
    tf.dispose([x, y]);
    model.dispose();
  });
});
