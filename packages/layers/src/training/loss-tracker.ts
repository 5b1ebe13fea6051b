import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor } from '@tensorflow/tfjs-core';

/**
 * The running mean of batch losses over an epoch, weighted by batch size, kept on the device:
 * what Keras reports as `loss`.
 */
export class LossTracker {
  private total: Tensor | undefined;
  private count = 0;

  /** Adds a batch's mean loss (the tensor stays the caller's). */
  update(loss: Scalar, batchSize: number): void {
    const weighted = tf.tidy(() => tf.mul(loss, batchSize));
    if (this.total) {
      const next = tf.add(this.total, weighted);
      this.total.dispose();
      weighted.dispose();
      this.total = next;
    } else {
      this.total = weighted;
    }
    this.count += batchSize;
  }

  /** The mean so far (a new scalar; 0 before any update). */
  result(): Tensor {
    return this.total ? tf.div(this.total, this.count) : tf.scalar(0);
  }

  reset(): void {
    this.total?.dispose();
    this.total = undefined;
    this.count = 0;
  }
}
