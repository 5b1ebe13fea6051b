import { LayerwiseError } from '@layerwise/core';
import type { Callback as CallbackHooks, CallbackModel, Logs, TrainingParams } from '@layerwise/core';

/**
 * Base class for training callbacks, as Keras' `keras.callbacks.Callback`: every hook is an empty
 * method to override, and the model and the run's parameters are attached by the training loop
 * (through `setModel` and `setParams`) before the first hook runs. Hooks may be async; the loop
 * awaits them.
 *
 * @example
 * ```ts
 * class PrintLoss extends Callback {
 *   override onEpochEnd(epoch: number, logs: Logs = {}): void {
 *     console.log(`epoch ${epoch + 1}/${this.params.epochs}: loss ${logs.loss}`);
 *   }
 * }
 * ```
 */
export abstract class Callback implements CallbackHooks {
  private attachedModel: CallbackModel | undefined;
  private attachedParams: TrainingParams | undefined;

  /** The model being trained, evaluated or used for prediction. Throws if read before `setModel`. */
  get model(): CallbackModel {
    if (this.attachedModel === undefined) throw this.notAttached('model', 'setModel');
    return this.attachedModel;
  }

  /** The run's parameters (epochs, steps, verbosity...). Throws if read before `setParams`. */
  get params(): TrainingParams {
    if (this.attachedParams === undefined) throw this.notAttached('params', 'setParams');
    return this.attachedParams;
  }

  /** Attaches the model; called by the training loop (or a `CallbackList`) before the first hook. */
  setModel(model: CallbackModel): void {
    this.attachedModel = model;
  }

  /** Attaches the run's parameters; called by the training loop (or a `CallbackList`) before the first hook. */
  setParams(params: TrainingParams): void {
    this.attachedParams = params;
  }

  /**
   * Whether `onTrainBatchEnd` needs this batch's logs: by default, whenever the subclass overrides
   * `onTrainBatchEnd`. Override it to ask less often (the progress bar asks only when it redraws),
   * so that `fit` reads values back from the device only when they are used.
   */
  wantsBatchLogs(batch: number): boolean {
    return this.onTrainBatchEnd !== Callback.prototype.onTrainBatchEnd;
  }

  /** Called once at the start of `fit`. */
  onTrainBegin(logs?: Logs): void | Promise<void> {}
  /** Called once at the end of `fit`, with the last epoch's logs. */
  onTrainEnd(logs?: Logs): void | Promise<void> {}
  /** Called at the start of every epoch (`epoch` counts from 0). */
  onEpochBegin(epoch: number, logs?: Logs): void | Promise<void> {}
  /** Called at the end of every epoch with the epoch's logs, validation values (`val_*`) included. */
  onEpochEnd(epoch: number, logs?: Logs): void | Promise<void> {}
  /** Called before every training batch (`batch` counts from 0 within the epoch). */
  onTrainBatchBegin(batch: number, logs?: Logs): void | Promise<void> {}
  /** Called after every training batch with the epoch's values so far. */
  onTrainBatchEnd(batch: number, logs?: Logs): void | Promise<void> {}
  /** Called at the start of `evaluate` and of the validation pass inside `fit`. */
  onTestBegin(logs?: Logs): void | Promise<void> {}
  /** Called at the end of `evaluate` and of the validation pass inside `fit`. */
  onTestEnd(logs?: Logs): void | Promise<void> {}
  /** Called before every evaluation batch. */
  onTestBatchBegin(batch: number, logs?: Logs): void | Promise<void> {}
  /** Called after every evaluation batch. */
  onTestBatchEnd(batch: number, logs?: Logs): void | Promise<void> {}
  /** Called at the start of `predict`. */
  onPredictBegin(logs?: Logs): void | Promise<void> {}
  /** Called at the end of `predict`. */
  onPredictEnd(logs?: Logs): void | Promise<void> {}
  /** Called before every prediction batch. */
  onPredictBatchBegin(batch: number, logs?: Logs): void | Promise<void> {}
  /** Called after every prediction batch. */
  onPredictBatchEnd(batch: number, logs?: Logs): void | Promise<void> {}

  private notAttached(property: string, setter: string): LayerwiseError {
    return new LayerwiseError(
      `${this.constructor.name}: \`${property}\` was read before \`${setter}\` was called. ` +
        `fit, evaluate and predict (or a CallbackList) call \`${setter}\` before the first hook; ` +
        `call it yourself when driving the callback by hand.`,
    );
  }
}
