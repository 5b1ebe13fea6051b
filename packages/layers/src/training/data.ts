import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, disposeAll, formatShape, isBatchSource, LayerwiseError, SeededRandom, type Batch, type BatchSource, type BatchTensors } from '@layerwise/core';
import { isTensorStructure, labelledTensors, mapTensors } from './structure.js';
import { declaredSize, isOneShot } from './source-kind.js';
import { isTfjsDataset, tfjsDatasetBatches, type TfjsDataset } from './tfjs-data.js';

/** A batch for a model with any number of inputs and outputs. */
export type ModelBatch = Batch<BatchTensors, BatchTensors>;

/** A source of batches fit, evaluate and predict take: any (async) iterable of batches, or a tfjs-data Dataset. */
export type DataSource = BatchSource<ModelBatch> | TfjsDataset;

/**
 * Batches from somewhere, for one pass (an epoch, an evaluation). Every kind of input `fit`,
 * `evaluate` and `predict` accept is normalised to this; the loop disposes each batch's tensors
 * once it is done with them.
 */
export interface BatchStream {
  /**
   * One pass over the data. With `epoch`, a shuffled source orders the pass by the seed and the
   * epoch alone, so a run resumed at some epoch sees the same batches as an uninterrupted one.
   */
  pass(epoch?: number): AsyncIterable<ModelBatch>;
  /** Batches per pass, when known (`Infinity` for a dataset that repeats forever). */
  readonly steps: number | undefined;
  /**
   * Whether a second pass starts over (`'many'`: tensors, arrays, datasets) or continues the same
   * iterator (`'one'`: a generator object or any iterator that is its own iterable).
   */
  readonly passes: 'one' | 'many';
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

/** The number of samples of inputs and targets, checked to be the same for every tensor. */
function sampleCount(owner: string, x: BatchTensors, y: BatchTensors | undefined): number {
  const single = x instanceof tf.Tensor && (y === undefined || y instanceof tf.Tensor);
  const all = [...labelledTensors(x, 'x'), ...(y ? labelledTensors(y, 'y') : [])];
  const [firstLabel, first] = all[0]!;
  const n = first.shape[0];
  if (first.rank === 0 || n === undefined) throw new LayerwiseError(`${owner}: ${firstLabel} must have a batch axis, received shape ${formatShape(first.shape)}`);
  if (n === 0) throw new LayerwiseError(`${owner}: ${firstLabel} has no samples (shape ${formatShape(first.shape)})`);
  for (const [label, t] of all.slice(1)) {
    if (t.shape[0] !== n) {
      const subject = single ? 'x and y' : 'every input and target';
      throw new LayerwiseError(
        `${owner}: ${subject} must have the same number of samples, received ${firstLabel} with shape ${formatShape(first.shape)} and ${label} with shape ${formatShape(t.shape)}`,
      );
    }
  }
  return n;
}

/** Batches sliced from `x` (and `y`, and the sample weights), reshuffled at every pass when asked. */
export function tensorBatches(x: BatchTensors, y: BatchTensors | undefined, options: TensorBatchOptions): BatchStream {
  const { owner } = options;
  const batchSize = checkInteger(owner, 'batchSize', options.batchSize);
  const n = sampleCount(owner, x, y);
  const weights = options.sampleWeight;
  if (weights && (weights.rank !== 1 || weights.shape[0] !== n)) {
    throw new LayerwiseError(
      `${owner}: sampleWeight must have one weight per sample, shape (${n},); received shape ${formatShape(weights.shape)}`,
    );
  }
  const random = new SeededRandom(options.seed);
  // Each epoch's order comes from the base seed and the epoch number only (not from the passes
  // before it), so that resuming at an epoch reproduces the uninterrupted run's batches.
  const baseSeed = random.nextSeed();
  const steps = Math.ceil(n / batchSize);
  return {
    steps,
    samples: n,
    batchSize,
    passes: 'many',
    async *pass(epoch = 0) {
      const order = options.shuffle ? new SeededRandom((baseSeed + Math.imul(epoch + 1, 0x9e3779b1)) >>> 0).permutation(n) : undefined;
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const indices = order ? tf.tensor1d(order.subarray(start, start + size), 'int32') : undefined;
        const take = (t: Tensor) => (indices ? tf.gather(t, indices) : tf.slice(t, start, size));
        const batch: ModelBatch = {
          x: mapTensors(x, take),
          ...(y ? { y: mapTensors(y, take) } : {}),
          ...(weights ? { sampleWeight: take(weights) } : {}),
        };
        indices?.dispose();
        yield batch;
      }
    },
  };
}

/**
 * Batches from a user's source: any iterable or async iterable (a dataset, a generator). Each
 * pass iterates it anew; a one-shot generator therefore serves one pass only. A source that states
 * its `size` (a Dataset from `@layerwise/datasets`, `Infinity` once repeated) gives the steps.
 */
export function sourceBatches(source: BatchSource<ModelBatch>): BatchStream {
  return {
    steps: declaredSize(source),
    samples: undefined,
    batchSize: undefined,
    passes: isOneShot(source) ? 'one' : 'many',
    async *pass() {
      yield* source as AsyncIterable<ModelBatch>;
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

/** Normalises `(x, y)` tensors (one, a list or a record each) or a batch source into a {@link BatchStream}. */
export function toBatchStream(xOrData: BatchTensors | DataSource, y: BatchTensors | undefined, options: ToStreamOptions): BatchStream {
  if (isTensorStructure(xOrData)) {
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
  if (isTfjsDataset(xOrData)) return tfjsDatasetBatches(xOrData);
  throw new LayerwiseError(
    `${options.owner}: expected a tensor (or a list or record of tensors) or an iterable of batches ({x, y}), received ${Object.prototype.toString.call(xOrData)}`,
  );
}

/** Disposes a batch's tensors once the loop is done with them. */
export function disposeBatch(batch: ModelBatch): void {
  disposeAll(batch.x as tf.TensorContainer);
  disposeAll(batch.y as tf.TensorContainer | undefined);
  batch.sampleWeight?.dispose();
}
