import { LayerwiseError, describeValue, invalidArgument } from '@layerwise/core';
import type { Metric } from '@layerwise/core';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { Mean } from './mean.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';

/** What {@link getMetric} may use to resolve a name. */
export interface MetricContext {
  /**
   * The compiled loss' name (`loss.name`, Keras' snake_case such as
   * `'sparse_categorical_crossentropy'`; camelCase is accepted too). Decides which accuracy
   * `'accuracy'` stands for.
   */
  loss?: string;
}

/** The names that stand for "the accuracy that fits the loss"; the metric is named after the name given. */
const ACCURACY_NAMES = ['accuracy', 'acc'] as const;

/** Every other name {@link getMetric} knows, with the metric it stands for. */
const METRICS: Readonly<Record<string, () => Metric>> = {
  sparseCategoricalAccuracy: () => new SparseCategoricalAccuracy(),
  sparse_categorical_accuracy: () => new SparseCategoricalAccuracy(),
  SparseCategoricalAccuracy: () => new SparseCategoricalAccuracy(),
  categoricalAccuracy: () => new CategoricalAccuracy(),
  categorical_accuracy: () => new CategoricalAccuracy(),
  CategoricalAccuracy: () => new CategoricalAccuracy(),
  binaryAccuracy: () => new BinaryAccuracy(),
  binary_accuracy: () => new BinaryAccuracy(),
  BinaryAccuracy: () => new BinaryAccuracy(),
  meanSquaredError: () => new MeanSquaredError(),
  mean_squared_error: () => new MeanSquaredError(),
  MeanSquaredError: () => new MeanSquaredError(),
  mse: () => new MeanSquaredError({ name: 'mse' }),
};

/** The names {@link getMetric} resolves. */
export const knownMetricNames: readonly string[] = [...ACCURACY_NAMES, ...Object.keys(METRICS)];

/** `'sparseCategoricalCrossentropy'` and `'SparseCategoricalCrossentropy'` → `'sparse_categorical_crossentropy'`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Loss names after which `'accuracy'` means binary accuracy (Keras' `is_binary_loss`). */
const BINARY_LOSSES = new Set(['binary_crossentropy', 'binary_focal_crossentropy']);

/**
 * The accuracy Keras picks for `'accuracy'`/`'acc'`, decided by the loss name: sparse categorical
 * cross-entropy → {@link SparseCategoricalAccuracy}, binary cross-entropy →
 * {@link BinaryAccuracy}, anything else (or no loss) → {@link CategoricalAccuracy}.
 */
export function accuracyForLoss(name: string, loss: string | undefined): Metric {
  const kind = loss === undefined ? '' : snakeCase(loss);
  if (kind === 'sparse_categorical_crossentropy') return new SparseCategoricalAccuracy({ name });
  if (BINARY_LOSSES.has(kind)) return new BinaryAccuracy({ name });
  return new CategoricalAccuracy({ name });
}

function isMetric(value: unknown): value is Metric {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Metric;
  return (
    typeof m.name === 'string' &&
    typeof m.update === 'function' &&
    typeof m.result === 'function' &&
    typeof m.reset === 'function' &&
    typeof m.dispose === 'function'
  );
}

/**
 * Resolves a metric given as a Keras name or as a `Metric` object (returned as is).
 *
 * - `'accuracy'` and `'acc'` give the accuracy that fits the loss named in `context.loss` (see
 *   {@link accuracyForLoss}), named `'accuracy'` or `'acc'` as given, as Keras names it.
 * - `'sparseCategoricalAccuracy'`, `'categoricalAccuracy'`, `'binaryAccuracy'`,
 *   `'meanSquaredError'` (also snake_case and class-name spellings) give that metric under its
 *   Keras name (`'sparse_categorical_accuracy'`, ...); `'mse'` gives mean squared error named `'mse'`.
 *
 * A new metric is made on every call; the caller disposes it.
 *
 * @example
 * ```ts
 * getMetric('accuracy', { loss: 'sparse_categorical_crossentropy' }); // SparseCategoricalAccuracy named 'accuracy'
 * getMetric('acc', { loss: 'binary_crossentropy' }).name;              // 'acc'
 * getMetric('categorical_accuracy').name;                             // 'categorical_accuracy'
 * ```
 */
export function getMetric(identifier: string | Metric, context: MetricContext = {}): Metric {
  if (typeof context !== 'object' || context === null || (context.loss !== undefined && typeof context.loss !== 'string')) {
    throw invalidArgument({ owner: 'getMetric', argument: 'context', expected: 'an object { loss?: string }', received: context });
  }
  if (typeof identifier === 'string') {
    if ((ACCURACY_NAMES as readonly string[]).includes(identifier)) return accuracyForLoss(identifier, context.loss);
    const make = Object.hasOwn(METRICS, identifier) ? METRICS[identifier] : undefined;
    if (make === undefined) {
      throw new LayerwiseError(
        `getMetric: unknown metric ${describeValue(identifier)}. Known names: ${knownMetricNames.join(', ')}. ` +
          `Received: identifier=${describeValue(identifier)}`,
      );
    }
    return make();
  }
  if (identifier instanceof Mean) {
    throw new LayerwiseError(
      `getMetric: a Mean tracks values given to update(values, sampleWeight), not (yTrue, yPred), so it cannot be ` +
        `a compiled metric; wrap a function of (yTrue, yPred) in a MeanMetricWrapper instead. Received: identifier=Mean "${identifier.name}"`,
    );
  }
  if (isMetric(identifier)) return identifier;
  throw invalidArgument({
    owner: 'getMetric',
    argument: 'identifier',
    expected: 'a metric name or an object with `name`, `update`, `result`, `reset` and `dispose`',
    received: identifier,
  });
}
