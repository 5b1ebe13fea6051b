import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { Monitor, resolveDirection } from './monitor.js';

describe('resolveDirection', () => {
  it('minimises losses and errors, maximises accuracies, AUCs and other upward metrics in auto mode', () => {
    const cases: [string, 'min' | 'max'][] = [
      ['loss', 'min'],
      ['val_loss', 'min'],
      ['mae', 'min'],
      ['val_mean_squared_error', 'min'],
      ['categorical_crossentropy', 'min'],
      ['accuracy', 'max'],
      ['val_acc', 'max'],
      ['val_sparse_categorical_accuracy', 'max'],
      ['auc', 'max'],
      ['val_auc_1', 'max'],
      ['precision', 'max'],
      ['val_recall', 'max'],
      ['f1_score', 'max'],
      ['mean_iou', 'max'],
    ];
    for (const [name, direction] of cases) expect([name, resolveDirection(name, 'auto')]).toEqual([name, direction]);
  });

  it('uses an explicit mode as given', () => {
    expect(resolveDirection('val_accuracy', 'min')).toBe('min');
    expect(resolveDirection('val_loss', 'max')).toBe('max');
  });
});

describe('Monitor', () => {
  it('counts only strict improvements by more than minDelta, in the resolved direction', () => {
    const min = new Monitor('Test', { monitor: 'val_loss', mode: 'auto', minDelta: 0.1 });
    expect(min.isImprovement(5, undefined)).toBe(true);
    expect(min.isImprovement(0.85, 1)).toBe(true);
    expect(min.isImprovement(0.95, 1)).toBe(false);
    expect(min.isImprovement(1, 1)).toBe(false);
    const max = new Monitor('Test', { monitor: 'val_accuracy', mode: 'auto', minDelta: -0.1 });
    expect(max.minDelta).toBe(0.1);
    expect(max.isImprovement(0.75, 0.6)).toBe(true);
    expect(max.isImprovement(0.65, 0.6)).toBe(false);
    const exact = new Monitor('Test', { monitor: 'loss', mode: 'min', minDelta: 0 });
    expect(exact.isImprovement(0.5, 0.5)).toBe(false);
    expect(exact.isImprovement(Number.NaN, 0.5)).toBe(false);
    expect(exact.isImprovement(0.1, Number.NaN)).toBe(false);
  });

  it('reads the monitored value, NaN included, and describes a missing one as Keras', () => {
    const monitor = new Monitor('Test', { monitor: 'val_loss', mode: 'auto', minDelta: 0 });
    expect(monitor.read({ val_loss: 0.25 })).toBe(0.25);
    expect(monitor.read({ val_loss: Number.NaN })).toBeNaN();
    expect(monitor.read({ loss: 1 })).toBeUndefined();
    expect(monitor.read(undefined)).toBeUndefined();
    expect(monitor.missingMessage('Early stopping', { loss: 1, accuracy: 0.5 })).toBe(
      'Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss,accuracy',
    );
  });

  it('rejects a bad monitor, mode or minDelta with a LayerwiseError naming the owner and value', () => {
    expect(() => new Monitor('Owner', { monitor: '', mode: 'auto', minDelta: 0 })).toThrow(LayerwiseError);
    expect(() => new Monitor('Owner', { monitor: 'loss', mode: 'up' as never, minDelta: 0 })).toThrow(
      "Owner: received an invalid value for `mode`, expected one of 'auto', 'min', 'max'. Received: mode='up'",
    );
    expect(() => new Monitor('Owner', { monitor: 'loss', mode: 'min', minDelta: Number.NaN })).toThrow(
      /Owner: received an invalid value for `minDelta`, expected a finite number. Received: minDelta=/,
    );
  });
});
