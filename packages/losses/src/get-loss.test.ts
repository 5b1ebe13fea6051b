import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { BinaryFocalCrossentropy } from './binary-focal-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { CategoricalFocalCrossentropy } from './categorical-focal-crossentropy.js';
import { CategoricalHinge } from './categorical-hinge.js';
import { CosineSimilarity } from './cosine-similarity.js';
import { Dice } from './dice.js';
import { getLoss, knownLossNames } from './get-loss.js';
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

describe('getLoss', () => {
  it.each([
    ['sparseCategoricalCrossentropy', SparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'],
    ['sparse_categorical_crossentropy', SparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'],
    ['SparseCategoricalCrossentropy', SparseCategoricalCrossentropy, 'sparse_categorical_crossentropy'],
    ['categoricalCrossentropy', CategoricalCrossentropy, 'categorical_crossentropy'],
    ['categorical_crossentropy', CategoricalCrossentropy, 'categorical_crossentropy'],
    ['binaryCrossentropy', BinaryCrossentropy, 'binary_crossentropy'],
    ['binary_crossentropy', BinaryCrossentropy, 'binary_crossentropy'],
    ['meanSquaredError', MeanSquaredError, 'mean_squared_error'],
    ['mean_squared_error', MeanSquaredError, 'mean_squared_error'],
    ['mse', MeanSquaredError, 'mean_squared_error'],
    ['MSE', MeanSquaredError, 'mean_squared_error'],
    ['bce', BinaryCrossentropy, 'binary_crossentropy'],
    ['binaryFocalCrossentropy', BinaryFocalCrossentropy, 'binary_focal_crossentropy'],
    ['binary_focal_crossentropy', BinaryFocalCrossentropy, 'binary_focal_crossentropy'],
    ['BinaryFocalCrossentropy', BinaryFocalCrossentropy, 'binary_focal_crossentropy'],
    ['categoricalFocalCrossentropy', CategoricalFocalCrossentropy, 'categorical_focal_crossentropy'],
    ['categorical_focal_crossentropy', CategoricalFocalCrossentropy, 'categorical_focal_crossentropy'],
    ['meanAbsoluteError', MeanAbsoluteError, 'mean_absolute_error'],
    ['mean_absolute_error', MeanAbsoluteError, 'mean_absolute_error'],
    ['mae', MeanAbsoluteError, 'mean_absolute_error'],
    ['MAE', MeanAbsoluteError, 'mean_absolute_error'],
    ['meanAbsolutePercentageError', MeanAbsolutePercentageError, 'mean_absolute_percentage_error'],
    ['mape', MeanAbsolutePercentageError, 'mean_absolute_percentage_error'],
    ['meanSquaredLogarithmicError', MeanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
    ['msle', MeanSquaredLogarithmicError, 'mean_squared_logarithmic_error'],
    ['huber', Huber, 'huber_loss'],
    ['Huber', Huber, 'huber_loss'],
    ['logCosh', LogCosh, 'log_cosh'],
    ['log_cosh', LogCosh, 'log_cosh'],
    ['klDivergence', KLDivergence, 'kl_divergence'],
    ['kl_divergence', KLDivergence, 'kl_divergence'],
    ['kld', KLDivergence, 'kl_divergence'],
    ['KLDivergence', KLDivergence, 'kl_divergence'],
    ['poisson', Poisson, 'poisson'],
    ['cosineSimilarity', CosineSimilarity, 'cosine_similarity'],
    ['cosine_similarity', CosineSimilarity, 'cosine_similarity'],
    ['hinge', Hinge, 'hinge'],
    ['squaredHinge', SquaredHinge, 'squared_hinge'],
    ['squared_hinge', SquaredHinge, 'squared_hinge'],
    ['categoricalHinge', CategoricalHinge, 'categorical_hinge'],
    ['categorical_hinge', CategoricalHinge, 'categorical_hinge'],
    ['dice', Dice, 'dice'],
    ['Dice', Dice, 'dice'],
    ['tversky', Tversky, 'tversky'],
    ['Tversky', Tversky, 'tversky'],
  ] as const)('resolves %s', (identifier, type, name) => {
    const loss = getLoss(identifier);
    expect(loss).toBeInstanceOf(type);
    expect(loss.name).toBe(name);
  });

  it('gives the default options for names', () => {
    expect((getLoss('binaryCrossentropy') as BinaryCrossentropy).getConfig()).toEqual({
      name: 'binary_crossentropy',
      reduction: 'sum_over_batch_size',
      from_logits: false,
      label_smoothing: 0,
      axis: -1,
    });
    expect((getLoss('tversky') as Tversky).getConfig()).toEqual({ name: 'tversky', reduction: 'sum_over_batch_size', alpha: 0.5, beta: 0.5, axis: null });
    expect(getLoss('mse')).not.toBe(getLoss('mse'));
  });

  it('returns loss objects as they are', () => {
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    expect(getLoss(loss)).toBe(loss);
    const custom = { name: 'custom', call: () => { throw new Error('not called'); } };
    expect(getLoss(custom)).toBe(custom);
  });

  it('names the unknown value and lists the known names', () => {
    expect(() => getLoss('crossentropy')).toThrow(LayerwiseError);
    let message = '';
    try {
      getLoss('crossentropy');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("unknown loss 'crossentropy'");
    for (const name of knownLossNames) expect(message).toContain(name);
    expect(knownLossNames).toContain('mse');
    expect(() => getLoss('toString')).toThrow(/unknown loss 'toString'/);
  });

  it('rejects values that are neither names nor losses', () => {
    expect(() => getLoss(42 as never)).toThrow(/getLoss: received an invalid value for `identifier`.*Received: identifier=42/);
    expect(() => getLoss({ name: 'x' } as never)).toThrow(LayerwiseError);
  });
});
