import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type InputForm, type LayerArgs } from '../../engine/layer.js';
import { checkMergeInputs, mergeOwner } from './merge.js';

/** Arguments of {@link Dot}. */
export interface DotArgs extends LayerArgs {
  /** The axis to contract, the same in both inputs, or one per input (batch first; negative counts from the end). */
  axes: number | readonly [number, number];
  /** L2-normalise both inputs along the contracted axes first, so that the result is the cosine similarity. Default false. */
  normalize?: boolean;
}

/** L2-normalises along `axis` as Keras does (`x / sqrt(max(sum(x²), 1e-12))`). */
function l2Normalize(x: Tensor, axis: number): Tensor {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-12)));
}

/**
 * The dot product of two inputs along an axis, sample by sample (Keras' `Dot`, a batched matrix
 * product): shapes `(b, ...p, k, ...)` and `(b, ..., k, ...q)` contracted over `k` give the first
 * input's other axes followed by the second's; two vectors give `(b, 1)`.
 *
 * @example
 * ```ts
 * const similarity = dot({ axes: 1, normalize: true }).apply([queryVector, docVector]); // (None, 1)
 * ```
 */
export class Dot extends Layer {
  static override readonly className = 'Dot';
  override readonly supportsMasking = true;
  readonly axes: number | readonly [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const owner = mergeOwner(this);
    const axes = args?.axes;
    const valid = (a: unknown) => typeof a === 'number' && Number.isInteger(a) && a !== 0;
    if (!(valid(axes) || (Array.isArray(axes) && axes.length === 2 && axes.every(valid)))) {
      throw invalidArgument({ owner, argument: 'axes', expected: 'a non-zero integer axis, or two (the batch axis 0 cannot be contracted)', received: axes });
    }
    this.axes = Array.isArray(axes) ? ([axes[0], axes[1]] as const) : (axes as number);
    this.normalize = checkBoolean(owner, 'normalize', args.normalize ?? false);
  }

  override inputForm(): InputForm {
    return 'list';
  }

  /** The contracted axes as non-negative indices for the two shapes, checked to fit and to agree in size. */
  private resolvedAxes(shapes: readonly Shape[]): [number, number] {
    const [s1, s2] = shapes as [Shape, Shape];
    const given = typeof this.axes === 'number' ? [this.axes, this.axes] : this.axes;
    const axes = [s1, s2].map((s, i) => (given[i]! < 0 ? s.length + given[i]! : given[i]!)) as [number, number];
    const detail = `Received shapes ${formatShape(s1)} and ${formatShape(s2)}, axes ${JSON.stringify(this.axes)}`;
    if (axes[0] < 1 || axes[0] >= s1.length || axes[1] < 1 || axes[1] >= s2.length) {
      throw new LayerwiseError(`${mergeOwner(this)}: the axes do not fit the inputs (axis 0 is the batch). ${detail}`);
    }
    const [d1, d2] = [s1[axes[0]], s2[axes[1]]];
    if (d1 !== null && d2 !== null && d1 !== d2) {
      throw new LayerwiseError(`${mergeOwner(this)}: incompatible input shapes: size ${d1} (axis ${axes[0]}) != size ${d2} (axis ${axes[1]}). ${detail}`);
    }
    return axes;
  }

  override build(inputShape: Shape | readonly Shape[]): void {
    this.computeOutputShape(inputShape);
  }

  override computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const shapes = checkMergeInputs(this, inputShape, 2, 2);
    const [a1, a2] = this.resolvedAxes(shapes);
    const rest1 = shapes[0]!.filter((_, i) => i !== a1);
    const rest2 = shapes[1]!.filter((_, i) => i !== a2 && i !== 0);
    const out = [...rest1, ...rest2];
    return out.length === 1 ? [...out, 1] : out;
  }

  /** `M * k * N` per sample: the sizes of the first input's other axes, the contracted axis and the second's other axes. */
  override computeMacs(inputShape: Shape | readonly Shape[]): number {
    const shapes = checkMergeInputs(this, inputShape, 2, 2);
    const [, a2] = this.resolvedAxes(shapes);
    const product = (dims: (number | null)[]) => dims.reduce<number>((n, d) => n * (d ?? NaN), 1);
    return product(shapes[0]!.slice(1)) * product(shapes[1]!.filter((_, i) => i !== 0 && i !== a2));
  }

  /** The product has no mask (the masked axes are reduced), as Keras' Dot. */
  override computeMask(): undefined {
    return undefined;
  }

  override outputMasked(): boolean {
    return false;
  }

  call(inputs: Tensor[]): Tensor {
    const [a1, a2] = this.resolvedAxes(inputs.map((t) => t.shape));
    return tf.tidy(() => {
      let [x1, x2] = inputs as [Tensor, Tensor];
      if (this.normalize) {
        x1 = l2Normalize(x1, a1);
        x2 = l2Normalize(x2, a2);
      }
      const batch = x1.shape[0]!;
      const others1 = x1.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a1);
      const others2 = x2.shape.map((_, i) => i).filter((i) => i !== 0 && i !== a2);
      const k = x1.shape[a1]!;
      const left = tf.reshape(tf.transpose(x1, [0, ...others1, a1]), [batch, -1, k]);
      const right = tf.reshape(tf.transpose(x2, [0, a2, ...others2]), [batch, k, -1]);
      const dims = [...others1.map((i) => x1.shape[i]!), ...others2.map((i) => x2.shape[i]!)];
      return tf.reshape(tf.matMul(left, right), [batch, ...(dims.length === 0 ? [1] : dims)]);
    });
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), axes: typeof this.axes === 'number' ? this.axes : [...this.axes], normalize: this.normalize };
  }
}

/** Creates a {@link Dot} layer. */
export const dot = (args: DotArgs): Dot => new Dot(args);
