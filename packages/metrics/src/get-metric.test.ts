import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { BinaryAccuracy } from './binary-accuracy.js';
import { CategoricalAccuracy } from './categorical-accuracy.js';
import { getMetric, knownMetricNames } from './get-metric.js';
import { Mean } from './mean.js';
import { MeanSquaredError } from './mean-squared-error.js';
import { SparseCategoricalAccuracy } from './sparse-categorical-accuracy.js';
import { AUC } from './auc.js';
import { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion-counts.js';
import { F1Score, FBetaScore } from './f-beta-score.js';
import { MeanAbsoluteError } from './mean-absolute-error.js';
import { MeanAbsolutePercentageError } from './mean-absolute-percentage-error.js';
import { MeanIoU } from './mean-iou.js';
import { Precision } from './precision.js';
import { R2Score } from './r2-score.js';
import { Recall } from './recall.js';
import { RootMeanSquaredError } from './root-mean-squared-error.js';
import { SparseTopKCategoricalAccuracy } from './sparse-top-k-categorical-accuracy.js';
import { Sum } from './sum.js';
import { TopKCategoricalAccuracy } from './top-k-categorical-accuracy.js';

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
    ['MSE', MeanSquaredError, 'MSE'],
    ['topKCategoricalAccuracy', TopKCategoricalAccuracy, 'top_k_categorical_accuracy'],
    ['top_k_categorical_accuracy', TopKCategoricalAccuracy, 'top_k_categorical_accuracy'],
    ['TopKCategoricalAccuracy', TopKCategoricalAccuracy, 'top_k_categorical_accuracy'],
    ['sparseTopKCategoricalAccuracy', SparseTopKCategoricalAccuracy, 'sparse_top_k_categorical_accuracy'],
    ['sparse_top_k_categorical_accuracy', SparseTopKCategoricalAccuracy, 'sparse_top_k_categorical_accuracy'],
    ['precision', Precision, 'precision'],
    ['Precision', Precision, 'precision'],
    ['recall', Recall, 'recall'],
    ['auc', AUC, 'auc'],
    ['AUC', AUC, 'auc'],
    ['f1Score', F1Score, 'f1_score'],
    ['f1_score', F1Score, 'f1_score'],
    ['F1Score', F1Score, 'f1_score'],
    ['fbeta_score', FBetaScore, 'fbeta_score'],
    ['f_beta_score', FBetaScore, 'fbeta_score'],
    ['fBetaScore', FBetaScore, 'fbeta_score'],
    ['truePositives', TruePositives, 'true_positives'],
    ['true_positives', TruePositives, 'true_positives'],
    ['true_negatives', TrueNegatives, 'true_negatives'],
    ['false_positives', FalsePositives, 'false_positives'],
    ['FalseNegatives', FalseNegatives, 'false_negatives'],
    ['rootMeanSquaredError', RootMeanSquaredError, 'root_mean_squared_error'],
    ['root_mean_squared_error', RootMeanSquaredError, 'root_mean_squared_error'],
    ['rmse', RootMeanSquaredError, 'rmse'],
    ['meanAbsoluteError', MeanAbsoluteError, 'mean_absolute_error'],
    ['mean_absolute_error', MeanAbsoluteError, 'mean_absolute_error'],
    ['mae', MeanAbsoluteError, 'mae'],
    ['MAE', MeanAbsoluteError, 'MAE'],
    ['meanAbsolutePercentageError', MeanAbsolutePercentageError, 'mean_absolute_percentage_error'],
    ['mape', MeanAbsolutePercentageError, 'mape'],
    ['r2Score', R2Score, 'r2_score'],
    ['r2_score', R2Score, 'r2_score'],
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
    expect(knownMetricNames).toEqual(
      expect.arrayContaining(['accuracy', 'acc', 'mse', 'sparse_categorical_accuracy', 'auc', 'precision', 'recall', 'top_k_categorical_accuracy', 'mae', 'mape', 'rmse']),
    );
    expect(new Set(knownMetricNames).size).toBe(knownMetricNames.length);
    expect(() => getMetric('constructor')).toThrow(/unknown metric 'constructor'/);
  });

  it('explains why MeanIoU needs an instance and value trackers cannot be compiled metrics', () => {
    for (const name of ['mean_io_u', 'mean_iou', 'MeanIoU', 'meanIoU']) {
      expect(() => getMetric(name)).toThrow(/needs options \(MeanIoU needs numClasses\).*new MeanIoU\(\{ numClasses: 3 \}\)/);
    }
    for (const name of ['mean', 'sum', 'Sum']) expect(() => getMetric(name)).toThrow(/names a value tracker \(Mean, Sum\).*update\(values, sampleWeight\)/);
    const iou = new MeanIoU({ numClasses: 3 });
    expect(getMetric(iou)).toBe(iou);
    expect(() => getMetric(new Sum() as never)).toThrow(/a Sum tracks values.*MeanMetricWrapper/);
  });

  it('rejects a Mean, other values and a bad context', () => {
    expect(() => getMetric(new Mean() as never)).toThrow(/Mean tracks values.*MeanMetricWrapper/);
    expect(() => getMetric(7 as never)).toThrow(/getMetric: received an invalid value for `identifier`.*Received: identifier=7/);
    expect(() => getMetric('accuracy', { loss: 3 } as never)).toThrow(/`context`, expected an object/);
  });
});
