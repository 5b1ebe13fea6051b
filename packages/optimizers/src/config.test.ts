import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { BASE_CONFIG_KEYS } from './base-options.js';
import { configToOptions } from './config.js';
import { mapConfigKeys } from './config-keys.js';
import { ExponentialDecay } from './schedules/exponential-decay.js';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';

describe('mapConfigKeys', () => {
  const keys = { learning_rate: 'learningRate', beta_1: 'beta1' };

  it('maps Keras keys to option names, dropping undefined values', () => {
    expect(mapConfigKeys('X', { learning_rate: 0.1, beta_1: undefined }, keys)).toEqual({ learningRate: 0.1 });
  });

  it('rejects a config that is not an object, and unknown keys unless skipped', () => {
    expect(() => mapConfigKeys('X', [] as never, keys)).toThrow(LayerwiseError);
    expect(() => mapConfigKeys('X', 'adam' as never, keys)).toThrow("X.fromConfig: expected a config object. Received: 'adam'");
    expect(() => mapConfigKeys('X', { toString: 1 }, keys)).toThrow('X.fromConfig: unknown config key `toString`. Known keys: learning_rate, beta_1');
    expect(mapConfigKeys('X', { extra: 1, beta_1: 0.5 }, keys, (key) => key === 'extra')).toEqual({ beta1: 0.5 });
  });
});

describe('configToOptions', () => {
  const keys = { ...BASE_CONFIG_KEYS, beta_1: 'beta1' };

  it('maps every Keras base key, null values included (the constructor reads null as off)', () => {
    const config = {
      name: 'n',
      learning_rate: 0.1,
      weight_decay: 0.01,
      clipnorm: null,
      global_clipnorm: 5,
      clipvalue: null,
      use_ema: true,
      ema_momentum: 0.9,
      ema_overwrite_frequency: 3,
      gradient_accumulation_steps: 4,
      beta_1: 0.5,
    };
    expect(configToOptions('X', config, keys)).toEqual({
      name: 'n',
      learningRate: 0.1,
      weightDecay: 0.01,
      clipnorm: null,
      globalClipnorm: 5,
      clipvalue: null,
      useEma: true,
      emaMomentum: 0.9,
      emaOverwriteFrequency: 3,
      gradientAccumulationSteps: 4,
      beta1: 0.5,
    });
  });

  it('accepts loss_scale_factor off and rejects it on', () => {
    expect(configToOptions('X', { loss_scale_factor: null, beta_1: 0.5 }, keys)).toEqual({ beta1: 0.5 });
    expect(configToOptions('X', { loss_scale_factor: 1 }, keys)).toEqual({});
    expect(() => configToOptions('X', { loss_scale_factor: 128 }, keys)).toThrow('X.fromConfig: `loss_scale_factor` is not supported by Layerwise yet. Received: loss_scale_factor=128');
  });

  it('turns a serialised schedule under learning_rate into a LearningRateSchedule', () => {
    const learningRate = { module: 'keras.optimizers.schedules', class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5 }, registered_name: null };
    const options = configToOptions('X', { learning_rate: learningRate }, keys);
    expect(options['learningRate']).toBeInstanceOf(ExponentialDecay);
    expect((options['learningRate'] as LearningRateSchedule).call(10)).toBeCloseTo(0.05, 12);
    expect(() => configToOptions('X', { learning_rate: { class_name: 'Nope', config: {} } }, keys)).toThrow(
      "deserializeLearningRateSchedule: unknown learning rate schedule 'Nope'. Known schedules: ExponentialDecay, PiecewiseConstantDecay, PolynomialDecay, InverseTimeDecay, CosineDecay, CosineDecayRestarts",
    );
  });
});
