import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { BinaryCrossentropy } from './binary-crossentropy.js';
import { CategoricalCrossentropy } from './categorical-crossentropy.js';
import { getLoss, knownLossNames } from './get-loss.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalCrossentropy } from './sparse-categorical-crossentropy.js';

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
  ] as const)('resolves %s', (identifier, type, name) => {
    const loss = getLoss(identifier);
    expect(loss).toBeInstanceOf(type);
    expect(loss.name).toBe(name);
  });

  it('gives the default options for names', () => {
    expect((getLoss('binaryCrossentropy') as BinaryCrossentropy).getConfig()).toEqual({
      name: 'binary_crossentropy',
      from_logits: false,
      label_smoothing: 0,
    });
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
