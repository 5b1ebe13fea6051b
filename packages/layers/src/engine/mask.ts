import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError } from '@layerwise/core';

// Keras masks: which timesteps of a padded sequence hold data. `Masking` and
// `Embedding({ maskZero: true })` make them; models carry them from layer to layer.

/**
 * A Keras mask: a boolean tensor with the shape of its tensor without the feature axis (`[batch,
 * timesteps]` for a sequence), true where a step holds data and false where it is padding; or
 * `undefined` for no mask.
 */
export type Mask = Tensor | undefined;

/** The masks of a layer's inputs or outputs: one, or a list in the order of a list of tensors. */
export type Masks = Mask | readonly Mask[];

/** The masks as a list (one input or output gives a list of one). */
export function maskList(masks: Masks | undefined): readonly Mask[] {
  return Array.isArray(masks) ? masks : [masks as Mask];
}

/** Whether any of the masks is given. */
export function hasMask(masks: Masks | undefined): boolean {
  return maskList(masks).some((m) => m !== undefined);
}

/** Whether any of the flags says "masked" (one flag, or one per input). */
export function anyMasked(masked: boolean | readonly boolean[]): boolean {
  return typeof masked === 'boolean' ? masked : masked.some(Boolean);
}

function describe(masks: Masks | undefined): string {
  return maskList(masks)
    .map((m) => (m === undefined ? 'none' : formatShape(m.shape)))
    .join(', ');
}

/**
 * The error Keras raises when a mask reaches a layer that cannot take one (Flatten, Conv1D, ...),
 * naming the layer and what it received (`masks`, or the masked inputs when defining a model).
 */
export function maskNotSupported(owner: string, received: string): LayerwiseError {
  return new LayerwiseError(
    `${owner}: does not support masking, but received a mask (${received}). Masks come from Masking or ` +
      `Embedding({ maskZero: true }) upstream; end them first with a layer that consumes them (a recurrent ` +
      `layer without returnSequences, GlobalAveragePooling1D, GlobalMaxPooling1D)`,
  );
}

/** Throws {@link maskNotSupported} when a mask is given to a layer that does not support masking. */
export function assertMaskSupported(owner: string, supportsMasking: boolean, masks: Masks | undefined): void {
  if (!supportsMasking && hasMask(masks)) throw maskNotSupported(owner, `mask of shape ${describe(masks)}`);
}

/** The masks of several inputs combined as Keras' merge layers do: true where every given mask is true. */
export function combineMasks(masks: readonly Mask[]): Mask {
  const given = masks.filter((m): m is Tensor => m !== undefined);
  if (given.length <= 1) return given[0];
  return tf.tidy(() => given.map(asBoolean).reduce((a, b) => tf.logicalAnd(a, b)));
}

/** A mask as a boolean tensor (0/1 masks are accepted). */
export function asBoolean(mask: Tensor): Tensor {
  return mask.dtype === 'bool' ? mask : tf.cast(mask, 'bool');
}

/**
 * Checks a mask against the leading axes of a tensor of shape `shape` (`[batch, timesteps]` for a
 * sequence); `owner` names the layer and `name` the mask in the error.
 */
export function checkMask(mask: Tensor, shape: readonly number[], owner: string, name = 'mask'): void {
  if (mask.rank < 1 || mask.rank >= shape.length || mask.shape.some((d, i) => d !== shape[i])) {
    throw new LayerwiseError(`${owner}: the ${name} must have the shape of the input without its feature axis, ${formatShape(shape.slice(0, -1))}, received ${formatShape(mask.shape)}`);
  }
}

/**
 * Masks returned to a caller who disposes them: any mask that is one of `inputs` (a layer passing
 * its mask through) or repeated is cloned, so each returned tensor can be disposed on its own.
 */
export function ownedMasks<M extends Masks>(masks: M, inputs: Masks | undefined): M {
  const seen = new Set<Tensor>(maskList(inputs).filter((m): m is Tensor => m !== undefined));
  const own = (m: Mask): Mask => {
    if (m === undefined) return m;
    if (seen.has(m)) return tf.clone(m);
    seen.add(m);
    return m;
  };
  return (Array.isArray(masks) ? masks.map(own) : own(masks as Mask)) as M;
}
