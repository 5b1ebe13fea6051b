import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { BackendReport } from '../backend/report.js';
import type { Optimizer } from './optimizer.js';

/** Values reported to callbacks: `loss`, metrics, and `val_`-prefixed validation values. */
export type Logs = Record<string, number>;

/** What a callback may see and steer of the model being trained. */
export interface CallbackModel {
  /** Set to true to end `fit` after the current batch or epoch. */
  stopTraining: boolean;
  readonly optimizer: Optimizer | undefined;
  /** Copies of the current weight values, in the model's weight order. */
  getWeights(): Tensor[];
  /** Assigns the given values to the model's weights (the tensors are not kept). */
  setWeights(weights: readonly Tensor[]): void;
  /**
   * The weights themselves with their Keras-style names (`'dense/kernel'`), in `getWeights`
   * order, for callbacks that log or inspect them without copying; optional for models that
   * do not name their weights.
   */
  readonly weights?: readonly NamedWeight[];
  /**
   * Set by a callback in `onTrainBegin` to make `fit` start at this epoch (counted from 0) instead
   * of its `initialEpoch`: BackupAndRestore resuming an interrupted run. `fit` reads it once the
   * `onTrainBegin` hooks have run, then clears it.
   */
  resumeEpoch?: number | undefined;
}

/** A model weight and its name, as {@link CallbackModel.weights} lists them. */
export interface NamedWeight {
  readonly name: string;
  /** The live value (do not dispose it). */
  readonly variable: Variable;
}

/** The run's parameters, given to every callback before training starts. */
export interface TrainingParams {
  readonly epochs: number;
  /** Batches per epoch, when known. */
  readonly steps: number | undefined;
  readonly batchSize: number | undefined;
  readonly samples: number | undefined;
  readonly verbose: 0 | 1 | 2;
  /** Names of the values in the logs, in order (`['loss', 'accuracy', 'val_loss', ...]`). */
  readonly metrics: readonly string[];
  /** The backend the run computes on, and why it was chosen (`fit` sets it; see `activeBackend`). */
  readonly backend?: BackendReport;
}

/**
 * A training callback: every hook is optional and may be async (the loop awaits it).
 * `@layerwise/callbacks` provides a base class with the model and params attached.
 */
export interface Callback {
  setModel?(model: CallbackModel): void;
  /**
   * Whether `onTrainBatchEnd` needs batch `batch`'s logs (reading them back from the device costs a
   * round trip every batch, so `fit` only does it when some callback wants them, and passes `{}`
   * otherwise). Absent: whenever the callback has an `onTrainBatchEnd`.
   */
  wantsBatchLogs?(batch: number): boolean;
  setParams?(params: TrainingParams): void;
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  onTrainBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onTrainBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  onTestBegin?(logs?: Logs): void | Promise<void>;
  onTestEnd?(logs?: Logs): void | Promise<void>;
  onTestBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onTestBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
  onPredictBegin?(logs?: Logs): void | Promise<void>;
  onPredictEnd?(logs?: Logs): void | Promise<void>;
  onPredictBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  onPredictBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
}
