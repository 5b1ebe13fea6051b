import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BatchSource } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import type { CallContext } from '../engine/layer.js';
import { toBatchStream, disposeBatch } from './data.js';

/** Options of `model.predict`. */
export interface PredictOptions {
  /** Samples per batch when x is a tensor. Default 32. */
  batchSize?: number;
}

/** What predict needs of a model. */
export interface PredictModel {
  readonly name: string;
  call(x: Tensor, context: CallContext): Tensor;
}

/** The loop behind `model.predict`: outputs of every batch, concatenated along the batch axis. */
export async function predictModel(model: PredictModel, x: Tensor | BatchSource, options: PredictOptions = {}): Promise<Tensor> {
  const owner = `Model "${model.name}": predict`;
  const stream = toBatchStream(x, undefined, { batchSize: options.batchSize ?? 32, shuffle: false, owner });
  const outputs: Tensor[] = [];
  try {
    for await (const batch of stream.pass()) {
      try {
        outputs.push(model.call(batch.x, { training: false }));
      } finally {
        disposeBatch(batch);
      }
    }
    if (outputs.length === 0) throw new LayerwiseError(`${owner}: the data yielded no batches`);
    return outputs.length === 1 ? outputs.pop()! : tf.concat(outputs, 0);
  } finally {
    tf.dispose(outputs);
  }
}
