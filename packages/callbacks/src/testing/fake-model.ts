import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { CallbackModel, Optimizer } from '@layerwise/core';

/**
 * A stand-in for a model in callback tests: its weights are scalar tensors whose values the test
 * sets (for instance to the epoch number), so that restored weights can be recognised.
 */
export class FakeModel implements CallbackModel {
  stopTraining = false;
  readonly optimizer: Optimizer | undefined;
  /** How many times `setWeights` was called. */
  setWeightsCalls = 0;
  private current: Tensor[];

  constructor(values: readonly number[] = [0, 0], optimizer?: Optimizer) {
    this.current = values.map((v) => tf.scalar(v));
    this.optimizer = optimizer;
  }

  getWeights(): Tensor[] {
    return this.current.map((w) => tf.clone(w));
  }

  setWeights(weights: readonly Tensor[]): void {
    if (weights.length !== this.current.length) {
      throw new Error(`FakeModel.setWeights: expected ${this.current.length} tensors, received ${weights.length}`);
    }
    this.setWeightsCalls += 1;
    tf.dispose(this.current);
    this.current = weights.map((w) => tf.clone(w));
  }

  /** Replaces every weight with a scalar of the given value. */
  fill(value: number): void {
    const count = this.current.length;
    tf.dispose(this.current);
    this.current = Array.from({ length: count }, () => tf.scalar(value));
  }

  /** The weights' current values. */
  values(): number[] {
    return this.current.map((w) => w.dataSync()[0] as number);
  }

  dispose(): void {
    tf.dispose(this.current);
    this.current = [];
  }
}
