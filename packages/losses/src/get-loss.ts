import { LayerwiseError, describeValue, invalidArgument } from '@layerwise/core';
import type { Loss } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { Dice } from './dice.js';
import { Hinge } from './hinge.js';
import { Huber } from './huber.js';
import { KLDivergence } from './kl-divergence.js';
import { LogCosh } from './log-cosh.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { MeanSquaredLogarithmicError } from './mean-squared-logarithmic-error.js';
import { Poisson } from './poisson.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';
import { SquaredHinge } from './squared-hinge.js';
import { Tversky } from './tversky.js';

/** A loss class as `getLoss` needs it: constructible with default options. */
type LossClass = new () => Loss;

/**
 * Every loss under its spellings: the camelCase factory name, Keras' snake_case function name,
 * the class name, and Keras' short aliases.
 */
const SPELLINGS: readonly (readonly [LossClass, readonly string[]])[] = [
  [SparseCategoricalCrossentropy, ['sparseCategoricalCrossentropy', 'sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy']],
  [CategoricalCrossentropy, ['categoricalCrossentropy', 'categorical_crossentropy', 'CategoricalCrossentropy']],
  [BinaryCrossentropy, ['binaryCrossentropy', 'binary_crossentropy', 'BinaryCrossentropy', 'bce', 'BCE']],
  [BinaryFocalCrossentropy, ['binaryFocalCrossentropy', 'binary_focal_crossentropy', 'BinaryFocalCrossentropy']],
  [CategoricalFocalCrossentropy, ['categoricalFocalCrossentropy', 'categorical_focal_crossentropy', 'CategoricalFocalCrossentropy']],
  [MeanSquaredError, ['meanSquaredError', 'mean_squared_error', 'MeanSquaredError', 'mse', 'MSE']],
  [MeanAbsoluteError, ['meanAbsoluteError', 'mean_absolute_error', 'MeanAbsoluteError', 'mae', 'MAE']],
  [MeanAbsolutePercentageError, ['meanAbsolutePercentageError', 'mean_absolute_percentage_error', 'MeanAbsolutePercentageError', 'mape', 'MAPE']],
  [MeanSquaredLogarithmicError, ['meanSquaredLogarithmicError', 'mean_squared_logarithmic_error', 'MeanSquaredLogarithmicError', 'msle', 'MSLE']],
  [Huber, ['huber', 'Huber']],
  [LogCosh, ['logCosh', 'log_cosh', 'LogCosh']],
  [KLDivergence, ['klDivergence', 'kl_divergence', 'KLDivergence', 'kld', 'KLD']],
  [Poisson, ['poisson', 'Poisson']],
  [CosineSimilarity, ['cosineSimilarity', 'cosine_similarity', 'CosineSimilarity']],
  [Hinge, ['hinge', 'Hinge']],
  [SquaredHinge, ['squaredHinge', 'squared_hinge', 'SquaredHinge']],
  [CategoricalHinge, ['categoricalHinge', 'categorical_hinge', 'CategoricalHinge']],
  [Dice, ['dice', 'Dice']],
  [Tversky, ['tversky', 'Tversky']],
];

/** Every name {@link getLoss} knows, with the loss class it stands for. */
// Pure annotations let bundlers drop the table (and every loss class) when getLoss is unused.
const LOSSES: ReadonlyMap<string, LossClass> = /* @__PURE__ */ (() =>
  new Map(SPELLINGS.flatMap(([type, names]) => names.map((n) => [n, type] as const))))();

/** The names {@link getLoss} resolves, in camelCase, snake_case, class-name and alias spellings. */
export const knownLossNames: readonly string[] = /* @__PURE__ */ (() => Array.from(LOSSES.keys()))();

function isLoss(value: unknown): value is Loss {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Loss).name === 'string' &&
    typeof (value as Loss).call === 'function'
  );
}

/**
 * Resolves a loss given as a Keras name or as a `Loss` object (returned as is). Names resolve
 * to the loss with default options (probabilities, no label smoothing, reduction
 * `'sum_over_batch_size'`), as Keras' `losses.get`: the camelCase factory names
 * (`'sparseCategoricalCrossentropy'`, `'meanAbsoluteError'`, `'huber'`, ...), Keras' snake_case
 * names (`'sparse_categorical_crossentropy'`, `'log_cosh'`, ...), the class names, and the
 * aliases `'mse'`, `'mae'`, `'mape'`, `'msle'`, `'kld'`, `'bce'` (also upper-case).
 *
 * @example
 * ```ts
 * getLoss('sparse_categorical_crossentropy').name; // 'sparse_categorical_crossentropy'
 * getLoss('mae').name;                             // 'mean_absolute_error'
 * getLoss(new BinaryCrossentropy({ fromLogits: true })); // the same object
 * ```
 */
export function getLoss(identifier: string | Loss): Loss {
  if (typeof identifier === 'string') {
    const type = LOSSES.get(identifier);
    if (type === undefined) {
      throw new LayerwiseError(
        `getLoss: unknown loss ${describeValue(identifier)}. Known names: ${knownLossNames.join(', ')}. ` +
          `Received: identifier=${describeValue(identifier)}`,
      );
    }
    return new type();
  }
  if (isLoss(identifier)) return identifier;
  throw invalidArgument({
    owner: 'getLoss',
    argument: 'identifier',
    expected: 'a loss name or an object with `name` and `call(yTrue, yPred)`',
    received: identifier,
  });
}
