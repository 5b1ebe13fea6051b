import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Variable } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import type { CallbackModel, NamedWeight, Optimizer, OptimizerStateSnapshot } from '@layerwise/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BackupAndRestore } from './backup-and-restore.js';
import { checkConformance } from './testing/conformance.js';

beforeAll(() => useBackend('cpu'));
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const backupDir = () => join((dir = mkdtempSync(join(tmpdir(), 'layerwise-backup-'))), 'backup');

/** A model with two named variables and an optimizer holding one slot per variable. */
class TinyModel implements CallbackModel {
  stopTraining = false;
  resumeEpoch: number | undefined;
  readonly weights: NamedWeight[];
  readonly optimizer: Optimizer;
  restoredWith: { state: OptimizerStateSnapshot; variables: readonly Variable[] | undefined } | undefined;

  constructor(prefix: string, value: number) {
    this.weights = ['kernel', 'bias'].map((name, i) => ({ name: `dense/${name}`, variable: tf.variable(tf.fill([2, i + 1], value), true, `${prefix}/${name}`) }));
    let iterations = Math.round(value * 10);
    let momenta = this.weights.map((w) => tf.fill(w.variable.shape, value / 2));
    this.optimizer = {
      learningRate: 0.1,
      get iterations() {
        return iterations;
      },
      applyGradients: () => undefined,
      dispose: () => tf.dispose(momenta),
      getConfig: () => ({}),
      className: 'Fake',
      getState: () => ({ iterations, slots: this.weights.map((w, i) => ({ variableName: w.variable.name, values: { momentum: tf.clone(momenta[i]!) } })) }),
      setState: (state: OptimizerStateSnapshot, variables?: readonly Variable[]) => {
        this.restoredWith = { state: { ...state, slots: [] }, variables };
        iterations = state.iterations;
        tf.dispose(momenta);
        momenta = state.slots.map((s) => tf.clone(s.values['momentum']!));
      },
    } as unknown as Optimizer;
  }
  getWeights() {
    return this.weights.map((w) => tf.clone(w.variable));
  }
  setWeights(values: readonly tf.Tensor[]) {
    values.forEach((v, i) => this.weights[i]!.variable.assign(v));
  }
  async first(): Promise<number[]> {
    return Promise.all(this.weights.map(async (w) => (await w.variable.data())[0]!));
  }
  dispose() {
    this.optimizer.dispose();
    tf.dispose(this.weights.map((w) => w.variable));
  }
}

describe('BackupAndRestore', () => {
  it('backs up at every epoch end and a restarted run restores weights, optimizer state and the epoch', async () => {
    const path = backupDir();
    const first = new TinyModel('run1', 1);
    const callback = new BackupAndRestore({ backupDir: path });
    callback.setModel(first);
    await callback.onTrainBegin();
    expect(first.resumeEpoch).toBeUndefined();
    await callback.onEpochBegin(0);
    await callback.onEpochEnd(0);
    first.setWeights(first.weights.map((w) => tf.fill(w.variable.shape, 3)));
    await callback.onEpochBegin(1);
    await callback.onEpochEnd(1); // the process dies here, before onTrainEnd
    expect(existsSync(join(path, 'backup.lwbk'))).toBe(true);

    // A restarted process: the same script creates the same variable names.
    first.dispose();
    const restarted = new TinyModel('run1', 0);
    const again = new BackupAndRestore({ backupDir: path });
    again.setModel(restarted);
    const before = tf.memory().numTensors;
    await again.onTrainBegin();
    expect(tf.memory().numTensors).toBe(before);
    expect(restarted.resumeEpoch).toBe(2);
    expect(again.resumedAtEpoch).toBe(2);
    expect(await restarted.first()).toEqual([3, 3]);
    expect(restarted.restoredWith?.state.iterations).toBe(10);
    expect(restarted.restoredWith?.variables?.map((v) => v.name)).toEqual(['run1/kernel', 'run1/bias']);
    await again.onTrainEnd();
    expect(existsSync(path)).toBe(false);
    restarted.dispose();
  });

  it('keeps the backup with deleteCheckpoint false, and names a model it does not fit', async () => {
    const path = backupDir();
    const model = new TinyModel('a', 1);
    const callback = new BackupAndRestore({ backupDir: path, deleteCheckpoint: false });
    callback.setModel(model);
    await callback.onTrainBegin();
    await callback.onEpochEnd(0);
    await callback.onTrainEnd();
    expect(existsSync(join(path, 'backup.lwbk'))).toBe(true);
    const other = new TinyModel('b', 0);
    const restore = new BackupAndRestore({ backupDir: path });
    restore.setModel(other);
    await expect(restore.onTrainBegin()).rejects.toThrow(/slots for variable 'a\/kernel', which this model does not have/);
    model.dispose();
    other.dispose();
  });

  it('with saveFreq N, backs up mid-epoch so that a restart repeats the interrupted epoch', async () => {
    const path = backupDir();
    const model = new TinyModel('m', 1);
    const callback = new BackupAndRestore({ backupDir: path, saveFreq: 2 });
    callback.setModel(model);
    await callback.onTrainBegin();
    await callback.onEpochBegin(0);
    await callback.onEpochEnd(0);
    await callback.onEpochBegin(1);
    await callback.onTrainBatchEnd();
    await callback.onTrainBatchEnd(); // a backup in epoch 1: the last completed epoch is 0
    model.dispose();
    const restarted = new TinyModel('m', 0);
    const again = new BackupAndRestore({ backupDir: path });
    again.setModel(restarted);
    await again.onTrainBegin();
    expect(restarted.resumeEpoch).toBe(1);
    restarted.dispose();
  });

  it('names a corrupt backup file', async () => {
    const path = backupDir();
    const model = new TinyModel('c', 1);
    const callback = new BackupAndRestore({ backupDir: path });
    callback.setModel(model);
    await callback.onEpochEnd(0);
    const file = join(path, 'backup.lwbk');
    writeFileSync(file, readFileSync(file).subarray(0, 40));
    const restore = new BackupAndRestore({ backupDir: path });
    restore.setModel(model);
    await expect(restore.onTrainBegin()).rejects.toThrow(/backup\.lwbk is not a usable backup \(truncated header\)/);
    model.dispose();
  });

  it('passes the conformance run without leaking tensors', async () => {
    const report = await checkConformance(new BackupAndRestore({ backupDir: backupDir(), saveFreq: 2 }), {
      epochLogs: [{ loss: 1 }, { loss: 0.5 }],
    });
    expect(report.leakedTensors).toBe(0);
  });

  it('names the option at fault', () => {
    expect(() => new BackupAndRestore({ backupDir: '' })).toThrow(/backupDir/);
    expect(() => new BackupAndRestore({ backupDir: 'x', saveFreq: 0 })).toThrow(/saveFreq/);
    expect(() => new BackupAndRestore({ backupDir: 'x', saveFreq: 'batch' as 'epoch' })).toThrow(/saveFreq/);
    expect(() => new BackupAndRestore({ backupDir: 'x', deleteCheckpoint: 1 as unknown as boolean })).toThrow(/deleteCheckpoint/);
  });
});
