import type { ConfigDict } from '@layerwise/core';
import { invalidArgument } from '@layerwise/core';
import { ADAM_CONFIG_KEYS, Adam } from './adam.js';
import type { AdamOptions } from './adam.js';
import type { BaseOptimizerDefaults } from './base-optimizer.js';
import { configToOptions } from './config.js';
import type { CustomSchedules } from './schedules/serialization.js';

/** Options of {@link AdamW}: Adam's, with `weightDecay` defaulting to 0.004. */
export interface AdamWOptions extends AdamOptions {
  /** Decoupled weight decay, at least 0 (not null). Default 0.004. */
  weightDecay?: number;
}

/**
 * AdamW, as Keras 3's: {@link Adam} with decoupled weight decay (Loshchilov & Hutter), applied
 * before each update as `w -= w * weightDecay * learningRate` (the base optimizer's `weightDecay`,
 * here 0.004 by default and required).
 *
 * @example
 * ```ts
 * model.compile({ optimizer: new AdamW({ learningRate: 1e-3, weightDecay: 0.01 }), loss: 'mse' });
 * ```
 */
export class AdamW extends Adam {
  protected static override readonly defaults: BaseOptimizerDefaults & { readonly className: string } = {
    className: 'AdamW',
    learningRate: 0.001,
    name: 'adamw',
    weightDecay: 0.004,
  };

  constructor(options?: AdamWOptions) {
    if (options !== null && typeof options === 'object' && (options as { weightDecay?: unknown }).weightDecay === null) {
      throw invalidArgument({ owner: 'AdamW', argument: 'weightDecay', expected: 'a number in [0, inf)', received: options.weightDecay });
    }
    super(options);
  }

  /** Rebuilds an AdamW from its (Keras) config; `customSchedules` resolves your own learning rate schedule classes. */
  static override fromConfig(config: ConfigDict, customSchedules?: CustomSchedules): AdamW {
    return new AdamW(configToOptions('AdamW', config, ADAM_CONFIG_KEYS, customSchedules) as AdamWOptions);
  }
}

/**
 * Creates an {@link AdamW} optimizer (defaults: learningRate 0.001, weightDecay 0.004, beta1 0.9,
 * beta2 0.999, epsilon 1e-7, amsgrad false).
 *
 * @example
 * ```ts
 * const optimizer = adamw({ learningRate: 3e-4, weightDecay: 0.05 });
 * ```
 */
export function adamw(options?: AdamWOptions): AdamW {
  return new AdamW(options);
}
