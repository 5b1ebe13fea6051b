import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BatchSource, BatchTensors } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import type { CallContext } from '../engine/layer.js';
import { limitSteps } from './steps.js';
import { toBatchStream, disposeBatch, type ModelBatch, type DataSource } from './data.js';

/** Options of `model.predict`. */
export interface PredictOptions {
  /** Samples per batch when x is a tensor (or tensors). Default 32. */
  batchSize?: number;
  /**
   * Predict for the first `steps` batches only (Keras' `steps`). Default: every batch of one pass;
   * required for a dataset that repeats forever.
   */
  steps?: number;
}

/** What predict needs of a model. */
export interface PredictModel {
  readonly name: string;
  /** The outputs for a batch's inputs, one per output. */
  forward(x: BatchTensors, context: CallContext): Tensor[];
}

/**
 * The loop behind `model.predict`: the outputs of every batch, concatenated along the batch axis,
 * one tensor per model output.
 */
export async function predictModel(model: PredictModel, x: BatchTensors | DataSource, options: PredictOptions = {}): Promise<Tensor[]> {
  const owner = `Model "${model.name}": predict`;
  const stream = limitSteps(owner, toBatchStream(x, undefined, { batchSize: options.batchSize ?? 32, shuffle: false, owner }), options.steps);
  const batches: Tensor[][] = [];
  try {
    for await (const batch of stream.pass()) {
      try {
        batches.push(model.forward(batch.x, { training: false }));
      } finally {
        disposeBatch(batch);
      }
    }
    if (batches.length === 0) throw new LayerwiseError(`${owner}: the data yielded no batches`);
    if (batches.length === 1) return batches.pop()!;
    return batches[0]!.map((_, i) => tf.concat(batches.map((outputs) => outputs[i]!), 0));
  } finally {
    tf.dispose(batches);
  }
}
