import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Serializable } from '@layerwise/core';
import { MetricState } from './metric-state.js';
import { checkConfig, checkName, checkOptions } from './options.js';
import { checkSampleWeight, samplewiseSum } from './samplewise.js';
import { checkTensor } from './shapes.js';

/** Options of {@link Sum}. */
export interface SumOptions {
  /** The name under which the value is logged. Default `'sum'`. */
  name?: string;
}

/**
 * The running (optionally weighted) sum of values, as Keras' `keras.metrics.Sum`. Like
 * {@link Mean} it takes values, not `(yTrue, yPred)`: `update(values, sampleWeight?)`, where
 * weights of a shape that is a leading part of the values' shape (`[batch]` usually) multiply
 * each sample's sum. The state is one scalar variable on the device, created on the first
 * update; `update` reads nothing back.
 *
 * @example
 * ```ts
 * const total = new Sum();
 * total.update(tf.tensor1d([1, 3, 5, 7]), tf.tensor1d([1, 1, 0, 0]));
 * total.result().print(); // 4
 * ```
 */
export class Sum implements Serializable {
  readonly className: string = 'Sum';
  /** The name under which the value is logged. */
  readonly name: string;
  private readonly state = new MetricState<'total'>('Sum');

  /** Validates the options (a `LayerwiseError` names any bad one). */
  constructor(options: SumOptions = {}) {
    checkOptions(this.className, options, ['name']);
    this.name = checkName(this.className, options.name ?? 'sum');
  }

  /** Rebuilds the tracker from {@link getConfig}'s output. */
  static fromConfig(config: ConfigDict): Sum {
    const dict = checkConfig('Sum', config, ['name']);
    return new Sum({ name: dict['name'] as string | undefined });
  }

  /** Adds values (any shape, batch first) with optional weights; neither tensor is disposed. */
  update(values: Tensor, sampleWeight?: Tensor): void {
    checkTensor(this.className, 'values', values, 0);
    const weightShape = sampleWeight === undefined ? undefined : checkSampleWeight(this.className, values, sampleWeight);
    tf.tidy(() => this.state.add({ total: samplewiseSum(values, sampleWeight, weightShape) }));
  }

  /** The sum so far, as a new scalar the caller disposes (0 before any update). */
  result(): Tensor {
    const current = this.state.current;
    return current === undefined ? tf.scalar(0) : tf.clone(current.total);
  }

  /** Forgets every value seen (the state stays allocated). */
  reset(): void {
    this.state.reset();
  }

  /** Frees the state; a later update starts again from zero. */
  dispose(): void {
    this.state.dispose();
  }

  /** Keras' config: `{ name }`. */
  getConfig(): ConfigDict {
    return { name: this.name };
  }
}
