import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { LayerwiseError, formatShape } from '@layerwise/core';

/**
 * A metric's named accumulators, kept on the device as variables: created as zeros (of the
 * shapes of the first increments) on the first {@link add}, zeroed by {@link reset}, freed by
 * {@link dispose}. Nothing is read back.
 */
export class MetricState<K extends string> {
  private vars: Record<K, Variable> | undefined;

  /** `owner` names the metric in errors. */
  constructor(private readonly owner: string) {}

  /** The accumulators, or `undefined` before the first {@link add} (and after {@link dispose}). */
  get current(): Readonly<Record<K, Variable>> | undefined {
    return this.vars;
  }

  /**
   * Adds each increment to its accumulator (creating them on first use). Throws a
   * `LayerwiseError` when an increment's shape differs from its accumulator's (a batch with
   * another number of classes, say). The increments are not disposed.
   */
  add(increments: Readonly<Record<K, Tensor>>): void {
    const keys = Object.keys(increments) as K[];
    if (this.vars === undefined) {
      const created = {} as Record<K, Variable>;
      for (const k of keys) created[k] = tf.variable(tf.zerosLike(increments[k]), false);
      this.vars = created;
    }
    const vars = this.vars;
    for (const k of keys) {
      if (!tf.util.arraysEqual(vars[k].shape, increments[k].shape)) {
        throw new LayerwiseError(
          `${this.owner}: this batch gives \`${k}\` of shape ${formatShape(increments[k].shape)} where earlier batches ` +
            `gave ${formatShape(vars[k].shape)}; reset() the metric before feeding data of another shape`,
        );
      }
    }
    tf.tidy(() => {
      for (const k of keys) vars[k].assign(tf.add(vars[k], increments[k]));
    });
  }

  /** Zeroes every accumulator (they stay allocated). */
  reset(): void {
    const vars = this.vars;
    if (vars === undefined) return;
    tf.tidy(() => {
      for (const v of Object.values<Variable>(vars)) v.assign(tf.zerosLike(v));
    });
  }

  /** Frees the accumulators; a later {@link add} creates them again. */
  dispose(): void {
    if (this.vars === undefined) return;
    for (const v of Object.values<Variable>(this.vars)) v.dispose();
    this.vars = undefined;
  }
}
