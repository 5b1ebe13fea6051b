import { checkInteger, invalidArgument, LayerwiseError, writeFileAtomic } from '@layerwise/core';
import { Callback } from './callback.js';
import { decodeBackup, disposeBackup, encodeBackup, type TrainingBackup } from './backup-file.js';
import { checkBoolean, checkOptions } from './options.js';

/** Options of {@link BackupAndRestore}; defaults as Keras'. */
export interface BackupAndRestoreOptions {
  /** The folder the backup lives in while training runs (Node). */
  backupDir: string;
  /**
   * `'epoch'` backs up at every epoch end (a restart resumes exactly at the next epoch); a number N
   * backs up every N batches as well, and a restart then repeats the interrupted epoch from its start
   * with the weights of its last backup, as Keras does. Default `'epoch'`.
   */
  saveFreq?: 'epoch' | number;
  /** Delete the backup when training ends normally. Default true. */
  deleteCheckpoint?: boolean;
}

const OWNER = 'BackupAndRestore';
const FILE = 'backup.lwbk';

/**
 * Makes `fit` survive being killed, as Keras' `BackupAndRestore`: it backs up the weights, the
 * optimizer's state and the epoch to `backupDir` (one file, written to a temporary name and renamed,
 * so a kill during a backup leaves the previous one), and when `fit` starts with a backup present it
 * restores them and `fit` resumes after the last completed epoch. Run the same script again after a
 * crash and training ends where it would have. With a seeded `fit` (`seed`, shuffling by epoch) and the
 * same backend, the final weights equal an uninterrupted run's. Node only.
 *
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 50, seed: 1, callbacks: [new BackupAndRestore({ backupDir: 'backup' })] });
 * ```
 */
export class BackupAndRestore extends Callback {
  readonly backupDir: string;
  readonly saveFreq: 'epoch' | number;
  readonly deleteCheckpoint: boolean;
  private currentEpoch = 0;
  private batchesSinceSave = 0;
  private restoredEpoch: number | undefined;

  constructor(options: BackupAndRestoreOptions) {
    super();
    checkOptions(OWNER, options, ['backupDir', 'saveFreq', 'deleteCheckpoint']);
    if (typeof options.backupDir !== 'string' || options.backupDir === '') {
      throw invalidArgument({ owner: OWNER, argument: 'backupDir', expected: 'a folder path', received: options.backupDir });
    }
    this.backupDir = options.backupDir;
    const freq = options.saveFreq ?? 'epoch';
    if (freq !== 'epoch' && typeof freq !== 'number') throw invalidArgument({ owner: OWNER, argument: 'saveFreq', expected: "'epoch' or a positive integer", received: freq });
    this.saveFreq = freq === 'epoch' ? 'epoch' : checkInteger(OWNER, 'saveFreq', freq);
    this.deleteCheckpoint = checkBoolean(OWNER, 'deleteCheckpoint', options.deleteCheckpoint ?? true);
  }

  /** The epoch (from 0) the last `fit` resumed at, or undefined when it started afresh. */
  get resumedAtEpoch(): number | undefined {
    return this.restoredEpoch;
  }

  override async onTrainBegin(): Promise<void> {
    this.batchesSinceSave = 0;
    this.restoredEpoch = undefined;
    const fs = await import('node:fs/promises');
    const path = await this.path();
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await fs.readFile(path));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new LayerwiseError(`${OWNER}: cannot read ${path}: ${(error as Error).message}`);
    }
    const backup = decodeBackup(bytes, path);
    try {
      this.restore(backup, path);
    } finally {
      disposeBackup(backup);
    }
    this.restoredEpoch = backup.epoch + 1;
    this.model.resumeEpoch = backup.epoch + 1;
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  /** Backups need no logs. */
  override wantsBatchLogs(): boolean {
    return false;
  }

  override async onTrainBatchEnd(): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    if (++this.batchesSinceSave < this.saveFreq) return;
    this.batchesSinceSave = 0;
    // Mid-epoch: a restart repeats this epoch from its start (the last completed one is before it).
    await this.save(this.currentEpoch - 1);
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    this.batchesSinceSave = 0;
    await this.save(epoch);
  }

  override async onTrainEnd(): Promise<void> {
    if (!this.deleteCheckpoint) return;
    const fs = await import('node:fs/promises');
    await fs.rm(await this.path(), { force: true });
    await fs.rmdir(this.backupDir).catch(() => undefined);
  }

  private async path(): Promise<string> {
    const { join } = await import('node:path');
    return join(this.backupDir, FILE);
  }

  private async save(epoch: number): Promise<void> {
    const weights = this.model.getWeights();
    const optimizer = this.model.optimizer?.getState?.();
    try {
      await writeFileAtomic(await this.path(), await encodeBackup({ epoch, weights, optimizer }), OWNER);
    } finally {
      weights.forEach((w) => w.dispose());
      if (optimizer) disposeBackup({ epoch, weights: [], optimizer });
    }
  }

  private restore(backup: TrainingBackup, path: string): void {
    this.model.setWeights(backup.weights);
    if (!backup.optimizer) return;
    const optimizer = this.model.optimizer;
    if (!optimizer?.setState) throw new LayerwiseError(`${OWNER}: ${path} holds an optimizer state, but the model's optimizer cannot restore one (compile the model with a @layerwise/optimizers optimizer)`);
    // Slots are matched to the model's variables by the names tfjs gave them when the backup was
    // written; a restarted process running the same script creates the same names.
    const byName = new Map((this.model.weights ?? []).map((w) => [w.variable.name, w.variable] as const));
    const variables = backup.optimizer.slots.map((slot) => {
      const variable = byName.get(slot.variableName);
      if (!variable) throw new LayerwiseError(`${OWNER}: ${path} holds optimizer slots for variable '${slot.variableName}', which this model does not have; was the model built differently?`);
      return variable;
    });
    optimizer.setState(backup.optimizer, variables);
  }
}
