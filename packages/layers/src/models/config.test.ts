import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { useBackend, type ConfigDict, type Shape } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { Layer, type CallContext, type LayerArgs } from '../engine/layer.js';
import { constant } from '../initializers/index.js';
import { add, batchNormalization, concatenate, Dense, dense, dropout } from '../layers/index.js';
import { runLayerTest } from '../testing/index.js';
import { Functional, model } from './functional.js';
import { Model } from './model.js';
import { getLayerClass, registerLayer } from './registry.js';
import { Sequential, sequential } from './sequential.js';

beforeAll(() => useBackend('cpu'));

/** A layer of one's own: a learned scale per feature (the README's example). */
interface ScaleArgs extends LayerArgs {
  initial?: number;
}
class Scale extends Layer {
  static override readonly className = 'Scale';
  readonly initial: number;
  private factor: Variable | undefined;

  constructor(args: ScaleArgs = {}) {
    super(args);
    this.initial = args.initial ?? 1;
  }

  override build(inputShape: Shape): void {
    this.factor = this.addWeight({ name: 'factor', shape: [inputShape.at(-1)!], initializer: constant(this.initial) });
  }

  call(x: Tensor): Tensor {
    return tf.mul(x, this.factor!);
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), initial: this.initial };
  }
}

/** The same predictions from two models, once the copy has the original's weights. */
async function expectSamePredictions(original: Model<Tensor | Tensor[]>, copy: Model<Tensor | Tensor[]>, x: Tensor | Tensor[]) {
  const weights = original.getWeights();
  copy.setWeights(weights);
  const [a, b] = [[await original.predict(x)].flat(), [await copy.predict(x)].flat()];
  expect(b.map((t) => t.shape)).toEqual(a.map((t) => t.shape));
  a.forEach((t, i) => expect(Array.from(b[i]!.dataSync())).toEqual(Array.from(t.dataSync())));
  tf.dispose([...weights, ...a, ...b]);
}

const roundTrip = (config: ConfigDict) => JSON.parse(JSON.stringify(config)) as ConfigDict;

