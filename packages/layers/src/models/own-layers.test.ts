import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, useBackend, type ConfigDict, type Shape } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Layer, type CallContext, type LayerArgs } from '../engine/layer.js';
import { glorotUniform, zeros } from '../initializers/index.js';
import { runLayerTest } from '../testing/index.js';
import { Functional, model } from './functional.js';
import { input } from '../engine/input-layer.js';
import { Model } from './model.js';
import { deserializeLayer, registerLayer, serializeLayer } from './registry.js';
import { Sequential, sequential } from './sequential.js';

// The README's "Writing your own layer" examples, exactly: the last test checks that the code between
// the region markers is the code of the README's blocks (imports aside).
const initializers = { glorotUniform, zeros };

// #region own-layer
/** Arguments of {@link Linear}. */
interface LinearArgs extends LayerArgs {
  /** Output features. */
  units: number;
}

/** `x · kernel + bias`, written from scratch. */
class Linear extends Layer {
  static override readonly className = 'Linear';
  readonly units: number;
  private kernel: Variable | undefined;
  private bias: Variable | undefined;

  constructor(args: LinearArgs) {
    super(args);
    this.units = checkInteger(`Linear "${this.name}"`, 'units', args.units);
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1]!;
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, this.units], initializer: initializers.glorotUniform() });
    this.bias = this.addWeight({ name: 'bias', shape: [this.units], initializer: initializers.zeros() });
  }

  call(x: Tensor): Tensor {
    return tf.tidy(() => tf.add(tf.matMul(x, this.kernel!), this.bias!));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}

registerLayer(Linear);
// #endregion own-layer

// #region own-model
/** Arguments of {@link Mlp}. */
interface MlpArgs extends LayerArgs {
  hidden: number;
  units: number;
}

/** Two `Linear` layers with a ReLU between them, as a model of its own. */
class Mlp extends Model {
  static override readonly className = 'Mlp';
  readonly hidden: number;
  readonly units: number;
  private readonly first: Linear;
  private readonly second: Linear;

  constructor(args: MlpArgs) {
    super(args);
    this.hidden = args.hidden;
    this.units = args.units;
    this.first = new Linear({ units: args.hidden, name: `${this.name}_hidden` });
    this.second = new Linear({ units: args.units, name: `${this.name}_out` });
  }

  get layers(): Layer[] {
    return [this.first, this.second];
  }

  override build(inputShape: Shape): void {
    this.first.ensureBuilt(inputShape);
    this.second.ensureBuilt(this.first.computeOutputShape(inputShape));
  }

  call(x: Tensor, context: CallContext): Tensor {
    return tf.tidy(() => this.second.apply(tf.relu(this.first.apply(x, context)), context));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.second.computeOutputShape(this.first.computeOutputShape(inputShape));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), hidden: this.hidden, units: this.units };
  }
}

registerLayer(Mlp);
// #endregion own-model

beforeAll(() => useBackend('cpu'));

const quiet = { printFn: () => {} };
const json = (config: ConfigDict) => JSON.parse(JSON.stringify(config)) as ConfigDict;
const same = (a: Tensor, b: Tensor) => expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));

describe('a layer of your own (README: Writing your own layer)', () => {
  it('passes the conformance harness and rejects bad arguments like the built-in layers', () => {
    runLayerTest({ create: () => new Linear({ units: 2 }), inputShape: [3, 4], expectedOutputShape: [3, 2], expectedWeights: { trainable: 2, nonTrainable: 0 }, expectedParams: 10 });
    expect(() => new Linear({ units: 0, name: 'lin' })).toThrow(/Linear "lin": received an invalid value for `units`.*Received: units=0/);
  });

  it('works in a functional model: fit, summary, config round trip, getWeights/setWeights', async () => {
    const x = input({ shape: [3] });
    const net: Functional<Tensor> = model({ inputs: x, outputs: new Linear({ units: 1, name: 'out' }).apply(new Linear({ units: 4, name: 'hidden' }).apply(x)) });
    expect(net.summary(quiet)).toMatch(/hidden \(Linear\)\s+\(None, 4\)\s+16\s+input_layer(_\d+)?\[0\]\[0\]/);
    net.compile({ optimizer: 'adam', loss: 'mse' });
    const data = tf.randomNormal([32, 3], 0, 1, 'float32', 1);
    const target = tf.sum(data, 1, true);
    const history = await net.fit(data, target, { epochs: 10, batchSize: 8, verbose: 0 });
    expect(history.history['loss']!.at(-1)!).toBeLessThan(history.history['loss']![0]!);
    const copy = Functional.fromConfig(json(net.getConfig())) as Functional<Tensor>;
    expect(copy.getLayer('hidden')).toBeInstanceOf(Linear);
    copy.setWeights(net.getWeights());
    const [a, b] = [net.predictOnBatch(data), copy.predictOnBatch(data)];
    same(a, b);
    tf.dispose([a, b, data, target]);
    [net, copy].forEach((m) => m.dispose());
  });
});

describe('a model of your own (README: Writing your own layer)', () => {
  it('trains in fit, prints its summary, round-trips its config (alone and inside a Sequential) and its weights', async () => {
    const mlp = new Mlp({ hidden: 8, units: 1, name: 'mlp' });
    mlp.compile({ optimizer: 'adam', loss: 'mse' });
    const data = tf.randomNormal([32, 3], 0, 1, 'float32', 2);
    const target = tf.sum(data, 1, true);
    const history = await mlp.fit(data, target, { epochs: 10, batchSize: 8, verbose: 0 });
    expect(history.history['loss']!.at(-1)!).toBeLessThan(history.history['loss']![0]!);
    expect(mlp.summary(quiet)).toMatch(/mlp_hidden \(Linear\)\s+\(None, 8\)\s+32[\s\S]*Total params: 41\n/);

    const copy = Mlp.fromConfig(json(mlp.getConfig()));
    expect(copy.getConfig()).toEqual({ ...mlp.getConfig() });
    copy.ensureBuilt([null, 3]);
    copy.setWeights(mlp.getWeights());
    const [a, b] = [mlp.predictOnBatch(data), copy.predictOnBatch(data)];
    same(a, b);

    // Nested in a Sequential, it serialises by its class name (registered above).
    const outer = sequential([new Mlp({ hidden: 4, units: 2, inputShape: [3], name: 'inner' })]);
    expect(outer.outputShape).toEqual([null, 2]);
    const again = Sequential.fromConfig(json(outer.getConfig()));
    expect(again.layers[0]).toBeInstanceOf(Mlp);
    expect(deserializeLayer(json(serializeLayer(mlp) as unknown as ConfigDict) as never).className).toBe('Mlp');
    tf.dispose([a, b, data, target]);
    [mlp, copy, outer, again].forEach((m) => m.dispose());
  });
});

describe('the README shows exactly these examples', () => {
  it('its "Writing your own layer" code blocks are the code above', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.split('## Writing your own layer')[1]!.split('\n## ')[0]!;
    const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/^import .*\n/gm, '').trim());
    const source = readFileSync(__filename, 'utf8');
    const region = (name: string) => source.split(`// #region ${name}\n`)[1]!.split(`// #endregion ${name}`)[0]!.trim();
    expect(blocks).toEqual([region('own-layer'), region('own-model')]);
  });
});
