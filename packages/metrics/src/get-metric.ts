import { LayerwiseError, describeValue, invalidArgument } from '@layerwise/core';
import type { Metric } from '@layerwise/core';
import { AUC } from './auc.js';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion-counts.js';
import { F1Score, FBetaScore } from './f-beta-score.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanIoU } from './mean-iou.js';
import { Mean } from './mean.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { Precision } from './precision.js';
import { R2Score } from './r2-score.js';
import { Recall } from './recall.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
import { SparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy.js';
import { Sum } from './sum.js';
import { TopKCategoricalAccuracy } from './top-k-categorical-accuracy.js';

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

/** Makes a metric, named `name` when given (else its Keras default name). */
type MetricFactory = (name?: string) => Metric;

/**
 * Every other metric under its spellings: camelCase, Keras' snake_case and the class name give
 * the metric under its default Keras name; short aliases (`'mse'`, `'mae'`, `'rmse'`, ...) give
 * it named as the alias, as Keras' `compile` names metrics after the string given.
 */
const SPELLINGS: readonly (readonly [MetricFactory, readonly string[], readonly string[]])[] = [
  [(name) => new SparseCategoricalAccuracy(name ? { name } : {}), ['sparseCategoricalAccuracy', 'sparse_categorical_accuracy', 'SparseCategoricalAccuracy'], []],
  [(name) => new CategoricalAccuracy(name ? { name } : {}), ['categoricalAccuracy', 'categorical_accuracy', 'CategoricalAccuracy'], []],
  [(name) => new BinaryAccuracy(name ? { name } : {}), ['binaryAccuracy', 'binary_accuracy', 'BinaryAccuracy'], []],
  [(name) => new TopKCategoricalAccuracy(name ? { name } : {}), ['topKCategoricalAccuracy', 'top_k_categorical_accuracy', 'TopKCategoricalAccuracy'], []],
  [
    (name) => new SparseTopKCategoricalAccuracy(name ? { name } : {}),
    ['sparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy', 'SparseTopKCategoricalAccuracy'],
    [],
  ],
  [(name) => new MeanSquaredError(name ? { name } : {}), ['meanSquaredError', 'mean_squared_error', 'MeanSquaredError'], ['mse', 'MSE']],
  [(name) => new RootMeanSquaredError(name ? { name } : {}), ['rootMeanSquaredError', 'root_mean_squared_error', 'RootMeanSquaredError'], ['rmse', 'RMSE']],
  [(name) => new MeanAbsoluteError(name ? { name } : {}), ['meanAbsoluteError', 'mean_absolute_error', 'MeanAbsoluteError'], ['mae', 'MAE']],
  [
    (name) => new MeanAbsolutePercentageError(name ? { name } : {}),
    ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'MeanAbsolutePercentageError'],
    ['mape', 'MAPE'],
  ],
  [(name) => new R2Score(name ? { name } : {}), ['r2Score', 'r2_score', 'R2Score'], []],
  [(name) => new Precision(name ? { name } : {}), ['precision', 'Precision'], []],
  [(name) => new Recall(name ? { name } : {}), ['recall', 'Recall'], []],
  [(name) => new AUC(name ? { name } : {}), ['auc', 'AUC'], []],
  [(name) => new F1Score(name ? { name } : {}), ['f1Score', 'f1_score', 'F1Score'], []],
  [(name) => new FBetaScore(name ? { name } : {}), ['fBetaScore', 'fbetaScore', 'f_beta_score', 'fbeta_score', 'FBetaScore'], []],
  [(name) => new TruePositives(name ? { name } : {}), ['truePositives', 'true_positives', 'TruePositives'], []],
  [(name) => new TrueNegatives(name ? { name } : {}), ['trueNegatives', 'true_negatives', 'TrueNegatives'], []],
  [(name) => new FalsePositives(name ? { name } : {}), ['falsePositives', 'false_positives', 'FalsePositives'], []],
  [(name) => new FalseNegatives(name ? { name } : {}), ['falseNegatives', 'false_negatives', 'FalseNegatives'], []],
];

/** Every other name {@link getMetric} knows, with the metric it stands for. */
// Pure annotations let bundlers drop the table (and every metric class) when getMetric is unused.
const METRICS: ReadonlyMap<string, () => Metric> = /* @__PURE__ */ (() =>
  new Map(
    SPELLINGS.flatMap(([make, spellings, aliases]) => [
      ...spellings.map((n) => [n, () => make()] as const),
      ...aliases.map((n) => [n, () => make(n)] as const),
    ]),
  ))();

