import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BaseSettings } from './base-options.js';

/**
 * Keras' `_clip_by_norm`: `g * clipnorm / max(||g||, clipnorm)`, so a gradient whose L2 norm is
 * above `clipnorm` is scaled down to it and any other is unchanged.
 */
export function clipByNorm(gradient: Tensor, clipnorm: number): Tensor {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.sum(tf.square(gradient)));
    return tf.div(tf.mul(gradient, clipnorm), tf.maximum(norm, clipnorm));
  });
}

/**
 * Keras' `clip_by_global_norm`: every gradient times `clipnorm * min(1 / n, 1 / clipnorm)`, `n` the
 * L2 norm of all gradients together; a non-finite `n` makes the scale NaN, as in Keras.
 */
export function clipByGlobalNorm(gradients: readonly Tensor[], clipnorm: number): Tensor[] {
  return tf.tidy(() => {
    const norm = tf.sqrt(tf.addN(gradients.map((g) => tf.sum(tf.square(g)))));
    const scaleForFinite = tf.mul(clipnorm, tf.minimum(tf.div(1, norm), 1 / clipnorm));
    const scale = tf.add(scaleForFinite, tf.sub(norm, norm));
    return gradients.map((g) => tf.mul(g, scale));
  });
}

/**
 * Clips gradients as Keras' `_clip_gradients` does, by whichever of `clipnorm` (each gradient),
 * `globalClipnorm` (all together) or `clipvalue` (each element to `[-clipvalue, clipvalue]`) is
 * set. With none set, returns `gradients` themselves.
 */
export function clipGradients(gradients: readonly Tensor[], settings: Pick<BaseSettings, 'clipnorm' | 'clipvalue' | 'globalClipnorm'>): Tensor[] {
  const { clipnorm, clipvalue, globalClipnorm } = settings;
  if (clipnorm !== null) return gradients.map((g) => clipByNorm(g, clipnorm));
  if (globalClipnorm !== null) return clipByGlobalNorm(gradients, globalClipnorm);
  if (clipvalue !== null) return gradients.map((g) => tf.clipByValue(g, -clipvalue, clipvalue));
  return [...gradients];
}
