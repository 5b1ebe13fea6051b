import type { Callback, Logs, TrainingParams } from '@layerwise/core';
import { countTensors } from '@layerwise/core';
import { FakeModel } from './fake-model.js';

/** The script {@link checkConformance} drives a callback through. */
export interface ConformanceScript {
  /** Logs given at each epoch end; their count is the number of epochs. */
  readonly epochLogs: readonly Logs[];
  /** Batches per epoch, per validation pass, per evaluate and per predict. Default 3. */
  readonly steps?: number;
  /** The verbosity given in params. Default 0. */
  readonly verbose?: 0 | 1 | 2;
  /** The model to drive with (left alive for the test to inspect). Default: a fresh FakeModel, disposed at the end. */
  readonly model?: FakeModel;
}

/** What {@link checkConformance} observed. */
export interface ConformanceReport {
  /** Epochs run by the scripted fit (fewer than scripted when the callback stopped training). */
  readonly epochsRun: number;
  /** Tensors left alive once the callback was done and the fake model disposed. */
  readonly leakedTensors: number;
  /** Every hook called, in order (`'onEpochEnd(0)'`). */
  readonly calls: readonly string[];
}

function batchLogs(epochLogs: Logs, batch: number, steps: number, prefix: string): Logs {
  // Running values that approach the epoch's values, as a training loop reports them.
  const logs: Logs = {};
  for (const [name, value] of Object.entries(epochLogs)) {
    if (name.startsWith('val_') === (prefix === 'val_')) logs[name.slice(prefix.length)] = value * (1 + (steps - batch - 1) / steps);
  }
  return logs;
}

/**
 * Drives `callback` through every hook the way `fit`, `evaluate` and `predict` do (model and
 * params attached first; a validation pass inside every epoch; `stopTraining` honoured after
 * each epoch; the fake model's weights set to the epoch number at every epoch end), with a
 * {@link FakeModel} and the scripted logs. A hook that throws makes it throw an error naming the
 * hook; otherwise it reports the tensors left alive.
 */
export async function checkConformance(callback: Callback, script: ConformanceScript): Promise<ConformanceReport> {
  const { epochLogs, steps = 3, verbose = 0 } = script;
  if (epochLogs.length === 0) throw new Error('checkConformance: script.epochLogs must hold at least one epoch');
  const calls: string[] = [];
  const call = async (hook: string, run: () => unknown): Promise<void> => {
    calls.push(hook);
    try {
      await run();
    } catch (error) {
      throw new Error(`${callback.constructor.name}.${hook} threw: ${(error as Error).message}`, { cause: error });
    }
  };
  const before = countTensors();
  const model = script.model ?? new FakeModel([0, 0]);
  const metrics = Object.keys(epochLogs[0] ?? {});
  const params = (epochs: number): TrainingParams => ({ epochs, steps, batchSize: 8, samples: steps * 8, verbose, metrics });
  let epochsRun = 0;
  try {
    await call('setModel', () => callback.setModel?.(model));
    await call('setParams', () => callback.setParams?.(params(epochLogs.length)));
    model.stopTraining = false; // as fit does at its start
    await call('onTrainBegin', () => callback.onTrainBegin?.({}));
    let last: Logs = {};
    for (const [epoch, logs] of epochLogs.entries()) {
      await call(`onEpochBegin(${epoch})`, () => callback.onEpochBegin?.(epoch, {}));
      for (let batch = 0; batch < steps; batch++) {
        await call(`onTrainBatchBegin(${batch})`, () => callback.onTrainBatchBegin?.(batch, {}));
        await call(`onTrainBatchEnd(${batch})`, () => callback.onTrainBatchEnd?.(batch, batchLogs(logs, batch, steps, '')));
      }
      await call('onTestBegin', () => callback.onTestBegin?.({}));
      for (let batch = 0; batch < steps; batch++) {
        await call(`onTestBatchBegin(${batch})`, () => callback.onTestBatchBegin?.(batch, {}));
        await call(`onTestBatchEnd(${batch})`, () => callback.onTestBatchEnd?.(batch, batchLogs(logs, batch, steps, 'val_')));
      }
      await call('onTestEnd', () => callback.onTestEnd?.(batchLogs(logs, steps - 1, steps, 'val_')));
      model.fill(epoch);
      await call(`onEpochEnd(${epoch})`, () => callback.onEpochEnd?.(epoch, { ...logs }));
      epochsRun += 1;
      last = logs;
      if (model.stopTraining) break;
    }
    await call('onTrainEnd', () => callback.onTrainEnd?.({ ...last }));

    await call('setParams', () => callback.setParams?.(params(1)));
    await call('onTestBegin', () => callback.onTestBegin?.({}));
    for (let batch = 0; batch < steps; batch++) {
      await call(`onTestBatchBegin(${batch})`, () => callback.onTestBatchBegin?.(batch, {}));
      await call(`onTestBatchEnd(${batch})`, () => callback.onTestBatchEnd?.(batch, batchLogs(last, batch, steps, 'val_')));
    }
    await call('onTestEnd', () => callback.onTestEnd?.(batchLogs(last, steps - 1, steps, 'val_')));

    await call('onPredictBegin', () => callback.onPredictBegin?.({}));
    for (let batch = 0; batch < steps; batch++) {
      await call(`onPredictBatchBegin(${batch})`, () => callback.onPredictBatchBegin?.(batch, {}));
      await call(`onPredictBatchEnd(${batch})`, () => callback.onPredictBatchEnd?.(batch, {}));
    }
    await call('onPredictEnd', () => callback.onPredictEnd?.({}));
  } finally {
    if (script.model === undefined) model.dispose();
  }
  return { epochsRun, leakedTensors: countTensors() - before, calls };
}
