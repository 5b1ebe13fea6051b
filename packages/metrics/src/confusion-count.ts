import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { confusionCounts } from './confusion-matrix.js';
import type { ConfusionCounts } from './confusion-matrix.js';
import { checkConfig, checkOptions } from './options.js';
import { StatefulMetric } from './stateful-metric.js';
import { isEvenlyDistributed, parseThresholds } from './thresholds.js';

/** Options of {@link TruePositives}, {@link TrueNegatives}, {@link FalsePositives} and {@link FalseNegatives}. */
export interface ConfusionCountOptions {
  /**
   * A prediction above a threshold counts as positive: one threshold in `[0, 1]` (the result
   * is a scalar) or several (the result has one count per threshold). Default 0.5.
   */
  thresholds?: number | readonly number[];
  /** The name under which the value is logged. Default the snake_case class name (`'true_positives'`). */
  name?: string;
}

/**
 * The weighted number of one cell of the confusion matrix, as Keras' `TruePositives` and its
 * siblings: labels (non-zero is positive) and predictions of one shape are flattened, a
 * prediction above a threshold is positive, and each element counts with its sample's weight.
 */
export abstract class ConfusionCount extends StatefulMetric<'counts'> {
  /** The thresholds as given (`null` for the default 0.5), as written in the config. */
  readonly initThresholds: number | readonly number[] | null;
  /** The thresholds in use. */
  readonly thresholds: readonly number[];
  private readonly evenlyDistributed: boolean;

  /** Validates the options. */
  protected constructor(owner: string, defaultName: string, options: ConfusionCountOptions) {
    checkOptions(owner, options, ['thresholds', 'name']);
    super(owner, options.name ?? defaultName);
    this.thresholds = parseThresholds(owner, options.thresholds, 0.5);
    this.initThresholds = options.thresholds === undefined || options.thresholds === null ? null : Array.isArray(options.thresholds) ? [...options.thresholds] : (options.thresholds as number);
    this.evenlyDistributed = isEvenlyDistributed(this.thresholds);
  }

  /** The cell this metric counts. */
  protected abstract pick(counts: ConfusionCounts): Tensor;

  /** Adds a batch: `sampleWeight` of shape `[batch]`, `[batch, 1]`, yTrue's shape or `[]`. Nothing is disposed. */
  update(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void {
    tf.tidy(() => {
      const counts = confusionCounts(this.className, yTrue, yPred, sampleWeight, {
        thresholds: this.thresholds,
        evenlyDistributed: this.evenlyDistributed,
      });
      this.state.add({ counts: this.pick(counts) });
    });
  }

  /** The count so far: a scalar for one threshold, else one per threshold. */
  result(): Tensor {
    const counts = this.state.current?.counts;
    const n = this.thresholds.length;
    if (counts === undefined) return n === 1 ? tf.scalar(0) : tf.zeros([n]);
    return n === 1 ? tf.reshape(counts, []) : tf.clone(counts);
  }

  /** Keras' config: `{ name, thresholds }`. */
  getConfig(): ConfigDict {
    return { name: this.name, thresholds: this.initThresholds };
  }
}

/** The option keys a `ConfusionCount` config may hold. */
export function readConfusionCountConfig(owner: string, config: ConfigDict): ConfusionCountOptions {
  const dict = checkConfig(owner, config, ['name', 'thresholds']);
  return {
    name: dict['name'] as string | undefined,
    thresholds: (dict['thresholds'] ?? undefined) as number | number[] | undefined,
  };
}
