import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, isBatchSource, LayerwiseError, SeededRandom, type Batch, type BatchSource } from '@layerwise/core';

/**
 * Batches from somewhere, for one pass (an epoch, an evaluation). Every kind of input `fit`,
 * `evaluate` and `predict` accept is normalised to this; the loop disposes each batch's tensors
 * once it is done with them.
 */
export interface BatchStream {
  /** One pass over the data. */
  pass(): AsyncIterable<Batch>;
  /** Batches per pass, when known. */
  readonly steps: number | undefined;
  /** Samples per pass, when known. */
  readonly samples: number | undefined;
  readonly batchSize: number | undefined;
}

/** Options of {@link tensorBatches}. */
export interface TensorBatchOptions {
  batchSize: number;
  /** Shuffle the order anew at every pass. */
  shuffle: boolean;
  /** Seeds the shuffling. */
  seed?: number;
  /** One weight per sample, batched alongside. */
  sampleWeight?: Tensor;
  owner: string;
}

/** Batches sliced from `x` (and `y`, and the sample weights), reshuffled at every pass when asked. */
export function tensorBatches(x: Tensor, y: Tensor | undefined, options: TensorBatchOptions): BatchStream {
  const { owner } = options;
  const batchSize = checkInteger(owner, 'batchSize', options.batchSize);
  const n = x.shape[0];
  if (x.rank === 0 || n === undefined) throw new LayerwiseError(`${owner}: x must have a batch axis, received shape ${formatShape(x.shape)}`);
  if (n === 0) throw new LayerwiseError(`${owner}: x has no samples (shape ${formatShape(x.shape)})`);
  if (y && y.shape[0] !== n) {
    throw new LayerwiseError(
      `${owner}: x and y must have the same number of samples, received x with shape ${formatShape(x.shape)} and y with shape ${formatShape(y.shape)}`,
    );
  }
  const weights = options.sampleWeight;
  if (weights && (weights.rank !== 1 || weights.shape[0] !== n)) {
    throw new LayerwiseError(
      `${owner}: sampleWeight must have one weight per sample, shape (${n},); received shape ${formatShape(weights.shape)}`,
    );
  }
  const random = new SeededRandom(options.seed);
  const steps = Math.ceil(n / batchSize);
  return {
    steps,
    samples: n,
    batchSize,
    async *pass() {
      const order = options.shuffle ? random.permutation(n) : undefined;
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const indices = order ? tf.tensor1d(order.subarray(start, start + size), 'int32') : undefined;
        const take = (t: Tensor) => (indices ? tf.gather(t, indices) : tf.slice(t, start, size));
        const batch: Batch = { x: take(x), ...(y ? { y: take(y) } : {}), ...(weights ? { sampleWeight: take(weights) } : {}) };
        indices?.dispose();
        yield batch;
      }
    },
  };
}

/**
 * Batches from a user's source: any iterable or async iterable (a dataset, a generator). Each
 * pass iterates it anew; a one-shot generator therefore serves one pass only.
 */
export function sourceBatches(source: BatchSource): BatchStream {
  return {
    steps: undefined,
    samples: undefined,
    batchSize: undefined,
    async *pass() {
      yield* source as AsyncIterable<Batch>;
    },
  };
}

/** Options shared by the normalisation of fit, evaluate and predict inputs. */
export interface ToStreamOptions {
  batchSize?: number;
  shuffle?: boolean;
  seed?: number;
  sampleWeight?: Tensor;
  owner: string;
}

/** Normalises `(x, y)` tensors or a batch source into a {@link BatchStream}. */
export function toBatchStream(xOrData: Tensor | BatchSource, y: Tensor | undefined, options: ToStreamOptions): BatchStream {
  if (xOrData instanceof tf.Tensor) {
    return tensorBatches(xOrData, y, {
      batchSize: options.batchSize ?? 32,
      shuffle: options.shuffle ?? false,
      owner: options.owner,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.sampleWeight ? { sampleWeight: options.sampleWeight } : {}),
    });
  }
  if (options.sampleWeight) {
    throw new LayerwiseError(`${options.owner}: sampleWeight applies to tensor inputs; a source of batches gives each batch's sampleWeight itself`);
  }
  if (isBatchSource(xOrData)) return sourceBatches(xOrData);
  throw new LayerwiseError(
    `${options.owner}: expected a tensor or an iterable of batches ({x, y}), received ${Object.prototype.toString.call(xOrData)}`,
  );
}

/** Disposes a batch's tensors once the loop is done with them. */
export function disposeBatch(batch: Batch): void {
  batch.x.dispose();
  batch.y?.dispose();
  batch.sampleWeight?.dispose();
}
