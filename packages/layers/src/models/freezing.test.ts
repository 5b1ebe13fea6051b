import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { Layer, type CallContext } from '../engine/layer.js';
import { batchNormalization, dense } from '../layers/index.js';
import { freezeWeights, unfreezeWeights } from './freezing.js';
import { model } from './functional.js';
import { sequential } from './sequential.js';

beforeAll(() => useBackend('cpu'));

const stack = () => sequential(['l0', 'l1', 'l2', 'l3', 'l4'].map((name, i) => dense({ units: 2, name, ...(i === 0 ? { inputShape: [2] } : {}) })));
const flags = (m: { layers: { trainable: boolean }[] }) => m.layers.map((l) => l.trainable);

/** Records the `training` flag of every call. */
class Probe extends Layer {
  static override readonly className = 'Probe';
  readonly seen: boolean[] = [];
  call(x: Tensor, { training }: CallContext): Tensor {
    this.seen.push(training);
    return tf.clone(x);
  }
}

describe('freezing', () => {
  it('freezeWeights and unfreezeWeights act on an inclusive range by name, index or layer, and the rest gets the opposite', () => {
    const m = stack();
    freezeWeights(m, { from: 'l1', to: 3 });
    expect(flags(m)).toEqual([true, false, false, false, true]);
    expect(m.trainable).toBe(true);
    expect(m.trainableWeights.map((w) => w.name)).toEqual(['l0/kernel', 'l0/bias', 'l4/kernel', 'l4/bias']);
    expect(m.summary({ printFn: () => {} })).toContain('Trainable params: 12\nNon-trainable params: 18');
    unfreezeWeights(m, { from: 'l3' });
    expect(flags(m)).toEqual([false, false, false, true, true]);
    freezeWeights(m, { to: m.layers[1]! });
    expect(flags(m)).toEqual([false, false, true, true, true]);
    freezeWeights(m);
    expect(m.trainable).toBe(false);
    expect(flags(m)).toEqual([false, false, false, false, false]);
    expect(m.trainableWeights).toEqual([]);
    unfreezeWeights(m);
    expect(flags(m)).toEqual([true, true, true, true, true]);
    m.dispose();
  });

  it('names the model, the argument and the layers in its errors', () => {
    const m = stack();
    const owner = `freezeWeights(Model "${m.name}")`;
    expect(() => freezeWeights(m, { from: 'l9' })).toThrow(`${owner}: no layer named 'l9'. Its layers are: l0, l1, l2, l3, l4`);
    expect(() => freezeWeights(m, { from: 3, to: 'l1' })).toThrow(`${owner}: \`from\` (layer 3, "l3") comes after \`to\` (layer 1, "l1")`);
    expect(() => unfreezeWeights(m, { to: 5 })).toThrow(/`to`, expected a layer index in \[0, 4\]. Received: to=5/);
    expect(() => freezeWeights(m, { form: 'l1' } as never)).toThrow(/unknown option `form`/);
    expect(flags(m)).toEqual([true, true, true, true, true]);
    m.dispose();
  });

  it('leaves a frozen layer\'s weights alone in fit while the others train', async () => {
    const x = input({ shape: [3] });
    const hidden = dense({ units: 4, activation: 'tanh', name: 'frozen_hidden' });
    const out = dense({ units: 1, name: 'trained_out' });
    const net = model({ inputs: x, outputs: out.apply(hidden.apply(x)) });
    freezeWeights(net, { from: 'frozen_hidden', to: 'frozen_hidden' });
    net.compile({ optimizer: 'adam', loss: 'mse' });
    const data = tf.randomNormal([32, 3], 0, 1, 'float32', 1);
    const target = tf.sum(data, 1, true);
    const [hiddenBefore, outBefore] = [hidden.getWeights(), out.getWeights()];
    await net.fit(data, target, { epochs: 3, batchSize: 8, verbose: 0 });
    hidden.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(hiddenBefore[i]!.dataSync())));
    expect(Array.from(out.getWeights()[0]!.dataSync())).not.toEqual(Array.from(outBefore[0]!.dataSync()));
    tf.dispose([data, target, ...hiddenBefore, ...outBefore]);
    net.dispose();
  });

  it('calls frozen layers, and everything in a frozen model, with training false', async () => {
    const probe = new Probe({ name: 'probe' });
    const innerProbe = new Probe({ name: 'inner_probe' });
    const norm = batchNormalization({ name: 'norm' });
    const base = sequential([dense({ units: 3, inputShape: [3], name: 'base_dense' }), innerProbe, norm], { name: 'base' });
    const x = input({ shape: [3] });
    const net = model({ inputs: x, outputs: dense({ units: 1 }).apply(probe.apply(base.apply(x))) });
    net.compile({ optimizer: 'sgd', loss: 'mse' });
    const data = tf.randomNormal([8, 3], 0, 1, 'float32', 2);
    const target = tf.zeros([8, 1]);
    await net.trainOnBatch(data, target);
    expect([probe.seen.at(-1), innerProbe.seen.at(-1)]).toEqual([true, true]);

    base.trainable = false;
    probe.trainable = false;
    const stats = norm.getWeights().slice(2);
    await net.trainOnBatch(data, target);
    expect([probe.seen.at(-1), innerProbe.seen.at(-1)]).toEqual([false, false]);
    // The frozen BatchNormalization ran in inference mode: its moving statistics did not move.
    norm.getWeights().slice(2).forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(stats[i]!.dataSync())));
    tf.dispose([data, target, ...stats]);
    net.dispose();
  });
});
