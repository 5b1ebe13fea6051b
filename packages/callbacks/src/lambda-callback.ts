import type { Callback as CallbackHooks } from '@layerwise/core';
import { Callback } from './callback.js';

/** The hooks a {@link LambdaCallback} runs: any of the Callback hooks, as plain functions. */
export type LambdaHooks = Omit<CallbackHooks, 'setModel' | 'setParams'>;

/**
 * A callback made of functions, as Keras' `LambdaCallback`.
 *
 * @example
 * ```ts
 * new LambdaCallback({ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) });
 * ```
 */
export class LambdaCallback extends Callback {
  constructor(hooks: LambdaHooks) {
    super();
    Object.assign(this, hooks);
  }
}
