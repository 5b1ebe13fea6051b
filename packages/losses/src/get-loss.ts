import { LayerwiseError, describeValue, invalidArgument } from '@layerwise/core';
import type { Loss } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

/** Every name {@link getLoss} knows, with the loss (default options) it stands for. */
const LOSSES: Readonly<Record<string, () => Loss>> = {
  sparseCategoricalCrossentropy: () => new SparseCategoricalCrossentropy(),
  sparse_categorical_crossentropy: () => new SparseCategoricalCrossentropy(),
  SparseCategoricalCrossentropy: () => new SparseCategoricalCrossentropy(),
  categoricalCrossentropy: () => new CategoricalCrossentropy(),
  categorical_crossentropy: () => new CategoricalCrossentropy(),
  CategoricalCrossentropy: () => new CategoricalCrossentropy(),
  binaryCrossentropy: () => new BinaryCrossentropy(),
  binary_crossentropy: () => new BinaryCrossentropy(),
  BinaryCrossentropy: () => new BinaryCrossentropy(),
  meanSquaredError: () => new MeanSquaredError(),
  mean_squared_error: () => new MeanSquaredError(),
  MeanSquaredError: () => new MeanSquaredError(),
  mse: () => new MeanSquaredError(),
};

/** The names {@link getLoss} resolves, in camelCase, snake_case and class-name spellings. */
export const knownLossNames: readonly string[] = Object.keys(LOSSES);

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
 * to the loss with default options (probabilities, no label smoothing):
 * `'sparseCategoricalCrossentropy'`, `'categoricalCrossentropy'`, `'binaryCrossentropy'`,
 * `'meanSquaredError'` / `'mse'`, also in snake_case and class-name spellings.
 *
 * @example
 * ```ts
 * getLoss('sparse_categorical_crossentropy').name; // 'sparse_categorical_crossentropy'
 * getLoss('mse').className;                        // 'MeanSquaredError'
 * getLoss(new BinaryCrossentropy({ fromLogits: true })); // the same object
 * ```
 */
export function getLoss(identifier: string | Loss): Loss {
  if (typeof identifier === 'string') {
    const make = Object.hasOwn(LOSSES, identifier) ? LOSSES[identifier] : undefined;
    if (make === undefined) {
      throw new LayerwiseError(
        `getLoss: unknown loss ${describeValue(identifier)}. Known names: ${knownLossNames.join(', ')}. ` +
          `Received: identifier=${describeValue(identifier)}`,
      );
    }
    return make();
  }
  if (isLoss(identifier)) return identifier;
  throw invalidArgument({
    owner: 'getLoss',
    argument: 'identifier',
    expected: 'a loss name or an object with `name` and `call(yTrue, yPred)`',
    received: identifier,
  });
}
