import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input, InputLayer } from '../engine/input-layer.js';
import { SymbolicTensor } from '../engine/symbolic.js';
import { add, concatenate, dense, dropout, flatten } from '../layers/index.js';
import { model } from './functional.js';
import { sequential } from './sequential.js';

beforeAll(() => useBackend('cpu'));

const seeded = (seed: number) => ({
  className: 'Seeded',
  apply: (shape: readonly number[]) => tf.randomUniform([...shape], -0.5, 0.5, 'float32', seed),
  getConfig: () => ({ seed }),
});

/** Two inputs through one shared Dense, merged two ways, to two heads. */
function twoHeads() {
  const a = input({ shape: [3], name: 'a' });
  const b = input({ shape: [3], name: 'b' });
  const shared = dense({ units: 4, activation: 'tanh', name: 'shared', kernelInitializer: seeded(1) });
  const ha = shared.apply(a);
  const hb = shared.apply(b);
  const sum = add({ name: 'sum' }).apply([ha, hb]);
  const cat = concatenate({ name: 'cat' }).apply([ha, hb]);
  const out1 = dense({ units: 2, name: 'out1', kernelInitializer: seeded(2) }).apply(sum);
  const out2 = dense({ units: 1, name: 'out2', kernelInitializer: seeded(3) }).apply(cat);
  return { net: model({ inputs: [a, b], outputs: [out1, out2], name: 'two_heads' }), a, b, shared, out1, out2 };
}

