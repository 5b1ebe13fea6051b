import { LayerwiseError, invalidArgument } from '@layerwise/core';
import type { Callback as CallbackHooks, CallbackModel, Logs, TrainingParams } from '@layerwise/core';
import { Callback } from './callback.js';
import { History } from './history.js';
import { checkBoolean, checkOneOf, checkOptions } from './options.js';
import { ProgressBar } from './progress-bar.js';

/** Options of {@link CallbackList}. */
export interface CallbackListOptions {
  /** The user's callbacks: `Callback` subclasses or plain objects with some of the hooks. */
  callbacks?: readonly CallbackHooks[];
  /** Add a {@link History} unless `callbacks` already holds one. Default false. */
  addHistory?: boolean;
  /**
   * Add a {@link ProgressBar} (printing to the default stream, at `params.verbose`) unless
   * `callbacks` already holds one. Default: `verbose !== 0` when `verbose` is given, else false.
   */
  addProgressBar?: boolean;
  /**
   * The run's verbosity (`fit({ verbose })`): decides `addProgressBar` when that is not given, and
   * must equal `params.verbose` (checked whenever params are set).
   */
  verbose?: 0 | 1 | 2;
  /** The model, given to every callback now (or later through `setModel`). */
  model?: CallbackModel;
  /** The run's parameters, given to every callback now (or later through `setParams`). */
  params?: TrainingParams;
}

const OWNER = 'CallbackList';
const HOOKS = [
  'setModel',
  'setParams',
  'onTrainBegin',
  'onTrainEnd',
  'onEpochBegin',
  'onEpochEnd',
  'onTrainBatchBegin',
  'onTrainBatchEnd',
  'onTestBegin',
  'onTestEnd',
  'onTestBatchBegin',
  'onTestBatchEnd',
  'onPredictBegin',
  'onPredictEnd',
  'onPredictBatchBegin',
  'onPredictBatchEnd',
] as const;

function checkCallback(callback: unknown, index: number): CallbackHooks {
  const argument = `callbacks[${index}]`;
  if (callback === null || typeof callback !== 'object') {
    throw invalidArgument({ owner: OWNER, argument, expected: 'a callback (an object with hooks such as onEpochEnd)', received: callback });
  }
  for (const hook of HOOKS) {
    const method: unknown = (callback as Record<string, unknown>)[hook];
    if (method !== undefined && typeof method !== 'function') {
      throw invalidArgument({ owner: OWNER, argument: `${argument}.${hook}`, expected: 'a function or undefined', received: method });
    }
  }
  return callback as CallbackHooks;
}

/**
 * Several callbacks behind one, as Keras' `CallbackList`: `fit`, `evaluate` and `predict` call
 * its hooks, and it calls the same hook on every callback in order, awaiting each one (async
 * hooks included) before the next starts. All callbacks receive the same `logs` object.
 *
 * On request it adds the default callbacks itself, unless the user passed one of that class: a
 * {@link ProgressBar} first (so its epoch line is printed before other callbacks report) and a
 * {@link History} last (so it records the logs as the other callbacks left them).
 *
 * @example
 * ```ts
 * const list = new CallbackList({ callbacks: userCallbacks, addHistory: true, verbose: params.verbose, model, params });
 * await list.onTrainBegin();
 * for (let epoch = 0; epoch < params.epochs && !model.stopTraining; epoch++) {
 *   await list.onEpochBegin(epoch);
 *   // ... batches, with onTrainBatchBegin/End ...
 *   await list.onEpochEnd(epoch, { loss, val_loss });
 * }
 * await list.onTrainEnd();
 * return list.history;
 * ```
 */
export class CallbackList extends Callback {
  /** The callbacks called, in order (the added defaults included). */
  readonly callbacks: readonly CallbackHooks[];
  private readonly historyCallback: History | undefined;
  private readonly verbose: 0 | 1 | 2 | undefined;

