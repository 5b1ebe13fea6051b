import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useBackend } from '@layerwise/core';
import type { Callback as CallbackHooks, Logs } from '@layerwise/core';
import { Callback } from './callback.js';
import { CallbackList } from './callback-list.js';
import { EarlyStopping } from './early-stopping.js';
import { History } from './history.js';
import { ProgressBar } from './progress-bar.js';
import { checkConformance } from './testing/conformance.js';
import { FakeModel } from './testing/fake-model.js';
import { CSVLogger } from './csv-logger.js';
import { LambdaCallback } from './lambda-callback.js';
import { LearningRateScheduler } from './learning-rate-scheduler.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { TerminateOnNaN } from './terminate-on-nan.js';
import { TensorBoard } from './tensorboard/tensorboard.js';
import { ModelCheckpoint } from './model-checkpoint.js';
import { FakeStream } from './testing/fake-stream.js';

beforeAll(() => useBackend('cpu'));
afterEach(() => vi.restoreAllMocks());

const EPOCH_LOGS: Logs[] = [
  { loss: 0.9, accuracy: 0.5, val_loss: 1.0, val_accuracy: 0.45 },
  { loss: 0.7, accuracy: 0.6, val_loss: 0.8, val_accuracy: 0.55 },
  { loss: 0.6, accuracy: 0.65, val_loss: Number.NaN, val_accuracy: 0.6 },
  { loss: 0.5, accuracy: 0.7, val_loss: 0.85, val_accuracy: 0.58 },
  { loss: 0.45, accuracy: 0.72, val_loss: 0.9, val_accuracy: 0.57 },
];

class Minimal extends Callback {}

const subjects: [string, () => CallbackHooks][] = [
  ['a Callback subclass overriding nothing', () => new Minimal()],
  ['History', () => new History()],
  ['ProgressBar on a terminal', () => new ProgressBar({ stream: new FakeStream(true) })],
  ['ProgressBar on a file', () => new ProgressBar({ stream: new FakeStream(false) })],
  ['EarlyStopping (defaults)', () => new EarlyStopping()],
  ['EarlyStopping restoring weights', () => new EarlyStopping({ patience: 1, restoreBestWeights: true, verbose: 1 })],
  ['EarlyStopping on a missing value', () => new EarlyStopping({ monitor: 'val_auc', restoreBestWeights: true })],
  [
    'EarlyStopping with every option',
    () => new EarlyStopping({ monitor: 'val_accuracy', minDelta: 0.01, patience: 2, mode: 'max', baseline: 0.5, restoreBestWeights: true, startFromEpoch: 1 }),
  ],
  ['ReduceLROnPlateau', () => new ReduceLROnPlateau({ patience: 1, cooldown: 1, verbose: 1 })],
  ['LearningRateScheduler', () => new LearningRateScheduler((epoch, lr) => lr * 0.9)],
  ['TerminateOnNaN', () => new TerminateOnNaN()],
  ['LambdaCallback', () => new LambdaCallback({ onEpochEnd: () => undefined })],
  ['CSVLogger', () => new CSVLogger(`${process.env.TMPDIR ?? '/tmp'}/layerwise-conformance-${process.pid}.csv`)],
  ['ModelCheckpoint saving the best every 2 batches', () => new ModelCheckpoint({ filepath: 'c{epoch}-{batch}', saveBestOnly: true, monitor: 'loss', saveFreq: 2, saver: async () => undefined })],
  [
    'TensorBoard with histograms and batch values',
    () => new TensorBoard({ logDir: `${process.env.TMPDIR ?? '/tmp'}/layerwise-conformance-tb-${process.pid}`, histogramFreq: 1, updateFreq: 'batch' }),
  ],
  [
    'CallbackList of them all',
    () =>
      new CallbackList({
        callbacks: [new ProgressBar({ stream: new FakeStream(true) }), new EarlyStopping({ restoreBestWeights: true })],
        addHistory: true,
        addProgressBar: true,
      }),
  ],
];

describe('every callback passes the conformance run', () => {
  for (const [name, make] of subjects) {
    for (const verbose of [0, 1, 2] as const) {
      it(`${name}, verbose ${verbose}: no hook throws and no tensor leaks`, async () => {
        vi.spyOn(console, 'log').mockImplementation(() => {});
        vi.spyOn(console, 'warn').mockImplementation(() => {});
        const optimizer = { className: 'Fake', learningRate: 0.1, iterations: 0, applyGradients() {}, dispose() {}, getConfig: () => ({}) };
        const model = new FakeModel([0, 0], optimizer);
        const report = await checkConformance(make(), { epochLogs: EPOCH_LOGS, verbose, model });
        expect(report.leakedTensors).toBe(0);
        expect(report.calls).toContain('onTrainEnd');
        expect(report.calls.at(-1)).toBe('onPredictEnd');
      });
    }
  }
});

describe('checkConformance', () => {
  it('reports tensors a callback leaves alive', async () => {
    const kept: tf.Tensor[] = [];
    class Leaky extends Callback {
      override onEpochEnd(): void {
        kept.push(tf.scalar(1));
      }
    }
    const report = await checkConformance(new Leaky(), { epochLogs: EPOCH_LOGS.slice(0, 2) });
    tf.dispose(kept);
    expect(report.leakedTensors).toBe(2);
  });

  it('names the hook that threw', async () => {
    class Broken extends Callback {
      override async onTestBatchEnd(batch: number): Promise<void> {
        if (batch === 1) throw new Error('no test batch 1');
      }
    }
    await expect(checkConformance(new Broken(), { epochLogs: EPOCH_LOGS })).rejects.toThrow(
      'Broken.onTestBatchEnd(1) threw: no test batch 1',
    );
  });

  it('honours stopTraining and drives the hooks in the order of fit, evaluate and predict', async () => {
    const report = await checkConformance(new EarlyStopping({ patience: 0 }), { epochLogs: EPOCH_LOGS, steps: 1 });
    expect(report.epochsRun).toBe(3);
    expect(report.calls.slice(0, 12)).toEqual([
      'setModel',
      'setParams',
      'onTrainBegin',
      'onEpochBegin(0)',
      'onTrainBatchBegin(0)',
      'onTrainBatchEnd(0)',
      'onTestBegin',
      'onTestBatchBegin(0)',
      'onTestBatchEnd(0)',
      'onTestEnd',
      'onEpochEnd(0)',
      'onEpochBegin(1)',
    ]);
  });
});
