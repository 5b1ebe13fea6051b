import type { Tensor } from '@tensorflow/tfjs-core';
import type { Batch, BatchSource, CallbackModel, Logs, Optimizer } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { Layer, type LayerWeight } from '../engine/layer.js';
import { compileModel, type CompiledModel, type CompileOptions } from '../training/compile.js';
import { evaluateModel, type EvaluateOptions } from '../training/evaluate.js';
import { fitModel, type FitOptions, type FitResult } from '../training/fit.js';
import { predictModel, type PredictOptions } from '../training/predict.js';
import { onBatch, type OnBatchOptions } from '../training/on-batch.js';
import { trainStep, type StepResult } from '../training/train-step.js';
import { formatSummary, type SummaryOptions } from './summary.js';

/**
 * A model: layers with the training API (`compile`, `fit`, `evaluate`, `predict`, `summary`).
 * `Sequential` is the concrete kind today; a model is itself a layer, so it can be nested.
 */
export abstract class Model extends Layer implements CallbackModel {
  /** Set by a callback (EarlyStopping) to end `fit` after the current batch. */
  stopTraining = false;
  private compiledState: CompiledModel | undefined;

  /** The layers, in order. */
  abstract get layers(): Layer[];

  /** The output shape for the declared input, once known (batch first). */
  abstract get outputShape(): readonly (number | null)[] | undefined;

  /** The optimizer given to `compile`. */
  get optimizer(): Optimizer | undefined {
    return this.compiledState?.optimizer;
  }

  /** What `compile` resolved; throws a clear error before `compile`. */
  get compiled(): CompiledModel {
    if (!this.compiledState) {
      throw new LayerwiseError(`Model "${this.name}": call compile({ optimizer, loss, metrics }) before training or evaluating`);
    }
    return this.compiledState;
  }

  /** Whether training updates the model's weights. Setting it sets every layer's flag too, as Keras 3. */
  override get trainable(): boolean {
    return super.trainable;
  }
  override set trainable(value: boolean) {
    super.trainable = value;
    for (const layer of this.layers) layer.trainable = value;
  }

  override get trainableWeights(): LayerWeight[] {
    return this.trainable ? this.layers.flatMap((l) => l.trainableWeights) : [];
  }

  override get nonTrainableWeights(): LayerWeight[] {
    return this.trainable
      ? this.layers.flatMap((l) => l.nonTrainableWeights)
      : this.layers.flatMap((l) => [...l.trainableWeights, ...l.nonTrainableWeights]);
  }

  /**
   * Configures training: the optimizer, the loss and the metrics, as objects or Keras names.
   *
   * @example
   * ```ts
   * model.compile({ optimizer: 'rmsprop', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
   * ```
   */
  compile(options: CompileOptions): void {
    const next = compileModel(this.name, options);
    this.compiledState?.dispose();
    this.compiledState = next;
  }

  /**
   * Trains the model. Give `x` and `y` tensors (batched, shuffled and split by the options), or a
   * source of batches (any iterable or async iterable of `{x, y}`, such as a dataset).
   * Returns the History callback with one value per epoch for the loss and every metric.
   */
  fit(x: Tensor, y: Tensor, options?: FitOptions): Promise<FitResult>;
  fit(data: BatchSource, options?: FitOptions): Promise<FitResult>;
  fit(xOrData: Tensor | BatchSource, yOrOptions?: Tensor | FitOptions, maybeOptions?: FitOptions): Promise<FitResult> {
    return fitModel(this, xOrData, yOrOptions, maybeOptions);
  }

  /**
   * One training step on a batch, as Keras' `train_step`: `fit` calls it for every batch. Override
   * it to customise training (a GAN's two updates, gradient tricks); return the batch's mean loss
   * (a scalar the caller disposes) and the batch size, and update `compiled.metrics` yourself.
   */
  trainStep(batch: Batch): StepResult {
    return trainStep(this, batch);
  }

  /** One training step on one batch; returns that batch's loss and metrics (Keras' `train_on_batch`). */
  trainOnBatch(x: Tensor, y: Tensor, options: OnBatchOptions = {}): Promise<Logs> {
    return onBatch(this, 'train', x, y, options);
  }

  /** Loss and metrics of one batch without training (Keras' `test_on_batch`). */
  testOnBatch(x: Tensor, y: Tensor, options: OnBatchOptions = {}): Promise<Logs> {
    return onBatch(this, 'test', x, y, options);
  }

  /** The model's output for one batch, in inference mode (caller disposes). */
  predictOnBatch(x: Tensor): Tensor {
    return this.call(x, { training: false });
  }

  /** Computes the loss and metrics over data; returns them by name (`{ loss, accuracy }`). */
  evaluate(x: Tensor, y: Tensor, options?: EvaluateOptions): Promise<Logs>;
  evaluate(data: BatchSource, options?: EvaluateOptions): Promise<Logs>;
  evaluate(xOrData: Tensor | BatchSource, yOrOptions?: Tensor | EvaluateOptions, maybeOptions?: EvaluateOptions): Promise<Logs> {
    return evaluateModel(this, xOrData, yOrOptions, maybeOptions);
  }

  /** Runs the model over inputs in batches and returns the outputs concatenated (caller disposes). */
  predict(x: Tensor | BatchSource, options?: PredictOptions): Promise<Tensor> {
    return predictModel(this, x, options);
  }

  /** Keras' summary table, printed with `printFn` (default `console.log`) and returned. */
  summary(options: SummaryOptions = {}): string {
    const text = formatSummary(this, options);
    (options.printFn ?? console.log)(text);
    return text;
  }

  /** Frees every layer's weights and the optimizer's state. */
  override dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.compiledState?.dispose();
    this.compiledState = undefined;
    super.dispose();
  }
}
