import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import type { ResolvedGeneratorOptions } from './options.js';

/** Keras' small constant added to standard deviations before dividing. */
const EPSILON = 1e-6;

/** Per-channel statistics of a dataset, from {@link ImageDataGenerator.fit}. */
export interface FeaturewiseStats {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

const channels = (values: readonly number[]) => tf.tensor4d([...values], [1, 1, 1, values.length]);

/**
 * Keras' `standardize` on a batch: `rescale`, then each image's own centring and scaling, then the
 * dataset's (`stats`, required when the featurewise options are on). Returns a new tensor.
 */
export function standardize(images: Tensor4D, o: ResolvedGeneratorOptions, stats: FeaturewiseStats | undefined): Tensor4D {
  return tf.tidy(() => {
    let x: Tensor4D = tf.cast(images, 'float32');
    if (o.rescale !== undefined) x = tf.mul(x, o.rescale);
    if (o.samplewiseCenter) x = tf.sub(x, tf.mean(x, [1, 2, 3], true));
    if (o.samplewiseStdNormalization) {
      const { variance } = tf.moments(x, [1, 2, 3], true);
      x = tf.div(x, tf.add(tf.sqrt(variance), EPSILON));
    }
    if (o.featurewiseCenter && stats) x = tf.sub(x, channels(stats.mean));
    if (o.featurewiseStdNormalization && stats) x = tf.div(x, tf.add(channels(stats.std), EPSILON));
    return tf.clone(x);
  });
}

/** The per-channel mean and standard deviation of `images` after `rescale`, as Keras' `fit` computes them. */
export function featurewiseStats(images: Tensor4D, rescale: number | undefined): FeaturewiseStats {
  const [mean, variance] = tf.tidy(() => {
    const x = rescale === undefined ? tf.cast(images, 'float32') : tf.mul(tf.cast(images, 'float32'), rescale);
    const m = tf.moments(x, [0, 1, 2]);
    return [m.mean, m.variance];
  });
  const out = { mean: Array.from(mean.dataSync()), std: Array.from(variance.dataSync(), Math.sqrt) };
  tf.dispose([mean, variance]);
  return out;
}
