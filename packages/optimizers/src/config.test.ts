import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { configToOptions } from './config.js';

describe('configToOptions', () => {
  const keys = { learning_rate: 'learningRate', beta_1: 'beta1' };

  it('maps Keras keys to option names and drops Keras base settings that are off', () => {
    expect(configToOptions('X', { learning_rate: 0.1, beta_1: 0.5, weight_decay: null, use_ema: false, ema_momentum: 0.99 }, keys)).toEqual({ learningRate: 0.1, beta1: 0.5 });
  });

  it('rejects a config that is not an object', () => {
    expect(() => configToOptions('X', [] as never, keys)).toThrow(LayerwiseError);
    expect(() => configToOptions('X', 'adam' as never, keys)).toThrow("X.fromConfig: expected a config object. Received: 'adam'");
  });

  it.each([['weight_decay', 0.01], ['clipvalue', 1], ['global_clipnorm', 5], ['gradient_accumulation_steps', 4], ['loss_scale_factor', 128]])(
    'rejects %s=%j',
    (key, value) => {
      expect(() => configToOptions('X', { [key]: value }, keys)).toThrow(`X.fromConfig: \`${key}\` is not supported by Layerwise yet`);
    },
  );
});
