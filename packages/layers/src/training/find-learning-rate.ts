import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, checkNumber, checkOptions, LayerwiseError, type BatchSource, type BatchTensors, type Optimizer } from '@layerwise/core';
import { deserializeOptimizer } from '@layerwise/optimizers';
import { disposeBatch, toBatchStream, type ModelBatch, type DataSource } from './data.js';
import { splitArgs } from './fit-args.js';
import { steepestDescent } from './lr-suggestion.js';
import type { StepResult } from './train-step.js';

/** Options of {@link findLearningRate}. */
export interface FindLearningRateOptions {
  /** The first learning rate tried. Default 1e-7. */
  start?: number;
  /** The last learning rate tried. Default 10. */
  end?: number;
  /** Training steps, each at a rate `start * (end / start)^(i / (steps - 1))`. Default 100. */
  steps?: number;
  /** Batch size for tensor inputs. Default 32. */
  batchSize?: number;
  /** Exponential smoothing of the loss curve (fastai's beta). Default 0.98. */
  smoothing?: number;
  /** Stop once the smoothed loss exceeds this many times its minimum. Default 4. */
  divergeFactor?: number;
  /** Seeds the shuffling of tensor inputs. */
  seed?: number;
}

/** The curve {@link findLearningRate} measured. */
export interface LearningRateCurve {
  /** The rate of each step taken. */
  readonly learningRates: number[];
  /** Each step's batch loss. */
  readonly losses: number[];
  /** The losses, exponentially smoothed and bias-corrected. */
  readonly smoothedLosses: number[];
  /** Where the smoothed loss falls fastest before its minimum; undefined when the curve is too short to say. */
  readonly suggestion: number | undefined;
  /** Whether the run stopped before `steps` because the loss diverged. */
  readonly diverged: boolean;
}

/** What the finder needs of a model: Layerwise's `Model` satisfies it. */
export interface FinderModel {
  readonly name: string;
  readonly optimizer: Optimizer | undefined;
  getWeights(): Tensor[];
  setWeights(weights: readonly Tensor[]): void;
  trainStep(batch: ModelBatch): StepResult;
  /** Runs `fn` with the compiled optimizer replaced by `optimizer`. */
  withOptimizer<T>(optimizer: Optimizer, fn: () => Promise<T>): Promise<T>;
}

/** Creates a fresh optimizer like the model's (same class and settings, no state). */
export type OptimizerFactory = (like: Optimizer) => Optimizer;

/**
 * A learning-rate range test (Smith 2015; fastai's `lr_find`): trains for `steps` batches with the
 * rate growing exponentially from `start` to `end`, records the loss, stops early when it diverges,
 * and suggests the rate where the smoothed loss falls fastest. It trains with a fresh optimizer like
 * the model's, then puts every weight back, so the model is exactly as it was (its optimizer
 * untouched). Pick a rate near the suggestion, then `compile` and `fit` as usual.
 */
export async function runLearningRateFinder(
  model: FinderModel,
  xOrData: BatchTensors | DataSource,
  y: BatchTensors | undefined,
  options: FindLearningRateOptions,
  freshOptimizer: OptimizerFactory,
): Promise<LearningRateCurve> {
  const owner = `Model "${model.name}": findLearningRate`;
  checkOptions(owner, options, ['start', 'end', 'steps', 'batchSize', 'smoothing', 'divergeFactor', 'seed']);
  const start = checkNumber(owner, 'start', options.start ?? 1e-7, { min: 0, minExclusive: true });
  const end = checkNumber(owner, 'end', options.end ?? 10, { min: start, minExclusive: true });
  const steps = checkInteger(owner, 'steps', options.steps ?? 100, 2);
  const beta = checkNumber(owner, 'smoothing', options.smoothing ?? 0.98, { min: 0, max: 1, maxExclusive: true });
  const divergeFactor = checkNumber(owner, 'divergeFactor', options.divergeFactor ?? 4, { min: 1, minExclusive: true });
  const current = model.optimizer;
  if (!current) throw new LayerwiseError(`${owner}: compile the model first (the finder trains with a fresh optimizer like the compiled one)`);
  const stream = toBatchStream(xOrData, y, { owner, batchSize: options.batchSize ?? 32, shuffle: true, ...(options.seed === undefined ? {} : { seed: options.seed }) });
  const probe = freshOptimizer(current);
  const saved = model.getWeights();
  const curve = { learningRates: [] as number[], losses: [] as number[], smoothedLosses: [] as number[], diverged: false };
  try {
    await model.withOptimizer(probe, async () => {
      let average = 0;
      let best = Infinity;
      let epoch = 0;
      while (curve.losses.length < steps && !curve.diverged) {
        let yielded = false;
        for await (const batch of stream.pass(epoch)) {
          yielded = true;
          const i = curve.losses.length;
          const rate = start * (end / start) ** (i / (steps - 1));
          probe.learningRate = rate;
          let lossValue: number;
          try {
            const { loss } = model.trainStep(batch);
            lossValue = (await loss.data())[0]!;
            loss.dispose();
          } finally {
            disposeBatch(batch);
          }
          average = beta * average + (1 - beta) * lossValue;
          const smoothed = average / (1 - beta ** (i + 1));
          curve.learningRates.push(rate);
          curve.losses.push(lossValue);
          curve.smoothedLosses.push(smoothed);
          if (!Number.isFinite(smoothed) || (i > 0 && smoothed > divergeFactor * best)) curve.diverged = true;
          best = Math.min(best, smoothed);
          if (curve.losses.length >= steps || curve.diverged) break;
        }
        if (!yielded) {
          throw new LayerwiseError(
            curve.losses.length === 0
              ? `${owner}: the data yielded no batches`
              : `${owner}: the data ran out after ${curve.losses.length} of ${steps} steps (a one-shot generator?); give a re-iterable dataset, more data or fewer steps`,
          );
        }
        epoch++;
      }
    });
  } finally {
    model.setWeights(saved);
    tf.dispose(saved);
    probe.dispose();
  }
  return { ...curve, suggestion: steepestDescent(curve.learningRates, curve.smoothedLosses) };
}

/**
 * Runs a learning-rate range test on a compiled model (see {@link runLearningRateFinder}): tensors
 * (`x`, `y`) or a source of batches, and options.
 *
 * @example
 * ```ts
 * model.compile({ optimizer: sgd(), loss: 'sparseCategoricalCrossentropy' });
 * const curve = await findLearningRate(model, x, y, { start: 1e-6, end: 1, steps: 100 });
 * console.log(`suggested learning rate: ${curve.suggestion}`);
 * ```
 */
export function findLearningRate(model: FinderModel, x: BatchTensors, y: BatchTensors, options?: FindLearningRateOptions): Promise<LearningRateCurve>;
export function findLearningRate(model: FinderModel, data: DataSource, options?: FindLearningRateOptions): Promise<LearningRateCurve>;
export function findLearningRate(
  model: FinderModel,
  xOrData: BatchTensors | DataSource,
  yOrOptions?: BatchTensors | FindLearningRateOptions,
  maybeOptions?: FindLearningRateOptions,
): Promise<LearningRateCurve> {
  const { x, y, options } = splitArgs<FindLearningRateOptions>(`Model "${model.name}": findLearningRate`, xOrData, yOrOptions, maybeOptions);
  return runLearningRateFinder(model, x, y, options, (like) => deserializeOptimizer({ className: like.className, config: like.getConfig() }));
}
