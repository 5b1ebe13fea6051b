import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Optimizer } from '@layerwise/core';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { Adadelta } from './adadelta.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Adamax } from './adamax.js';
import { AdamW } from './adamw.js';
import { Ftrl } from './ftrl.js';
import { Lion } from './lion.js';
import { Nadam } from './nadam.js';
import { deserializeOptimizer, getOptimizer, knownOptimizers } from './registry.js';
import { RMSprop } from './rmsprop.js';
import { CosineDecay } from './schedules/cosine-decay.js';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { SGD } from './sgd.js';
import { KERAS_BASE_OFF } from './test-utils.js';

describe('getOptimizer', () => {
  beforeAll(() => useBackend('cpu'));

  it.each([
    ['sgd', SGD, 0.01],
    ['SGD', SGD, 0.01],
    ['rmsprop', RMSprop, 0.001],
    ['RMSprop', RMSprop, 0.001],
    ['adam', Adam, 0.001],
    ['ADAM', Adam, 0.001],
    ['adamw', AdamW, 0.001],
    ['AdamW', AdamW, 0.001],
    ['adagrad', Adagrad, 0.001],
    ['adadelta', Adadelta, 0.001],
    ['adamax', Adamax, 0.001],
    ['nadam', Nadam, 0.001],
    ['lion', Lion, 0.001],
    ['Ftrl', Ftrl, 0.001],
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
    expect(knownOptimizers).toEqual(['sgd', 'rmsprop', 'adam', 'adamw', 'adagrad', 'adadelta', 'adamax', 'nadam', 'lion', 'ftrl']);
    expect(() => getOptimizer('adafactor')).toThrow(LayerwiseError);
    expect(() => getOptimizer('adafactor')).toThrow(
      "getOptimizer: unknown optimizer 'adafactor'. Known optimizers: 'sgd', 'rmsprop', 'adam', 'adamw', 'adagrad', 'adadelta', 'adamax', 'nadam', 'lion', 'ftrl'",
    );
    expect(() => getOptimizer('constructor')).toThrow(/unknown optimizer 'constructor'/);
  });

  it('rejects something that is neither a name nor an optimizer', () => {
    expect(() => getOptimizer(42 as never)).toThrow(/getOptimizer: expected an optimizer or one of the names 'sgd', 'rmsprop', .*'ftrl'\. Received: 42/);
    expect(() => getOptimizer({ learningRate: 1 } as never)).toThrow(LayerwiseError);
  });
});