/** Keras names of metrics that need options `getMetric` cannot guess. */
const NEEDS_OPTIONS: Readonly<Record<string, string>> = {
  meanIoU: 'MeanIoU',
  mean_io_u: 'MeanIoU',
  mean_iou: 'MeanIoU',
  MeanIoU: 'MeanIoU',
};

/** Keras names of value trackers, which take `update(values, sampleWeight)` rather than `(yTrue, yPred)`. */
const TRACKERS = /* @__PURE__ */ new Set(['mean', 'Mean', 'sum', 'Sum']);

/** The names {@link getMetric} resolves. */
export const knownMetricNames: readonly string[] = /* @__PURE__ */ (() => [...ACCURACY_NAMES, ...METRICS.keys()])();

/** `'sparseCategoricalCrossentropy'` and `'SparseCategoricalCrossentropy'` → `'sparse_categorical_crossentropy'`. */
function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Loss names after which `'accuracy'` means binary accuracy (Keras' `is_binary_loss`). */
const BINARY_LOSSES = /* @__PURE__ */ new Set(['binary_crossentropy', 'binary_focal_crossentropy']);

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
 * - Every other metric by its camelCase, Keras snake_case or class name (`'topKCategoricalAccuracy'`,
 *   `'top_k_categorical_accuracy'`, `'TopKCategoricalAccuracy'`; `'precision'`, `'recall'`, `'auc'`,
 *   `'f1_score'`, `'fbeta_score'`, `'true_positives'`, `'r2_score'`, `'root_mean_squared_error'`,
 *   ...) gives it with default options under its Keras name; the aliases `'mse'`, `'mae'`,
 *   `'mape'`, `'rmse'` (also upper-case) give it named as the alias.
 * - `'mean_io_u'`/`'MeanIoU'` throw: MeanIoU needs `numClasses`, pass an instance. `'mean'` and
 *   `'sum'` throw: Mean and Sum track values, not `(yTrue, yPred)`.
 *
 * A new metric is made on every call; the caller disposes it.
 *
 * @example
 * ```ts
 * getMetric('accuracy', { loss: 'sparse_categorical_crossentropy' }); // SparseCategoricalAccuracy named 'accuracy'
 * getMetric('acc', { loss: 'binary_crossentropy' }).name;              // 'acc'
 * getMetric('categorical_accuracy').name;                             // 'categorical_accuracy'
 * getMetric('mae').name;                                              // 'mae' (a MeanAbsoluteError)
 * ```
 */
export function getMetric(identifier: string | Metric, context: MetricContext = {}): Metric {
  if (typeof context !== 'object' || context === null || (context.loss !== undefined && typeof context.loss !== 'string')) {
    throw invalidArgument({ owner: 'getMetric', argument: 'context', expected: 'an object { loss?: string }', received: context });
  }
  if (typeof identifier === 'string') {
    if ((ACCURACY_NAMES as readonly string[]).includes(identifier)) return accuracyForLoss(identifier, context.loss);
    const make = METRICS.get(identifier);
    if (Object.hasOwn(NEEDS_OPTIONS, identifier)) {
      throw new LayerwiseError(
        `getMetric: ${describeValue(identifier)} needs options (${NEEDS_OPTIONS[identifier]} needs numClasses); ` +
          `pass an instance such as new MeanIoU({ numClasses: 3 }). Received: identifier=${describeValue(identifier)}`,
      );
    }
    if (TRACKERS.has(identifier)) {
      throw new LayerwiseError(
        `getMetric: ${describeValue(identifier)} names a value tracker (Mean, Sum): it takes update(values, sampleWeight), not ` +
          `(yTrue, yPred), so it cannot be a compiled metric; wrap a function of (yTrue, yPred) in a MeanMetricWrapper instead. ` +
          `Received: identifier=${describeValue(identifier)}`,
      );
    }
    if (make === undefined) {
      throw new LayerwiseError(
        `getMetric: unknown metric ${describeValue(identifier)}. Known names: ${knownMetricNames.join(', ')}. ` +
          `Received: identifier=${describeValue(identifier)}`,
      );
    }
    return make();
  }
  if (identifier instanceof Mean || identifier instanceof Sum) {
    throw new LayerwiseError(
      `getMetric: a ${identifier.className} tracks values given to update(values, sampleWeight), not (yTrue, yPred), so it cannot be ` +
        `a compiled metric; wrap a function of (yTrue, yPred) in a MeanMetricWrapper instead. Received: identifier=${identifier.className} "${identifier.name}"`,
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
