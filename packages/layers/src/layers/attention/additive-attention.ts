import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict } from '@layerwise/core';
import { glorotUniform } from '../../initializers/index.js';
import { Attention, type AttentionArgs } from './attention.js';

/** Arguments of {@link AdditiveAttention}, with Keras' defaults. */
export interface AdditiveAttentionArgs extends Omit<AttentionArgs, 'scoreMode'> {
  /** Learn a `scale` vector `[dim]` weighting the summed features. Default true. */
  useScale?: boolean;
}

/**
 * Additive (Bahdanau-style) attention (Keras' AdditiveAttention): scores
 * `sum(scale * tanh(query_i + key_j))` over the features, softmax over the key steps, weighted sum of
 * the values. Inputs, masks and `applyWithScores` as {@link Attention}. Weight: `scale` `[dim]` (with `useScale`).
 */
export class AdditiveAttention extends Attention {
  static override readonly className: string = 'AdditiveAttention';

  constructor(args: AdditiveAttentionArgs = {}) {
    super({ ...args, scoreMode: 'dot' });
  }

  protected override defaultUseScale(): boolean {
    return true;
  }

  protected override buildScores(dim: number): void {
    if (this.useScale) this.scale = this.addWeight({ name: 'scale', shape: [dim], initializer: glorotUniform() });
  }

  protected override scores(query: Tensor, key: Tensor): Tensor {
    let t = tf.tanh(tf.add(tf.expandDims(query, 2), tf.expandDims(key, 1)));
    if (this.scale) t = tf.mul(t, this.scale);
    return tf.sum(t, -1);
  }

  override getConfig(): ConfigDict {
    const { score_mode: _ignored, ...config } = super.getConfig();
    return config;
  }
}

/** Creates an {@link AdditiveAttention} layer. */
export const additiveAttention = (args: AdditiveAttentionArgs = {}): AdditiveAttention => new AdditiveAttention(args);