  /** Validates the options and callbacks (a `LayerwiseError` names any bad one). */
  constructor(options: CallbackListOptions = {}) {
    super();
    checkOptions(OWNER, options, ['callbacks', 'addHistory', 'addProgressBar', 'verbose', 'model', 'params']);
    const { callbacks = [], addHistory = false, model, params } = options;
    this.verbose = options.verbose === undefined ? undefined : checkOneOf(OWNER, 'verbose', options.verbose, [0, 1, 2] as const);
    const addProgressBar = options.addProgressBar ?? (this.verbose !== undefined && this.verbose > 0);
    if (!Array.isArray(callbacks)) {
      throw invalidArgument({ owner: OWNER, argument: 'callbacks', expected: 'an array of callbacks', received: callbacks });
    }
    checkBoolean(OWNER, 'addHistory', addHistory);
    checkBoolean(OWNER, 'addProgressBar', addProgressBar);
    const list = callbacks.map(checkCallback);
    let history = list.find((cb): cb is History => cb instanceof History);
    if (history === undefined && addHistory) {
      history = new History();
      list.push(history);
    }
    if (addProgressBar && !list.some((cb) => cb instanceof ProgressBar)) list.unshift(new ProgressBar());
    this.callbacks = list;
    this.historyCallback = history;
    if (model !== undefined) this.setModel(model);
    if (params !== undefined) this.setParams(params);
  }

  /**
   * The History among the callbacks (the user's or the added one). Throws a `LayerwiseError`
   * when there is none (construct with `addHistory: true`).
   */
  get history(): History {
    if (this.historyCallback === undefined) {
      throw new LayerwiseError(`${OWNER}: \`history\` was read but no History is among the callbacks; construct with \`addHistory: true\` or pass a History`);
    }
    return this.historyCallback;
  }

  /** Gives the model to every callback. */
  override setModel(model: CallbackModel): void {
    super.setModel(model);
    for (const callback of this.callbacks) callback.setModel?.(model);
  }

  /** Gives the run's parameters to every callback. */
  override setParams(params: TrainingParams): void {
    if (this.verbose !== undefined && params.verbose !== this.verbose) {
      throw new LayerwiseError(
        `${OWNER}: \`params.verbose\` must equal the \`verbose\` option. Received: params.verbose=${String(params.verbose)}, verbose=${this.verbose}`,
      );
    }
    super.setParams(params);
    for (const callback of this.callbacks) callback.setParams?.(params);
  }

  override async onTrainBegin(logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTrainBegin?.(logs);
  }

  override async onTrainEnd(logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTrainEnd?.(logs);
  }

  override async onEpochBegin(epoch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onEpochBegin?.(epoch, logs);
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onEpochEnd?.(epoch, logs);
  }

  override async onTrainBatchBegin(batch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTrainBatchBegin?.(batch, logs);
  }

  /** Whether any callback's `onTrainBatchEnd` needs batch `batch`'s logs (see `Callback.wantsBatchLogs`). */
  override wantsBatchLogs(batch: number): boolean {
    return this.callbacks.some((callback) => typeof callback.onTrainBatchEnd === 'function' && (callback.wantsBatchLogs?.(batch) ?? true));
  }

  override async onTrainBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTrainBatchEnd?.(batch, logs);
  }

  override async onTestBegin(logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTestBegin?.(logs);
  }

  override async onTestEnd(logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTestEnd?.(logs);
  }

  override async onTestBatchBegin(batch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTestBatchBegin?.(batch, logs);
  }

  override async onTestBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onTestBatchEnd?.(batch, logs);
  }

  override async onPredictBegin(logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onPredictBegin?.(logs);
  }

  override async onPredictEnd(logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onPredictEnd?.(logs);
  }

  override async onPredictBatchBegin(batch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onPredictBatchBegin?.(batch, logs);
  }

  override async onPredictBatchEnd(batch: number, logs: Logs = {}): Promise<void> {
    for (const callback of this.callbacks) await callback.onPredictBatchEnd?.(batch, logs);
  }
}