describe('deserializeOptimizer and fromConfig', () => {
  it('rebuilds every optimizer from className and config', () => {
    const optimizers = [
      new SGD({ momentum: 0.5, clipnorm: 1 }),
      new RMSprop({ centered: true, useEma: true, emaOverwriteFrequency: 5 }),
      new Adam({ amsgrad: true, beta1: 0.8, gradientAccumulationSteps: 3 }),
      new AdamW({ weightDecay: 0.1, globalClipnorm: 2 }),
      new Adagrad({ initialAccumulatorValue: 0.5, clipvalue: 0.3 }),
      new Adadelta({ rho: 0.9, weightDecay: 0.01 }),
      new Adamax({ beta2: 0.99 }),
      new Nadam({ learningRate: new CosineDecay({ initialLearningRate: 0.1, decaySteps: 100, warmupTarget: 0.2, warmupSteps: 10 }) }),
      new Lion({ beta1: 0.95 }),
      new Ftrl({ l1RegularizationStrength: 0.1, beta: 0.5 }),
    ];
    for (const optimizer of optimizers) {
      const copy = deserializeOptimizer({ className: optimizer.className, config: optimizer.getConfig() });
      expect(copy.constructor).toBe(optimizer.constructor);
      expect(copy.getConfig()).toEqual(optimizer.getConfig());
    }
  });

  it('accepts a full Keras 3 config, with loss_scale_factor off', () => {
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
    const { loss_scale_factor: _, ...withoutLossScale } = keras;
    expect(Adam.fromConfig(keras).getConfig()).toEqual(withoutLossScale);
    expect(withoutLossScale).toEqual({ name: 'adam', learning_rate: 0.002, ...KERAS_BASE_OFF, beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false });
  });

  it('loads a Keras 3 config with the base features on', () => {
    const sgd = SGD.fromConfig({ learning_rate: 0.1, clipnorm: 1, use_ema: true, ema_momentum: 0.9, ema_overwrite_frequency: 10, gradient_accumulation_steps: 2, weight_decay: 0.01 });
    expect([sgd.clipnorm, sgd.useEma, sgd.emaMomentum, sgd.emaOverwriteFrequency, sgd.gradientAccumulationSteps, sgd.weightDecay]).toEqual([1, true, 0.9, 10, 2, 0.01]);
  });

  it('rebuilds a schedule-driven optimizer, with custom schedule classes when given', () => {
    class Halving extends LearningRateSchedule {
      readonly className = 'Halving';
      constructor(readonly initial: number) {
        super();
      }
      call(step: number) {
        return this.initial / 2 ** step;
      }
      getConfig() {
        return { initial: this.initial };
      }
    }
    const optimizer = new Adam({ learningRate: new Halving(0.4) });
    const serialized = { className: optimizer.className, config: JSON.parse(JSON.stringify(optimizer.getConfig())) };
    expect(serialized.config.learning_rate).toEqual({ module: null, class_name: 'Halving', config: { initial: 0.4 }, registered_name: 'Halving' });
    expect(() => deserializeOptimizer(serialized)).toThrow(/unknown learning rate schedule 'Halving'/);
    const copy = deserializeOptimizer(serialized, { Halving: (config) => new Halving(config['initial'] as number) });
    expect(copy.learningRateSchedule).toBeInstanceOf(Halving);
    expect(copy.learningRate).toBe(0.4);
    expect(copy.getConfig()).toEqual(optimizer.getConfig());
  });

  it('rejects Keras settings that are on, unknown keys and bad values, naming them', () => {
    expect(() => SGD.fromConfig({ learning_rate: 0.1, loss_scale_factor: 2 })).toThrow('SGD.fromConfig: `loss_scale_factor` is not supported by Layerwise yet. Received: loss_scale_factor=2');
    expect(() => SGD.fromConfig({ clipnorm: 1, clipvalue: 1 })).toThrow(/SGD: only one of `clipnorm`, `clipvalue` and `globalClipnorm` can be set/);
    expect(() => Adam.fromConfig({ gradient_accumulation_steps: 1 })).toThrow(/Adam: received an invalid value for `gradientAccumulationSteps`, expected an integer of at least 2/);
    expect(() => RMSprop.fromConfig({ alpha: 0.9 })).toThrow(/RMSprop\.fromConfig: unknown config key `alpha`\. Known keys: name, learning_rate, weight_decay, .*, rho, momentum, epsilon, centered/);
    expect(() => Adam.fromConfig({ beta_1: 2 })).toThrow(/Adam: received an invalid value for `beta1`/);
    expect(() => SGD.fromConfig({ learning_rate: { class_name: 'ExponentialDecay' } })).toThrow(/ExponentialDecay: received an invalid value for `initialLearningRate`/);
    expect(() => SGD.fromConfig({ learning_rate: [0.1] })).toThrow(/SGD: received an invalid value for `learningRate`, expected a number in \(0, inf\) or a LearningRateSchedule/);
    expect(() => AdamW.fromConfig({ weight_decay: null })).toThrow('AdamW: received an invalid value for `weightDecay`, expected a number in [0, inf). Received: weightDecay=null');
    expect(() => deserializeOptimizer({ className: 'Adafactor', config: {} })).toThrow(/deserializeOptimizer: unknown optimizer 'Adafactor'/);
    expect(() => deserializeOptimizer(null as never)).toThrow(/expected \{ className, config \}/);
  });

  it('creates no tensors', () => {
    const before = tf.memory().numTensors;
    getOptimizer('adam').dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