describe('configs and the layer registry', () => {
  it('round-trips a Sequential, frozen flags and a nested functional model included', async () => {
    const x = input({ shape: [6] });
    const block = model({ inputs: x, outputs: dense({ units: 4, activation: 'relu' }).apply(x), name: 'block' });
    const original = sequential([dense({ units: 6, inputShape: [3], name: 'in' }), block, dropout({ rate: 0.2 }), batchNormalization(), dense({ units: 2 })]);
    original.layers[0]!.trainable = false;
    const config = original.getConfig();
    const copy = Sequential.fromConfig(roundTrip(config));
    expect(copy.getConfig()).toEqual(config);
    expect(copy.layers.map((l) => l.className)).toEqual(['Dense', 'Functional', 'Dropout', 'BatchNormalization', 'Dense']);
    expect(copy.layers[0]!.trainable).toBe(false);
    const data = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
    await expectSamePredictions(original, copy, data);
    data.dispose();
    [original, copy].forEach((m) => m.dispose());
  });

  it('round-trips a functional model with two inputs, two outputs, a shared layer and a nested Sequential', async () => {
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [3], name: 'b' });
    const shared = dense({ units: 4, activation: 'tanh', name: 'shared' });
    const tower = sequential([dense({ units: 5, inputShape: [4], name: 'tower_in' }), dense({ units: 2, name: 'tower_out' })], { name: 'tower' });
    const [ha, hb] = [shared.apply(a), shared.apply(b)];
    const out1 = tower.apply(add().apply([ha, hb]));
    const out2 = dense({ units: 1, name: 'out2' }).apply(concatenate().apply([ha, hb, tower.apply(hb)]));
    const original = model({ inputs: [a, b], outputs: [out1, out2], name: 'graph' });
    const config = original.getConfig();
    const sharedSpec = (config['layers'] as ConfigDict[]).find((l) => l['name'] === 'shared')!;
    expect(sharedSpec['inbound_nodes']).toEqual([[['a', 0, 0, {}]], [['b', 0, 0, {}]]]);
    expect(config['input_layers']).toEqual([['a', 0, 0], ['b', 0, 0]]);
    expect(config['output_layers']).toEqual([['tower', 0, 0], ['out2', 0, 0]]);

    const copy = Functional.fromConfig(roundTrip(config));
    expect(copy.getConfig()).toEqual(config);
    expect(copy.countParams()).toBe(original.countParams());
    const xa = tf.randomNormal([4, 3], 0, 1, 'float32', 2);
    const xb = tf.randomNormal([4, 3], 0, 1, 'float32', 3);
    await expectSamePredictions(original, copy, [xa, xb]);
    tf.dispose([xa, xb]);
    [original, copy].forEach((m) => m.dispose());
  });

  it('rebuilds a layer of one\'s own once registered, naming the class and the fix otherwise', async () => {
    runLayerTest({ create: () => new Scale({ initial: 0.5 }), inputShape: [2, 3], expectedOutputShape: [2, 3], expectedWeights: { trainable: 1, nonTrainable: 0 }, expectedParams: 3 });
    const x = input({ shape: [3] });
    const original = model({ inputs: x, outputs: dense({ units: 1 }).apply(new Scale({ initial: 2, name: 'scale' }).apply(x)) });
    const config = roundTrip(original.getConfig());
    expect(() => Functional.fromConfig(config)).toThrow(
      /unknown layer class 'Scale'. If it is a layer of your own, register it before deserialising: registerLayer\(Scale\) \(with static className = 'Scale'\). Known classes: .*Dense/,
    );
    registerLayer(Scale);
    registerLayer(Scale); // again: a no-op
    expect(getLayerClass('Scale')).toBe(Scale);
    const copy = Functional.fromConfig(config);
    expect(copy.getLayer('scale')).toBeInstanceOf(Scale);
    const data = tf.randomNormal([4, 3], 0, 1, 'float32', 4);
    await expectSamePredictions(original, copy, data);

    // It trains in fit and shows in the summary.
    original.compile({ optimizer: 'sgd', loss: 'mse' });
    const factor = original.getLayer('scale').getWeights()[0]!;
    const target = tf.ones([4, 1]);
    await original.fit(data, target, { epochs: 2, verbose: 0 });
    expect(Array.from(original.getLayer('scale').getWeights()[0]!.dataSync())).not.toEqual(Array.from(factor.dataSync()));
    expect(original.summary({ printFn: () => {} })).toMatch(/scale \(Scale\)\s+\(None, 3\)\s+3\s+input_layer(_\d+)?\[0\]\[0\]/);
    tf.dispose([data, target, factor]);
    [original, copy].forEach((m) => m.dispose());
  });

  it('knows the built-in classes and checks what it registers', () => {
    expect(getLayerClass('Dense')).toBe(Dense);
    expect(getLayerClass('Model')).toBe(Functional);
    expect(getLayerClass('Sequential')).toBe(Sequential);
    expect(() => registerLayer((() => 1) as never)).toThrow(/registerLayer: expected a class extending Layer/);
    class Wider extends Dense {}
    expect(() => registerLayer(Wider)).toThrow(/needs its own static className/);
    class Other extends Layer {
      static override readonly className = 'Scale';
      call(x: Tensor, _context: CallContext): Tensor {
        return tf.clone(x);
      }
    }
    expect(() => registerLayer(Other)).toThrow("registerLayer: the class name 'Scale' is already registered to another class");
    expect(() => Sequential.fromConfig({ name: 's', layers: [{ class_name: 'Nope', config: {} }] })).toThrow(
      /Sequential "s": fromConfig: unknown layer class 'Nope'/,
    );
  });
});

describe('subclassed models', () => {
  class TwoTowers extends Model {
    readonly left = dense({ units: 4, activation: 'relu', name: 'left_tower' });
    readonly right = dense({ units: 4, name: 'right_tower' });
    readonly head = dense({ units: 1, name: 'tower_head' });

    get layers(): Layer[] {
      return [this.left, this.right, this.head];
    }

    call(x: Tensor, context: CallContext): Tensor {
      return tf.tidy(() => this.head.apply(tf.add(this.left.apply(x, context), this.right.apply(x, context)), context));
    }
  }

  it('train, predict and summarise with the base class doing the rest', async () => {
    const towers = new TwoTowers({ name: 'towers' });
    towers.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tf.randomNormal([16, 3], 0, 1, 'float32', 5);
    const y = tf.sum(x, 1, true);
    const history = await towers.fit(x, y, { epochs: 5, batchSize: 8, verbose: 0 });
    expect(history.history['loss']![4]!).toBeLessThan(history.history['loss']![0]!);
    expect(towers.summary({ printFn: () => {} })).toMatch(/left_tower \(Dense\)\s+\(None, 4\)\s+16/);
    expect(towers.countParams()).toBe(16 + 16 + 5);
    expect(() => towers.inputs).toThrow(/has no symbolic inputs/);
    const before = tf.memory().numTensors;
    const p = await towers.predict(x);
    expect(p.shape).toEqual([16, 1]);
    p.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    towers.dispose();
  });
});
