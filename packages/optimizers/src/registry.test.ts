import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '@layerwise/core';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adam } from './adam.js';
import { deserializeOptimizer, getOptimizer, knownOptimizers } from './registry.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

describe('getOptimizer', () => {
  beforeAll(() => useBackend('cpu'));

  it.each([
    ['sgd', SGD, 0.01],
    ['SGD', SGD, 0.01],
    ['rmsprop', RMSprop, 0.001],
    ['RMSprop', RMSprop, 0.001],
    ['adam', Adam, 0.001],
    ['ADAM', Adam, 0.001],
  ])('resolves %s to a default instance', (name, cls, learningRate) => {
    const optimizer = getOptimizer(name);
    expect(optimizer).toBeInstanceOf(cls);
    expect(optimizer.learningRate).toBe(learningRate);
    expect(getOptimizer(name)).not.toBe(optimizer); // a new instance each time
  });

  it('returns an optimizer object as is, including one not from this package', () => {
    const own = new Adam();
    expect(getOptimizer(own)).toBe(own);
    const custom: Optimizer = { className: 'Mine', learningRate: 1, iterations: 0, applyGradients() {}, dispose() {}, getConfig: () => ({}) };
    expect(getOptimizer(custom)).toBe(custom);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(knownOptimizers).toEqual(['sgd', 'rmsprop', 'adam']);
    expect(() => getOptimizer('adagrad')).toThrow(LayerwiseError);
    expect(() => getOptimizer('adagrad')).toThrow("getOptimizer: unknown optimizer 'adagrad'. Known optimizers: 'sgd', 'rmsprop', 'adam'");
  });

  it('rejects something that is neither a name nor an optimizer', () => {
    expect(() => getOptimizer(42 as never)).toThrow(/getOptimizer: expected an optimizer or one of the names 'sgd', 'rmsprop', 'adam'\. Received: 42/);
    expect(() => getOptimizer({ learningRate: 1 } as never)).toThrow(LayerwiseError);
  });
});

describe('deserializeOptimizer and fromConfig', () => {
  it('rebuilds every optimizer from className and config', () => {
    for (const optimizer of [new SGD({ momentum: 0.5 }), new RMSprop({ centered: true }), new Adam({ amsgrad: true, beta1: 0.8 })]) {
      const copy = deserializeOptimizer({ className: optimizer.className, config: optimizer.getConfig() });
      expect(copy.constructor).toBe(optimizer.constructor);
      expect(copy.getConfig()).toEqual(optimizer.getConfig());
    }
  });

  it("accepts a full Keras 3 config with the base settings Layerwise lacks left off", () => {
    const keras = {
      name: 'adam',
      learning_rate: 0.002,
      weight_decay: null,
      clipnorm: null,
      global_clipnorm: null,
      clipvalue: null,
      use_ema: false,
      ema_momentum: 0.99,
      ema_overwrite_frequency: null,
      loss_scale_factor: null,
      gradient_accumulation_steps: null,
      beta_1: 0.9,
      beta_2: 0.999,
      epsilon: 1e-7,
      amsgrad: false,
    };
    expect(Adam.fromConfig(keras).getConfig()).toEqual({ name: 'adam', learning_rate: 0.002, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false });
  });

  it('rejects Keras settings that are on, unknown keys and bad values, naming them', () => {
    expect(() => SGD.fromConfig({ learning_rate: 0.1, clipnorm: 1 })).toThrow('SGD.fromConfig: `clipnorm` is not supported by Layerwise yet. Received: clipnorm=1');
    expect(() => Adam.fromConfig({ use_ema: true })).toThrow(/`use_ema` is not supported/);
    expect(() => RMSprop.fromConfig({ alpha: 0.9 })).toThrow(/RMSprop\.fromConfig: unknown config key `alpha`\. Known keys: name, learning_rate, rho, momentum, epsilon, centered/);
    expect(() => Adam.fromConfig({ beta_1: 2 })).toThrow(/Adam: received an invalid value for `beta1`/);
    expect(() => SGD.fromConfig({ learning_rate: { class_name: 'ExponentialDecay' } })).toThrow(/`learningRate`, expected a number/);
    expect(() => deserializeOptimizer({ className: 'Nadam', config: {} })).toThrow(/deserializeOptimizer: unknown optimizer 'Nadam'/);
    expect(() => deserializeOptimizer(null as never)).toThrow(/expected \{ className, config \}/);
  });

  it('creates no tensors', () => {
    const before = tf.memory().numTensors;
    getOptimizer('adam').dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
