import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, LayerwiseError } from '@layerwise/core';
import type { CallContext, Layer } from '../../engine/layer.js';

/**
 * A call context carrying a Keras mask. How masks travel in Layerwise today: the engine does not
 * propagate them by itself yet, so a mask reaches a layer only through this context. `Masking` and
 * `Embedding({ maskZero: true })` compute one (`computeMask`); the recurrent layers (SimpleRNN,
 * LSTM, GRU, Bidirectional) and the attention layers read it from `context.mask`; `applyWithMasks`
 * threads it through a list of layers the way Keras does.
 */
export interface MaskedCallContext extends CallContext {
  /** Boolean `[batch, timesteps]`: true where a timestep holds data, false where it is padding. */
  readonly mask?: Tensor | undefined;
}

/** A layer that computes (or transforms) the mask of its output. */
export interface MaskProducer {
  /** The mask of the output for input `x` and the incoming mask (a new tensor, or undefined for none). */
  computeMask(x: Tensor, mask?: Tensor): Tensor | undefined;
}

/** Whether a layer implements {@link MaskProducer}. */
export function isMaskProducer(layer: unknown): layer is MaskProducer {
  return typeof (layer as Partial<MaskProducer>).computeMask === 'function';
}

/**
 * Runs `layers` in order, threading the mask as Keras does: each layer receives the current mask in
 * its context; a {@link MaskProducer} then replaces it with `computeMask`, any other layer passes it
 * on unchanged. Returns the last output and its mask (the caller disposes both).
 *
 * @example
 * ```ts
 * const { output } = applyWithMasks([embedding({ inputDim: 100, outputDim: 8, maskZero: true }), lstm({ units: 4 })], ids);
 * ```
 */
export function applyWithMasks(layers: readonly Layer[], x: Tensor, context: MaskedCallContext = { training: false }): { output: Tensor; mask: Tensor | undefined } {
  return tf.tidy(() => {
    let y = x;
    let mask = context.mask;
    for (const layer of layers) {
      const out = layer.apply(y, { ...context, mask } as CallContext);
      if (isMaskProducer(layer)) mask = layer.computeMask(y, mask);
      y = out;
    }
    return { output: y === x ? tf.clone(x) : y, mask: mask === context.mask && mask ? tf.clone(mask) : mask };
  }) as { output: Tensor; mask: Tensor | undefined };
}

/** Checks a mask against a `[batch, timesteps]` input and returns it as a boolean tensor. */
export function asTimeMask(mask: Tensor, batch: number, steps: number, owner: string): Tensor {
  if (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== steps) {
    throw new LayerwiseError(`${owner}: the mask must have shape ${formatShape([batch, steps])}, received ${formatShape(mask.shape)}`);
  }
  return mask.dtype === 'bool' ? mask : tf.cast(mask, 'bool');
}
