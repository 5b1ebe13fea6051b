import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallbackModel, Logs, Optimizer } from '@layerwise/core';
import { describe, expect, it, vi } from 'vitest';
import { CSVLogger } from './csv-logger.js';
import { LambdaCallback } from './lambda-callback.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { TerminateOnNaN } from './terminate-on-nan.js';
import type { Callback } from './callback.js';

function modelWithRate(learningRate: number): CallbackModel & { optimizer: Optimizer } {
  const optimizer = { className: 'Fake', learningRate, iterations: 0, applyGradients() {}, dispose() {}, getConfig: () => ({}) };
  return { stopTraining: false, optimizer, getWeights: () => [], setWeights() {} };
}

/** Runs epochs with the given monitored values; returns the learning_rate each epoch logged. */
async function run(callback: Callback, values: number[], monitor = 'val_loss', lr = 1): Promise<number[]> {
  const model = modelWithRate(lr);
  callback.setModel(model);
  await callback.onTrainBegin();
  const rates: number[] = [];
  for (const [epoch, value] of values.entries()) {
    await callback.onEpochBegin(epoch);
    const logs: Logs = { [monitor]: value };
    await callback.onEpochEnd(epoch, logs);
    rates.push(logs['learning_rate']!);
  }
  return rates;
}

describe('ReduceLROnPlateau (Keras semantics on scripted sequences)', () => {
  it('reduces by factor after patience epochs without improvement', async () => {
    const rates = await run(new ReduceLROnPlateau({ factor: 0.5, patience: 2 }), [1, 0.9, 0.95, 0.92, 0.91, 0.5, 0.6, 0.7, 0.8]);
    expect(rates).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25]);
  });
  it('counts the cooldown down before checking it again, as Keras', async () => {
    expect(await run(new ReduceLROnPlateau({ factor: 0.5, patience: 1, cooldown: 2 }), [1, 2, 3, 4, 5, 6])).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
    expect(await run(new ReduceLROnPlateau({ factor: 0.5, patience: 1, cooldown: 1 }), [1, 2, 3, 4])).toEqual([1, 1, 0.5, 0.25]);
  });
  it('stops at minLr, treats ties and NaN as no improvement, and follows mode max for accuracy', async () => {
    expect(await run(new ReduceLROnPlateau({ factor: 0.1, patience: 1, minLr: 0.05 }), [1, 1, 1, 1])).toEqual([1, 1, 0.1, 0.05]);
    expect(await run(new ReduceLROnPlateau({ factor: 0.5, patience: 1 }), [Number.NaN, Number.NaN])).toEqual([1, 0.5]);
    expect(await run(new ReduceLROnPlateau({ factor: 0.5, patience: 1, monitor: 'val_accuracy' }), [0.5, 0.6, 0.55], 'val_accuracy')).toEqual([1, 1, 1]);
    expect(await run(new ReduceLROnPlateau({ factor: 0.5, patience: 1, minDelta: 0.2 }), [1, 0.9, 0.7])).toEqual([1, 1, 0.5]);
  });
  it('warns about a missing value and rejects bad options', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await run(new ReduceLROnPlateau(), [1], 'loss');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('`val_loss` which is not available. Available metrics are: loss'));
    warn.mockRestore();
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/`factor`.*Received: factor=1/);
  });
});

describe('LearningRateScheduler, TerminateOnNaN, LambdaCallback', () => {
  it('sets the rate from the schedule at each epoch', async () => {
    const rates = await run(new LearningRateScheduler((epoch, lr) => (epoch < 2 ? lr : lr / 2)), [1, 1, 1, 1], 'loss', 0.8);
    expect(rates).toEqual([0.8, 0.8, 0.4, 0.2]);
    await expect(run(new LearningRateScheduler(() => Number.NaN), [1])).rejects.toThrow(/expected a finite number/);
  });
  it('stops on a NaN or infinite loss', () => {
    const model = modelWithRate(1);
    const cb = new TerminateOnNaN();
    cb.setModel(model);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    cb.onTrainBatchEnd(0, { loss: 1 });
    expect(model.stopTraining).toBe(false);
    cb.onTrainBatchEnd(1, { loss: Number.POSITIVE_INFINITY });
    expect(model.stopTraining).toBe(true);
    log.mockRestore();
  });
  it('runs the functions it is given', async () => {
    const seen: number[] = [];
    const cb = new LambdaCallback({ onEpochEnd: (epoch) => void seen.push(epoch) });
    await cb.onEpochEnd(3, {});
    expect(seen).toEqual([3]);
  });
});

describe('CSVLogger', () => {
  it('writes a header and one row per epoch, and appends without a second header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-csv-'));
    const file = join(dir, 'log.csv');
    const epochs = async (logger: CSVLogger, rows: Logs[]) => {
      await logger.onTrainBegin();
      for (const [i, logs] of rows.entries()) await logger.onEpochEnd(i, logs);
    };
    await epochs(new CSVLogger(file), [{ loss: 0.5, accuracy: 0.75 }, { loss: 0.25, accuracy: 0.875 }]);
    expect(await readFile(file, 'utf8')).toBe('epoch,accuracy,loss\n0,0.75,0.5\n1,0.875,0.25\n');
    await epochs(new CSVLogger(file, { append: true, separator: ';' }), [{ loss: 0.125, accuracy: 1 }]);
    expect(await readFile(file, 'utf8')).toBe('epoch,accuracy,loss\n0,0.75,0.5\n1,0.875,0.25\n0;1;0.125\n');
    await rm(dir, { recursive: true, force: true });
  });
});