describe('the functional API', () => {
  it('input() gives a symbolic tensor with its shape, dtype and producing layer', () => {
    const x = input({ shape: [28, 28, 1], name: 'image' });
    expect(x).toBeInstanceOf(SymbolicTensor);
    expect(x.shape).toEqual([null, 28, 28, 1]);
    expect(x.dtype).toBe('float32');
    expect(x.layer).toBeInstanceOf(InputLayer);
    expect(x.layer.name).toBe('image');
    expect(String(x)).toBe('SymbolicTensor(shape=(None, 28, 28, 1), dtype=float32, name=image)');
    const ids = input({ shape: [null], batchSize: 8, dtype: 'int32' });
    expect(ids.shape).toEqual([8, null]);
    expect(ids.dtype).toBe('int32');
    const h = dense({ units: 5 }).apply(flatten().apply(x));
    expect(h.shape).toEqual([null, 5]);
    expect(h.node.inputs[0]!.layer.className).toBe('Flatten');
    expect(() => input({ shape: [0] })).toThrow(/`inputShape\[0\]`/);
  });

  it('builds a two-input, two-output graph with a shared layer and computes what its layers compute', async () => {
    const { net, shared } = twoHeads();
    expect(net.layers.map((l) => l.name)).toEqual(['a', 'b', 'shared', 'sum', 'out1', 'cat', 'out2']);
    expect(net.inputs.map((t) => t.name)).toEqual(['a', 'b']);
    expect(net.outputNames).toEqual(['out1', 'out2']);
    expect(net.outputShape).toEqual([[null, 2], [null, 1]]);
    // The shared layer's weights count once: 16 + 10 + 9.
    expect(net.countParams()).toBe(35);
    expect(net.trainableWeights.map((w) => w.name)).toEqual(['shared/kernel', 'shared/bias', 'out1/kernel', 'out1/bias', 'out2/kernel', 'out2/bias']);
    expect(shared.input).toBe(net.inputs[0]);

    const xa = tf.randomNormal([5, 3], 0, 1, 'float32', 4);
    const xb = tf.randomNormal([5, 3], 0, 1, 'float32', 5);
    const before = tf.memory().numTensors;
    const [y1, y2] = await net.predict([xa, xb], { batchSize: 2 });
    const fromRecord = net.predictOnBatch({ b: xb, a: xa });
    expect(tf.memory().numTensors).toBe(before + 4);
    const expected = tf.tidy(() => {
      const [ha, hb] = [shared.apply(xa), shared.apply(xb)];
      const out1 = net.getLayer('out1').apply(tf.add(ha, hb)) as tf.Tensor;
      const out2 = net.getLayer(6).apply(tf.concat([ha, hb], 1)) as tf.Tensor;
      return [out1, out2];
    });
    for (const [got, want] of [[y1!, expected[0]!], [y2!, expected[1]!], [fromRecord[0]!, expected[0]!], [fromRecord[1]!, expected[1]!]] as const) {
      expect(got.shape).toEqual(want.shape);
      Array.from(got.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want.dataSync()[i]!, 5));
    }
    tf.dispose([xa, xb, y1!, y2!, ...fromRecord, ...expected]);
    net.dispose();
  });

  it('getLayer finds layers by name or index and lists the names otherwise', () => {
    const { net } = twoHeads();
    expect(net.getLayer('cat').className).toBe('Concatenate');
    expect(net.getLayer(0)).toBe(net.inputs[0]!.layer);
    expect(() => net.getLayer('head')).toThrow(
      'Functional "two_heads": getLayer: no layer named \'head\'. Its layers are: a, b, shared, sum, out1, cat, out2',
    );
    expect(() => net.getLayer(7)).toThrow(/expected a layer index in \[0, 6\]. Received: nameOrIndex=7/);
    net.dispose();
  });

  it('rejects a disconnected graph, naming the output and the missing input', () => {
    const a = input({ shape: [2], name: 'given' });
    const b = input({ shape: [2], name: 'forgotten' });
    const out = add().apply([dense({ units: 2 }).apply(a), b]);
    expect(() => model({ inputs: a, outputs: out, name: 'broken' })).toThrow(
      'Functional "broken": graph disconnected: output 0 cannot be computed from the inputs (given); it depends on input layer "forgotten", which is not one of them',
    );
    const hidden = dense({ units: 2 }).apply(a);
    expect(() => model({ inputs: hidden, outputs: hidden })).toThrow(/inputs must be symbolic tensors made by input\(\)/);
    expect(() => model({ inputs: a, outputs: [a, tf.zeros([1]) as unknown as SymbolicTensor] })).toThrow(/`outputs` must be symbolic tensors.*outputs\[1\]/);
  });

  it('checks the shapes of concrete inputs against the model inputs', async () => {
    const { net } = twoHeads();
    const x = tf.zeros([2, 3]);
    const wrong = tf.zeros([2, 4]);
    await expect(net.predict([x, wrong])).rejects.toThrow(
      'Input 1 of layer "two_heads" is incompatible with the layer: expected shape (None, 3), but received input with shape (2, 4)',
    );
    await expect(net.predict(x)).rejects.toThrow(/the model has 2 inputs \(a, b\), received one tensor of inputs/);
    await expect(net.predict({ a: x, c: x })).rejects.toThrow(/no input named "c"; the model's inputs are a, b/);
    tf.dispose([x, wrong]);
    net.dispose();
  });

  it('uses a model as a layer: a base with a new head, and the base shared by two inputs', async () => {
    const base = sequential([dense({ units: 6, activation: 'relu', inputShape: [4], name: 'base_hidden', kernelInitializer: seeded(7) })], { name: 'base' });
    const x = input({ shape: [4] });
    const head = dense({ units: 3, activation: 'softmax', name: 'head', kernelInitializer: seeded(8) });
    const classifier = model({ inputs: x, outputs: head.apply(base.apply(x)), name: 'classifier' });
    expect(classifier.layers.map((l) => l.className)).toEqual(['InputLayer', 'Sequential', 'Dense']);
    expect(classifier.countParams()).toBe(30 + 21);
    const data = tf.randomNormal([3, 4], 0, 1, 'float32', 9);
    const y = classifier.predictOnBatch(data);
    const expected = tf.tidy(() => head.apply(base.predictOnBatch(data)));
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected.dataSync()[i]!, 6));

    // A Siamese use: one base applied to two inputs, its weights shared.
    const left = input({ shape: [4] });
    const right = input({ shape: [4] });
    const siamese = model({ inputs: [left, right], outputs: add().apply([base.apply(left), base.apply(right)]) });
    expect(siamese.countParams()).toBe(30);
    expect(siamese.trainableWeights).toHaveLength(2);
    tf.dispose([data, y, expected]);
    classifier.dispose();
  });

  it('reads every intermediate activation from a model built from another model inputs and layer outputs', async () => {
    const base = sequential([
      dense({ units: 5, activation: 'relu', inputShape: [3], name: 'first' }),
      dropout({ rate: 0.5, name: 'drop' }),
      dense({ units: 2, name: 'last' }),
    ]);
    const activations = model({ inputs: base.inputs, outputs: base.layers.map((l) => l.output) });
    const x = tf.randomNormal([4, 3], 0, 1, 'float32', 10);
    const before = tf.memory().numTensors;
    const outs = await activations.predict(x);
    expect(outs.map((t) => t.shape)).toEqual([[4, 5], [4, 5], [4, 2]]);
    expect(tf.memory().numTensors).toBe(before + 3);
    const last = await base.predict(x);
    expect(Array.from(outs[2]!.dataSync())).toEqual(Array.from(last.dataSync()));
    expect(Array.from(outs[1]!.dataSync())).toEqual(Array.from(outs[0]!.dataSync())); // dropout is off at inference

    // The same from a functional base, whose layers start with its input layer.
    const { net } = twoHeads();
    const everything = model({ inputs: net.inputs, outputs: net.layers.map((l) => l.output) });
    expect(everything.outputs).toHaveLength(7);
    tf.dispose([x, last, ...outs]);
    base.dispose();
    net.dispose();
  });

  it('gives a Sequential symbolic inputs and outputs: declared, deferred, after add and pop', async () => {
    const declared = sequential([dense({ units: 3, inputShape: [2] }), dense({ units: 1 })]);
    expect(declared.inputs[0]!.shape).toEqual([null, 2]);
    expect(declared.output).toBe(declared.layers[1]!.output);
    declared.add(dense({ units: 4, name: 'added' }));
    expect(declared.output.layer.name).toBe('added');
    declared.pop();
    expect(declared.outputs[0]!.layer).toBe(declared.layers[1]);
    const perLayer = model({ inputs: declared.inputs, outputs: declared.layers.map((l) => l.output) });
    expect(perLayer.outputs).toHaveLength(2);

    const deferred = sequential([flatten(), dense({ units: 2 })]);
    expect(() => deferred.inputs).toThrow(/Sequential "sequential(_\d+)?" has no symbolic inputs/);
    expect(() => deferred.layers[1]!.output).toThrow(/Dense "dense(_\d+)?" has no output: it has not been applied to a symbolic tensor yet/);
    const x = tf.ones([2, 3, 2]);
    const y = await deferred.predict(x);
    expect(deferred.inputs[0]!.shape).toEqual([null, 3, 2]);
    expect(deferred.layers[1]!.output.shape).toEqual([null, 2]);
    tf.dispose([x, y]);
    declared.dispose();
    deferred.dispose();
  });
});
