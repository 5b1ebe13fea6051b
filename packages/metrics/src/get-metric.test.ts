import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { getMetric, knownMetricNames } from './get-metric.js';
import { Mean } from './mean.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';

describe('getMetric', () => {
  it.each([
    ['sparse_categorical_crossentropy', SparseCategoricalAccuracy],
    ['sparseCategoricalCrossentropy', SparseCategoricalAccuracy],
    ['SparseCategoricalCrossentropy', SparseCategoricalAccuracy],
    ['binary_crossentropy', BinaryAccuracy],
    ['binaryCrossentropy', BinaryAccuracy],
    ['categorical_crossentropy', CategoricalAccuracy],
    ['mean_squared_error', CategoricalAccuracy],
    [undefined, CategoricalAccuracy],
  ] as const)("'accuracy' with loss %s picks the matching accuracy", (loss, type) => {
    for (const alias of ['accuracy', 'acc']) {
      const metric = getMetric(alias, { loss });
      expect(metric).toBeInstanceOf(type);
      expect(metric.name).toBe(alias);
    }
  });

  it('accuracy picks work without a context', () => {
    expect(getMetric('accuracy')).toBeInstanceOf(CategoricalAccuracy);
  });

  it.each([
    ['sparseCategoricalAccuracy', SparseCategoricalAccuracy, 'sparse_categorical_accuracy'],
    ['sparse_categorical_accuracy', SparseCategoricalAccuracy, 'sparse_categorical_accuracy'],
    ['SparseCategoricalAccuracy', SparseCategoricalAccuracy, 'sparse_categorical_accuracy'],
    ['categoricalAccuracy', CategoricalAccuracy, 'categorical_accuracy'],
    ['categorical_accuracy', CategoricalAccuracy, 'categorical_accuracy'],
    ['binaryAccuracy', BinaryAccuracy, 'binary_accuracy'],
    ['binary_accuracy', BinaryAccuracy, 'binary_accuracy'],
    ['meanSquaredError', MeanSquaredError, 'mean_squared_error'],
    ['mean_squared_error', MeanSquaredError, 'mean_squared_error'],
    ['mse', MeanSquaredError, 'mse'],
  ] as const)('resolves %s whatever the loss', (identifier, type, name) => {
    const metric = getMetric(identifier, { loss: 'binary_crossentropy' });
    expect(metric).toBeInstanceOf(type);
    expect(metric.name).toBe(name);
  });

  it('returns metric objects as they are', () => {
    const metric = new BinaryAccuracy({ threshold: 0 });
    expect(getMetric(metric, { loss: 'sparse_categorical_crossentropy' })).toBe(metric);
  });

  it('names the unknown value and lists the known names', () => {
    let message = '';
    try {
      getMetric('accuracy_score', { loss: 'mse' });
    } catch (error) {
      expect(error).toBeInstanceOf(LayerwiseError);
      message = (error as Error).message;
    }
    expect(message).toContain("unknown metric 'accuracy_score'");
    for (const name of knownMetricNames) expect(message).toContain(name);
    expect(knownMetricNames).toEqual(expect.arrayContaining(['accuracy', 'acc', 'mse', 'sparse_categorical_accuracy']));
    expect(() => getMetric('constructor')).toThrow(/unknown metric 'constructor'/);
  });

  it('rejects a Mean, other values and a bad context', () => {
    expect(() => getMetric(new Mean() as never)).toThrow(/Mean tracks values.*MeanMetricWrapper/);
    expect(() => getMetric(7 as never)).toThrow(/getMetric: received an invalid value for `identifier`.*Received: identifier=7/);
    expect(() => getMetric('accuracy', { loss: 3 } as never)).toThrow(/`context`, expected an object/);
  });
});
