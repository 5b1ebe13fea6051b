import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { EarlyStopping } from './early-stopping.js';
import type { EarlyStoppingOptions } from './early-stopping.js';
import { checkConformance } from './testing/conformance.js';
import { FakeModel } from './testing/fake-model.js';

beforeAll(() => useBackend('cpu'));
afterEach(() => vi.restoreAllMocks());

/**
 * Runs a scripted fit whose epoch logs hold `values` under `key` and returns the number of
 * epochs run (the loop stops after the epoch whose end set `stopTraining`), checking for leaks.
 */
async function epochsRun(stop: EarlyStopping, values: readonly number[], key = 'loss', model?: FakeModel): Promise<number> {
  const report = await checkConformance(stop, { epochLogs: values.map((v) => ({ [key]: v })), model });
  expect(report.leakedTensors).toBe(0);
  return report.epochsRun;
}

function stopping(options: EarlyStoppingOptions): EarlyStopping {
  return new EarlyStopping({ monitor: 'loss', ...options });
}

describe('EarlyStopping', () => {
  it("has Keras' defaults", () => {
    const stop = new EarlyStopping();
    expect(stop).toMatchObject({
      monitor: 'val_loss',
      minDelta: 0,
      patience: 0,
      verbose: 0,
      mode: 'auto',
      baseline: undefined,
      restoreBestWeights: false,
      startFromEpoch: 0,
      stoppedEpoch: 0,
      bestEpoch: 0,
      best: undefined,
    });
  });

  it('with patience 0 stops at the first epoch without improvement', async () => {
    const stop = stopping({ patience: 0 });
    expect(await epochsRun(stop, [1.0, 0.9, 0.95, 0.8, 0.7])).toBe(3);
    expect(stop.stoppedEpoch).toBe(2);
    expect(stop.bestEpoch).toBe(1);
    expect(stop.best).toBe(0.9);
  });

  it('with patience 2 stops after two epochs without improvement, and an improvement restarts the count', async () => {
    expect(await epochsRun(stopping({ patience: 2 }), [1.0, 0.9, 0.95, 0.96, 0.5])).toBe(4);
    const stop = stopping({ patience: 2 });
    expect(await epochsRun(stop, [1.0, 0.9, 0.95, 0.85, 0.9, 0.91, 0.1])).toBe(6);
    expect(stop.stoppedEpoch).toBe(5);
    expect(stop.bestEpoch).toBe(3);
  });

  it("runs 4 epochs with patience 3 when the loss never improves (Keras' documented example); ties are no improvement", async () => {
    const stop = stopping({ patience: 3 });
    expect(await epochsRun(stop, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])).toBe(4);
    expect(stop.stoppedEpoch).toBe(3);
    expect(stop.bestEpoch).toBe(0);
  });

  it('never stops while the value keeps improving', async () => {
    const stop = stopping({ patience: 0 });
    expect(await epochsRun(stop, [5, 4, 3, 2, 1])).toBe(5);
    expect(stop.stoppedEpoch).toBe(0);
    expect(stop.bestEpoch).toBe(4);
  });

  it('counts changes smaller than minDelta (sign ignored) as no improvement', async () => {
    const values = [1.0, 0.95, 0.85, 0.84, 0.83, 0.82];
    expect(await epochsRun(stopping({ patience: 2 }), values)).toBe(6);
    const stop = stopping({ patience: 2, minDelta: 0.1 });
    expect(await epochsRun(stop, values)).toBe(5);
    expect(stop.stoppedEpoch).toBe(4);
    expect(stop.bestEpoch).toBe(2);
    expect(await epochsRun(stopping({ patience: 2, minDelta: -0.1 }), values)).toBe(5);
  });

  it('maximises accuracy in auto mode and honours an explicit mode', async () => {
    const accuracies = [0.5, 0.6, 0.55, 0.7];
    const auto = new EarlyStopping({ monitor: 'val_accuracy', patience: 0 });
    expect(await epochsRun(auto, accuracies, 'val_accuracy')).toBe(3);
    expect(auto.best).toBe(0.6);
    const explicitMin = new EarlyStopping({ monitor: 'val_accuracy', patience: 0, mode: 'min' });
    expect(await epochsRun(explicitMin, accuracies, 'val_accuracy')).toBe(2);
    const explicitMax = new EarlyStopping({ monitor: 'score', patience: 0, mode: 'max' });
    expect(await epochsRun(explicitMax, [1, 2, 2], 'score')).toBe(3);
  });

  it('with a baseline restarts the patience count only on epochs that also beat the baseline', async () => {
    const values = [0.9, 0.95, 0.8, 0.85, 0.84];
    expect(await epochsRun(stopping({ patience: 2 }), values)).toBe(5);
    const unmet = stopping({ patience: 2, baseline: 0.5 });
    expect(await epochsRun(unmet, values)).toBe(2);
    expect(unmet.stoppedEpoch).toBe(1);
    // Improving epochs that miss the baseline keep counting, but stopping happens on a non-improving epoch.
    const stillImproving = stopping({ patience: 2, baseline: 0.5 });
    expect(await epochsRun(stillImproving, [0.9, 0.8, 0.7, 0.75, 0.6])).toBe(4);
    expect(stillImproving.stoppedEpoch).toBe(3);
    const met = stopping({ patience: 2, baseline: 0.85 });
    expect(await epochsRun(met, [0.9, 0.8, 0.82, 0.81, 0.83, 0.84])).toBe(4);
    expect(met.bestEpoch).toBe(1);
  });

  it('treats NaN as no improvement; a NaN first value becomes the best and nothing beats it, as in Keras', async () => {
    const stop = stopping({ patience: 1 });
    expect(await epochsRun(stop, [1.0, Number.NaN, 0.5, 0.4])).toBe(2);
    expect(stop.best).toBe(1.0);
    expect(await epochsRun(stopping({ patience: 2 }), [1.0, Number.NaN, Number.NaN, 0.5])).toBe(3);
    expect(await epochsRun(stopping({ patience: 2 }), [1.0, Number.NaN, 0.5, Number.NaN, 0.4])).toBe(5);
    const nanFirst = stopping({ patience: 1 });
    expect(await epochsRun(nanFirst, [Number.NaN, 0.5, 0.4])).toBe(2);
    expect(nanFirst.best).toBeNaN();
  });

  it('ignores the epochs before startFromEpoch', async () => {
    const values = [1, 2, 3, 4, 3.5, 3.4];
    expect(await epochsRun(stopping({ patience: 0 }), values)).toBe(2);
    const stop = stopping({ patience: 0, startFromEpoch: 2 });
    expect(await epochsRun(stop, values)).toBe(4);
    expect(stop.stoppedEpoch).toBe(3);
    expect(stop.bestEpoch).toBe(2);
  });

  it('sets model.stopTraining', async () => {
    const model = new FakeModel([0]);
    const stop = stopping({ patience: 0 });
    await epochsRun(stop, [1, 2], 'loss', model);
    expect(model.stopTraining).toBe(true);
    model.dispose();
  });

  it('warns naming the available keys when the monitored value is missing, and does not stop', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const stop = new EarlyStopping({ patience: 0 });
    const report = await checkConformance(stop, { epochLogs: [{ loss: 1, accuracy: 0.1 }, { loss: 2, accuracy: 0.1 }, { loss: 3, accuracy: 0.1 }] });
    expect(report.epochsRun).toBe(3);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledWith(
      'Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss,accuracy',
    );
  });

  it('restores the weights of the best epoch when it stops, and disposes the copies it held', async () => {
    const model = new FakeModel([0, 0]);
    const stop = stopping({ patience: 2, restoreBestWeights: true });
    // The conformance driver sets every weight to the epoch number before each epoch end.
    expect(await epochsRun(stop, [0.5, 0.3, 0.4, 0.45, 0.1], 'loss', model)).toBe(4);
    expect(stop.bestEpoch).toBe(1);
    expect(model.values()).toEqual([1, 1]);
    expect(model.setWeightsCalls).toBe(1);
    model.dispose();
  });

  it('restores the best weights at the end of training even when it did not stop early', async () => {
    const model = new FakeModel([0, 0]);
    const stop = stopping({ patience: 5, restoreBestWeights: true });
    expect(await epochsRun(stop, [0.5, 0.3, 0.4], 'loss', model)).toBe(3);
    expect(stop.stoppedEpoch).toBe(0);
    expect(model.values()).toEqual([1, 1]);
    model.dispose();
  });

  it('restores the best epoch of those run when the baseline is never met, and honours startFromEpoch', async () => {
    const model = new FakeModel([0]);
    const unmet = stopping({ patience: 2, baseline: 0.1, restoreBestWeights: true });
    expect(await epochsRun(unmet, [0.5, 0.3, 0.4, 0.2], 'loss', model)).toBe(3);
    expect(model.values()).toEqual([1]);
    const warmUp = stopping({ patience: 1, startFromEpoch: 2, restoreBestWeights: true });
    expect(await epochsRun(warmUp, [0.1, 0.2, 0.5, 0.6, 0.7], 'loss', model)).toBe(4);
    expect(warmUp.bestEpoch).toBe(2);
    expect(model.values()).toEqual([2]);
    model.dispose();
  });

  it('leaves the weights alone without restoreBestWeights', async () => {
    const model = new FakeModel([0]);
    expect(await epochsRun(stopping({ patience: 1 }), [0.5, 0.3, 0.4, 0.45], 'loss', model)).toBe(3);
    expect(model.setWeightsCalls).toBe(0);
    expect(model.values()).toEqual([2]);
    model.dispose();
  });

  it('prints its actions with verbose 1', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await epochsRun(stopping({ patience: 1, verbose: 1, restoreBestWeights: true }), [0.5, 0.3, 0.4, 0.45]);
    expect(log.mock.calls).toEqual([['Epoch 3: early stopping'], ['Restoring model weights from the end of the best epoch: 2.']]);
    log.mockClear();
    await epochsRun(stopping({ patience: 1, restoreBestWeights: true }), [0.5, 0.3, 0.4, 0.45]);
    expect(log).not.toHaveBeenCalled();
  });

  it('starts afresh when reused for another training run', async () => {
    const stop = stopping({ patience: 0 });
    expect(await epochsRun(stop, [1, 2, 3])).toBe(2);
    expect(await epochsRun(stop, [5, 4, 3, 3.5])).toBe(4);
    expect(stop.stoppedEpoch).toBe(3);
    expect(stop.best).toBe(3);
  });

  it('rejects bad options with a LayerwiseError naming the option and the value received', () => {
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(
      'EarlyStopping: received an invalid value for `patience`, expected an integer of at least 0. Received: patience=-1',
    );
    expect(() => new EarlyStopping({ startFromEpoch: 1.5 })).toThrow(/`startFromEpoch`.*Received: startFromEpoch=1.5/);
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/`mode`.*Received: mode='up'/);
    expect(() => new EarlyStopping({ monitor: '' })).toThrow(/`monitor`/);
    expect(() => new EarlyStopping({ baseline: Number.POSITIVE_INFINITY })).toThrow(/`baseline`.*Received: baseline=/);
    expect(() => new EarlyStopping({ verbose: 2 as never })).toThrow(/`verbose`.*Received: verbose=2/);
    expect(() => new EarlyStopping({ restoreBestWeights: 'yes' as never })).toThrow(/`restoreBestWeights`, expected a boolean/);
    expect(() => new EarlyStopping({ restore_best_weights: true } as never)).toThrow(LayerwiseError);
    expect(() => new EarlyStopping({ restore_best_weights: true } as never)).toThrow(
      /EarlyStopping: received an unknown option `restore_best_weights`; known options are monitor, minDelta/,
    );
  });
});
