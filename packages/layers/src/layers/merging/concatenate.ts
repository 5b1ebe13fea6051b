import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type InputForm, type LayerArgs } from '../../engine/layer.js';
import { asBoolean, combineMasks, maskList, type Mask, type Masks } from '../../engine/mask.js';
import { checkMergeInputs, mergeOwner } from './merge.js';

/** Arguments of {@link Concatenate}. */
export interface ConcatenateArgs extends LayerArgs {
  /** The axis to join along (batch first, so 1 is the first sample axis; negative counts from the end). Default -1. */
  axis?: number;
}

/**
 * Joins its inputs along one axis (Keras' `Concatenate`): every other axis must match.
 *
 * @example
 * ```ts
 * const joined = concatenate().apply([input({ shape: [4] }), input({ shape: [6] })]); // (None, 10)
 * ```
 */
export class Concatenate extends Layer {
  static override readonly className = 'Concatenate';
  override readonly supportsMasking = true;
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) checkInteger(mergeOwner(this), 'axis', axis);
    if (axis === 0) throw new LayerwiseError(`${mergeOwner(this)}: received an invalid value for \`axis\`, expected an axis other than the batch axis 0. Received: axis=0`);
    this.axis = axis;
  }

  override inputForm(): InputForm {
    return 'list';
  }

  /** The axis as a non-negative index for inputs of `rank`. */
  private resolvedAxis(rank: number, shapes: readonly Shape[]): number {
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis < 1 || axis >= rank) {
      throw new LayerwiseError(`${mergeOwner(this)}: axis ${this.axis} does not fit inputs of shapes ${shapes.map(formatShape).join(', ')}`);
    }
    return axis;
  }

  override build(inputShape: Shape | readonly Shape[]): void {
    this.computeOutputShape(inputShape);
  }

  override computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const shapes = checkMergeInputs(this, inputShape, 1);
    const rank = shapes[0]!.length;
    const axis = this.resolvedAxis(rank, shapes);
    const fits = shapes.every((s) => s.length === rank && s.every((d, i) => i === axis || d === null || shapes[0]![i] === null || d === shapes[0]![i]));
    if (!fits) {
      throw new LayerwiseError(
        `${mergeOwner(this)}: inputs must match in every axis but the concatenation axis (${this.axis}); received shapes ${shapes.map(formatShape).join(', ')}`,
      );
    }
    const out = shapes[0]!.map((_, i) => shapes.map((s) => s[i]).find((d) => d !== null) ?? null);
    const sizes = shapes.map((s) => s[axis]);
    out[axis] = sizes.some((d) => d === null) ? null : (sizes as number[]).reduce((a, b) => a + b, 0);
    return out;
  }

  call(inputs: Tensor[]): Tensor {
    const axis = this.resolvedAxis(inputs[0]!.rank, inputs.map((t) => t.shape));
    return inputs.length === 1 ? tf.clone(inputs[0]!) : tf.concat(inputs, axis);
  }

  /**
   * The inputs' masks joined as Keras does: along the time axis (joining sequences) the masks are
   * concatenated, an input without one counting as all true; along a feature axis they are combined
   * (true where all are).
   */
  override computeMask(inputs: Tensor | Tensor[], mask?: Masks): Mask {
    const masks = maskList(mask);
    if (!masks.some((m) => m !== undefined)) return undefined;
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const axis = this.resolvedAxis(list[0]!.rank, list.map((t) => t.shape));
    const maskRank = masks.find((m) => m !== undefined)!.rank;
    if (axis >= maskRank) return combineMasks(masks);
    return tf.tidy(() => tf.concat(list.map((t, i) => (masks[i] ? asBoolean(masks[i]!) : tf.ones(t.shape.slice(0, maskRank), 'bool'))), axis));
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}

/** Creates a {@link Concatenate} layer. */
export const concatenate = (args: ConcatenateArgs = {}): Concatenate => new Concatenate(args);
