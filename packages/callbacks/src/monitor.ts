import { invalidArgument } from '@layerwise/core';
import type { Logs } from '@layerwise/core';
import { checkOneOf } from './options.js';

/** How a monitored value should move: `'min'`, `'max'`, or `'auto'` (inferred from its name). */
export type MonitorMode = 'auto' | 'min' | 'max';

/** The direction a monitored value improves in, once `'auto'` is resolved. */
export type MonitorDirection = 'min' | 'max';

const MODES: readonly MonitorMode[] = ['auto', 'min', 'max'];

/** Name parts (split on `_`) of metrics that improve upwards besides accuracies and AUCs. */
const MAXIMIZED_PARTS: ReadonlySet<string> = new Set(['precision', 'recall', 'f1', 'fbeta', 'iou', 'r2', 'prc']);

/**
 * The direction `monitor` improves in under `mode`. `'auto'` looks at the name without its `val_`
 * prefix: `loss` goes down; names containing `acc` or `auc` (accuracy, AUC) and the usual
 * upward metrics (precision, recall, f1/fbeta scores, IoU, R², PRC) go up; anything else goes down.
 */
export function resolveDirection(monitor: string, mode: MonitorMode): MonitorDirection {
  if (mode !== 'auto') return mode;
  const name = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  if (name === 'loss') return 'min';
  if (name.includes('acc') || name.includes('auc')) return 'max';
  return name.split('_').some((part) => MAXIMIZED_PARTS.has(part)) ? 'max' : 'min';
}

/** What {@link Monitor} watches. */
export interface MonitorOptions {
  /** The log name to watch (`'val_loss'`). */
  readonly monitor: string;
  /** Which way it should move; `'auto'` infers it from the name (see {@link resolveDirection}). */
  readonly mode: MonitorMode;
  /** The smallest change that counts as an improvement; its sign is ignored, as in Keras. */
  readonly minDelta: number;
}

/**
 * The monitor/mode/minDelta logic of Keras' `MonitorCallback`, shared by the callbacks that watch
 * one log value (EarlyStopping, and later ModelCheckpoint and ReduceLROnPlateau).
 */
export class Monitor {
  /** The log name watched. */
  readonly monitor: string;
  /** The mode asked for. */
  readonly mode: MonitorMode;
  /** The direction in which the value improves. */
  readonly direction: MonitorDirection;
  /** The smallest change that counts as an improvement (non-negative). */
  readonly minDelta: number;

  /** Validates the options; errors name `owner` (the callback's class). */
  constructor(owner: string, options: MonitorOptions) {
    if (typeof options.monitor !== 'string' || options.monitor === '') {
      throw invalidArgument({ owner, argument: 'monitor', expected: 'a non-empty log name such as "val_loss"', received: options.monitor });
    }
    const { minDelta } = options;
    if (typeof minDelta !== 'number' || !Number.isFinite(minDelta)) {
      throw invalidArgument({ owner, argument: 'minDelta', expected: 'a finite number', received: minDelta });
    }
    this.monitor = options.monitor;
    this.mode = checkOneOf(owner, 'mode', options.mode, MODES);
    this.direction = resolveDirection(this.monitor, this.mode);
    this.minDelta = Math.abs(minDelta);
  }

  /**
   * Whether `value` improves on `reference` by more than `minDelta` (strictly, so ties are no
   * improvement; NaN never improves on anything). With no reference yet, any value is one.
   */
  isImprovement(value: number, reference: number | undefined): boolean {
    if (reference === undefined) return true;
    return this.direction === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  /** The monitored value in `logs`, or `undefined` when it is missing (NaN counts as present). */
  read(logs: Logs | undefined): number | undefined {
    const value = logs?.[this.monitor];
    return value === undefined || value === null ? undefined : value;
  }

  /**
   * The Keras warning for a missing monitored value: "`<action>` conditioned on metric `m` which
   * is not available. Available metrics are: a,b".
   */
  missingMessage(action: string, logs: Logs | undefined): string {
    return (
      `${action} conditioned on metric \`${this.monitor}\` which is not available. ` +
      `Available metrics are: ${Object.keys(logs ?? {}).join(',')}`
    );
  }
}
