import type { Logs } from '@layerwise/core';
import { formatBar, formatCount, formatEta, formatLogValue, formatStepTime } from './format.js';

/** How a {@link Progbar} draws. */
export interface ProgbarOptions {
  /** Total steps, or `undefined` when unknown (shown as `12/Unknown`). */
  target: number | undefined;
  /** 0 silent, 1 a bar per step, 2 one line when finalized. */
  verbose: 0 | 1 | 2;
  /** Receives the text to print. */
  write: (text: string) => void;
  /** True on a terminal: the bar is redrawn in place with `\r`; otherwise only final lines are printed. */
  dynamic: boolean;
}

/** Characters between the bar's brackets (Keras 2's width). */
const BAR_WIDTH = 30;
/** Minimum seconds between two redraws of a bar, as Keras' `interval`. */
const REDRAW_INTERVAL = 0.05;
const UNIT_NAME = 'step';

function seconds(): number {
  return Date.now() / 1000;
}

/**
 * One progress bar (Keras' `keras.utils.Progbar`, drawn in the Keras 2 style
 * `123/469 [=====>......] - ETA: 12s - loss: 0.3412`). Values are shown as given: the training
 * loop reports running values (the epoch's mean so far), so nothing is averaged again here.
 */
export class Progbar {
  /** Total steps, or `undefined` when unknown. */
  target: number | undefined;
  private readonly verbose: 0 | 1 | 2;
  private readonly write: (text: string) => void;
  private readonly dynamic: boolean;
  private readonly values = new Map<string, number>();
  private readonly start = seconds();
  private lastUpdate: number | undefined;
  private timeAfterFirstStep: number | undefined;
  private previousWidth = 0;

  constructor(options: ProgbarOptions) {
    this.target = options.target;
    this.verbose = options.verbose;
    this.write = options.write;
    this.dynamic = options.dynamic;
  }

  /**
   * Records `logs` and redraws for step `current` (counting from 1). `finalize` draws the final
   * line (elapsed time and time per step instead of the ETA) and ends it with a newline.
   */
  /** Whether an update now would redraw the bar (verbose 1 on a terminal, the redraw interval passed). */
  wouldRedraw(): boolean {
    return this.verbose === 1 && this.dynamic && (this.lastUpdate === undefined || seconds() - this.lastUpdate >= REDRAW_INTERVAL);
  }

  update(current: number, logs: Logs | undefined, finalize: boolean): void {
    for (const [name, value] of Object.entries(logs ?? {})) this.values.set(name, value);
    const now = seconds();
    const timePerStep = this.estimateStepDuration(current, now);
    if (this.verbose === 1) {
      if (!finalize && this.lastUpdate !== undefined && now - this.lastUpdate < REDRAW_INTERVAL) return;
      if (this.dynamic) {
        const line = this.barLine(current, now, timePerStep, finalize);
        const padding = ' '.repeat(Math.max(0, this.previousWidth - line.length));
        this.write(`\r${line}${padding}${finalize ? '\n' : ''}`);
        this.previousWidth = line.length;
      } else if (finalize) {
        this.write(`${this.barLine(current, now, timePerStep, true)}\n`);
      }
    } else if (this.verbose === 2 && finalize && this.target !== undefined && this.target > 0) {
      const elapsed = `${(now - this.start).toFixed(0)}s`;
      this.write(`${formatCount(current, this.target)} - ${elapsed} -${formatStepTime(timePerStep, UNIT_NAME)}${this.valuesText()}\n`);
    }
    this.lastUpdate = now;
  }

  private barLine(current: number, now: number, timePerStep: number, finalize: boolean): string {
    const target = this.target;
    const known = target !== undefined && target > 0;
    const bar = known
      ? `${formatCount(current, target)} ${formatBar(current, target, BAR_WIDTH)}`
      : `${String(current).padStart(7, ' ')}/Unknown`;
    const timing =
      known && !finalize
        ? ` - ETA: ${formatEta(Math.max(0, timePerStep * (target - current)))}`
        : ` - ${(now - this.start).toFixed(0)}s${formatStepTime(timePerStep, UNIT_NAME)}`;
    return bar + timing + this.valuesText();
  }

  private valuesText(): string {
    let text = '';
    for (const [name, value] of this.values) text += ` - ${name}: ${formatLogValue(value)}`;
    return text;
  }

  /**
   * Seconds per step. As Keras, the first step (often slow: compilation, warm-up) is left out
   * of the estimate once later steps are available.
   */
  private estimateStepDuration(current: number, now: number): number {
    if (!current) return 0;
    const timePerStep =
      this.timeAfterFirstStep !== undefined && current > 1
        ? (now - this.timeAfterFirstStep) / (current - 1)
        : (now - this.start) / current;
    if (current === 1) this.timeAfterFirstStep = now;
    return timePerStep;
  }
}
