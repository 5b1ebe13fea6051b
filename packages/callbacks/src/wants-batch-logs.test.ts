import { describe, expect, it } from 'vitest';
import { BackupAndRestore } from './backup-and-restore.js';
import { Callback } from './callback.js';
import { CallbackList } from './callback-list.js';
import { EarlyStopping } from './early-stopping.js';
import { LambdaCallback } from './lambda-callback.js';
import { ModelCheckpoint } from './model-checkpoint.js';
import { ProgressBar } from './progress-bar.js';
import { TensorBoard } from './tensorboard/tensorboard.js';
import { TerminateOnNaN } from './terminate-on-nan.js';
import { FakeStream } from './testing/fake-stream.js';

const list = (...callbacks: Callback[]) => new CallbackList({ callbacks, addHistory: true, addProgressBar: false });
const params = { epochs: 1, steps: 10, batchSize: 4, samples: 40, verbose: 1 as const, metrics: ['loss'] };

describe('which callbacks make fit read batch logs', () => {
  it('only those with a batch hook that uses them, and only on the batches they use', () => {
    expect(list(new EarlyStopping()).wantsBatchLogs(0)).toBe(false);
    expect(list(new LambdaCallback({ onEpochEnd: () => undefined })).wantsBatchLogs(0)).toBe(false);
    expect(list(new LambdaCallback({ onTrainBatchEnd: () => undefined })).wantsBatchLogs(0)).toBe(true);
    expect(list(new TerminateOnNaN()).wantsBatchLogs(0)).toBe(true);
    expect(list(new BackupAndRestore({ backupDir: 'unused', saveFreq: 1 })).wantsBatchLogs(0)).toBe(false);
    expect(list(new ModelCheckpoint({ filepath: 'x', saver: async () => undefined })).wantsBatchLogs(0)).toBe(false);
    const every3 = new ModelCheckpoint({ filepath: 'x', saveFreq: 3, saver: async () => undefined });
    expect([0, 1].map(() => every3.wantsBatchLogs())).toEqual([false, false]);
    expect(new TensorBoard({ updateFreq: 'epoch' }).wantsBatchLogs()).toBe(false);
    expect(new TensorBoard({ updateFreq: 1 }).wantsBatchLogs()).toBe(true);
  });

  it('the progress bar asks only when it will redraw: on a terminal with verbose 1', () => {
    const onFile = new ProgressBar({ stream: new FakeStream(false) });
    onFile.setParams(params);
    expect(onFile.wantsBatchLogs()).toBe(false);
    const onTerminal = new ProgressBar({ stream: new FakeStream(true) });
    onTerminal.setParams(params);
    expect(onTerminal.wantsBatchLogs()).toBe(true);
    onTerminal.onTrainBatchEnd(0, { loss: 1 }); // draws now
    expect(onTerminal.wantsBatchLogs()).toBe(false); // within 50 ms of the last draw
    const perEpoch = new ProgressBar({ stream: new FakeStream(true) });
    perEpoch.setParams({ ...params, verbose: 2 });
    expect(perEpoch.wantsBatchLogs()).toBe(false);
  });
});
