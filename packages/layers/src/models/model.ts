import type { Tensor } from '@tensorflow/tfjs-core';
import type { DataSource } from '../training/data.js';
import type { BatchSource, BatchTensors, CallbackModel, Logs, Optimizer, Shape } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { Layer, type AnyLayer, type CallContext, type LayerOutput, type LayerWeight, type OutputShape, type SymbolicOutput } from '../engine/layer.js';
import { maskList, type Mask } from '../engine/mask.js';
import type { LayerNode, SymbolicTensor } from '../engine/symbolic.js';
import { checkKernelsAtCompile } from '../training/check-kernels.js';
import { compileModel, type CompiledModel, type CompileOptions } from '../training/compile.js';
import type { ModelBatch } from '../training/data.js';
import { evaluateModel, type EvaluateOptions } from '../training/evaluate.js';
import { fitModel, type FitOptions, type FitResult } from '../training/fit.js';
import { onBatch, type OnBatchOptions } from '../training/on-batch.js';
import { predictModel, type PredictOptions } from '../training/predict.js';
import { arrangeTensors } from '../training/structure.js';
import { trainStep, type StepResult } from '../training/train-step.js';
import { layerIndex, outputNamesOf, uniqueWeights } from './layer-lookup.js';
import { modelMacs } from './macs.js';
import { formatSummary, type SummaryOptions } from './summary.js';
import { loadModelIo } from './io-bridge.js';
import { withArrayInputs, type NumericArray } from '../training/arrays.js';

/**
 * A model: layers with the training API (`compile`, `fit`, `evaluate`, `predict`, `summary`).
 * `Sequential` (a stack) and `Functional` (any graph, from `model({ inputs, outputs })`) are the
 * concrete kinds; subclass `Model` for a model of your own (implement `layers` and `call`). A model
 * is a layer, so it can be applied inside another model. `O` is what it returns: one tensor, or a
 * list for several outputs.
 */
export abstract class Model<O extends LayerOutput = Tensor> extends Layer<O> implements CallbackModel {
  /** Set by a callback (EarlyStopping) to end `fit` after the current batch. */
  stopTraining = false;
  /** Set by a callback in `onTrainBegin` to resume `fit` at this epoch (BackupAndRestore); `fit` clears it. */
  resumeEpoch: number | undefined = undefined;
  private compiledState: CompiledModel | undefined;

  /** The layers, each once, in order (input layers first in functional models). */
  abstract get layers(): AnyLayer[];

  /** The symbolic inputs, when the model is a graph (none for subclassed models and unbuilt Sequentials). */
  protected symbolicInputs(): readonly SymbolicTensor[] | undefined {
    return undefined;
  }

  /** The symbolic outputs, when the model is a graph. */
  protected symbolicOutputs(): readonly SymbolicTensor[] | undefined {
    return undefined;
  }

  /** Whether the inputs were given (and are taken) as a list; otherwise one tensor. */
  protected inputsAreList(): boolean {
    return false;
  }

  /** Whether `call` and `predict` return a list; otherwise one tensor. */
  protected outputsAreList(): boolean {
    return false;
  }

  private graphPart(which: 'inputs' | 'outputs'): SymbolicTensor[] {
    const part = which === 'inputs' ? this.symbolicInputs() : this.symbolicOutputs();
    if (part) return [...part];
    throw new LayerwiseError(
      `${this.className} "${this.name}" has no symbolic ${which}: give its first layer an inputShape (or build it on data) for a Sequential; a subclassed model has none`,
    );
  }

  /** The model's symbolic inputs and outputs (Keras' `model.inputs`, `model.outputs`), always lists. */
  get inputs(): SymbolicTensor[] {
    return this.graphPart('inputs');
  }
  get outputs(): SymbolicTensor[] {
    return this.graphPart('outputs');
  }

  /** The inputs as the model takes them: one symbolic tensor, or a list. */
  override get input(): SymbolicTensor | SymbolicTensor[] {
    const inputs = this.inputs;
    return this.inputsAreList() ? inputs : inputs[0]!;
  }

  /** The outputs as the model returns them: one symbolic tensor, or a list. */
  override get output(): SymbolicOutput<O> {
    const outputs = this.outputs;
    return (this.outputsAreList() ? outputs : outputs[0]!) as SymbolicOutput<O>;
  }

  /** The output shape (batch first; a list for several outputs), once known. */
  get outputShape(): OutputShape<O> | undefined {
    const outputs = this.symbolicOutputs();
    if (!outputs) return undefined;
    return (this.outputsAreList() ? outputs.map((t) => t.shape) : outputs[0]!.shape) as OutputShape<O>;
  }

  /** The names inputs are keyed by in a record (`fit({ image, meta }, ...)`): the input layers' names. */
  get inputNames(): string[] {
    return (this.symbolicInputs() ?? []).map((t) => t.layer.name);
  }

  /**
   * The names outputs are keyed by in losses, metrics and targets, and that prefix their logs
   * (`out1_loss`, `out1_accuracy`): the names of the layers producing them, made unique.
   */
  get outputNames(): string[] {
    return outputNamesOf(this.symbolicOutputs() ?? []);
  }

  /** The layer applications of the model's graph, inputs first (empty when the model is not a graph). */
  get nodes(): readonly LayerNode[] {
    return [];
  }

  /**
   * A layer by name or by index in `layers`; the error lists the layer names.
   *
   * @example
   * ```ts
   * const features = model({ inputs: base.inputs, outputs: base.getLayer('block5_pool').output });
   * ```
   */
  getLayer(nameOrIndex: string | number): AnyLayer {
    const layers = this.layers;
    return layers[layerIndex(`${this.className} "${this.name}": getLayer`, layers, nameOrIndex, 'nameOrIndex')]!;
  }

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

  /** The trainable weights of every layer, each once (a shared layer's weights count once). */
  override get trainableWeights(): LayerWeight[] {
    return this.trainable ? uniqueWeights(this.layers.flatMap((l) => l.trainableWeights)) : [];
  }

  override get nonTrainableWeights(): LayerWeight[] {
    const all = (l: AnyLayer) => (this.trainable ? l.nonTrainableWeights : [...l.trainableWeights, ...l.nonTrainableWeights]);
    return uniqueWeights(this.layers.flatMap(all));
  }

  /**
   * Configures training: the optimizer, the loss(es) and the metrics, as objects or Keras names. A
   * model with several outputs takes one loss for all, a list (in output order) or a record by
   * output name, optional `lossWeights`, and metrics per output.
   *
   * @example
   * ```ts
   * model.compile({ optimizer: 'rmsprop', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
   * twoHeads.compile({ optimizer: 'adam', loss: { label: 'sparseCategoricalCrossentropy', score: 'mse' }, lossWeights: { label: 1, score: 0.2 } });
   * ```
   */
  compile(options: CompileOptions): void {
    const next = compileModel(this.name, this.outputNames, options);
    checkKernelsAtCompile(this, next, options);
    this.compiledState?.dispose();
    this.compiledState = next;
  }

  /**
   * Trains the model. Give inputs and targets as tensors (batched, shuffled and split by the
   * options; lists or records by name for several inputs or outputs), or a source of batches (any
   * iterable or async iterable of `{x, y}`, such as a dataset).
   * Returns the History callback with one value per epoch for the loss and every metric.
   */
  fit(x: BatchTensors | NumericArray, y: BatchTensors | NumericArray, options?: FitOptions): Promise<FitResult>;
  fit(data: DataSource, options?: FitOptions): Promise<FitResult>;
  fit(xOrData: BatchTensors | NumericArray | DataSource, yOrOptions?: BatchTensors | NumericArray | FitOptions, maybeOptions?: FitOptions): Promise<FitResult> {
    return withArrayInputs([xOrData, yOrOptions], ([x, y]) =>
      fitModel(this, x as BatchTensors | DataSource, y as BatchTensors | FitOptions | undefined, maybeOptions),
    );
  }

  /**
   * One training step on a batch, as Keras' `train_step`: `fit` calls it for every batch. Override
   * it to customise training (a GAN's two updates, gradient tricks); return the batch's mean loss
   * (a scalar the caller disposes) and the batch size, and update `compiled.metrics` yourself.
   */
  trainStep(batch: ModelBatch): StepResult {
    return trainStep(this, batch);
  }

  /** One training step on one batch; returns that batch's loss and metrics (Keras' `train_on_batch`). */
  trainOnBatch(x: BatchTensors, y: BatchTensors, options: OnBatchOptions = {}): Promise<Logs> {
    return onBatch(this, 'train', x, y, options);
  }

  /** Loss and metrics of one batch without training (Keras' `test_on_batch`). */
  testOnBatch(x: BatchTensors, y: BatchTensors, options: OnBatchOptions = {}): Promise<Logs> {
    return onBatch(this, 'test', x, y, options);
  }

  /**
   * The outputs for inputs in any accepted form (a tensor, a list, a record by input name), always
   * as a list, one per output; what the training loop runs. The caller disposes them.
   */
  forward(x: BatchTensors, context: CallContext = { training: false }): Tensor[] {
    const out: LayerOutput = this.call(this.arrangedInputs(x), this.callContext(context));
    return Array.isArray(out) ? out : [out];
  }

  /**
   * As `forward`, with the mask of each output (`undefined` where it has none): Keras leaves the
   * masked timesteps of an output out of its loss, and this is the hook a training step uses to do
   * the same (a mask as per-timestep sample weights). The caller disposes outputs and masks.
   */
  forwardWithMasks(x: BatchTensors, context: CallContext = { training: false }): { outputs: Tensor[]; masks: Mask[] } {
    const { output, mask } = this.applyWithMask(this.arrangedInputs(x), context);
    const outputs: Tensor[] = Array.isArray(output) ? output : [output as Tensor];
    const masks = maskList(mask);
    return { outputs, masks: outputs.map((_, i) => masks[i]) };
  }

  private arrangedInputs(x: BatchTensors): Tensor | Tensor[] {
    const inputs = arrangeTensors(`Model "${this.name}"`, 'input', this.inputNames, x);
    return inputs.length === 1 && this.inputForm() !== 'list' ? inputs[0]! : inputs;
  }

  /** The model's output for one batch, in inference mode (caller disposes). */
  predictOnBatch(x: BatchTensors): O {
    return this.structured(this.forward(x));
  }

  /** Computes the loss and metrics over data; returns them by name (`{ loss, accuracy }`). */
  evaluate(x: BatchTensors | NumericArray, y: BatchTensors | NumericArray, options?: EvaluateOptions): Promise<Logs>;
  evaluate(data: DataSource, options?: EvaluateOptions): Promise<Logs>;
  evaluate(xOrData: BatchTensors | NumericArray | DataSource, yOrOptions?: BatchTensors | NumericArray | EvaluateOptions, maybeOptions?: EvaluateOptions): Promise<Logs> {
    return withArrayInputs([xOrData, yOrOptions], ([x, y]) => this.evaluateTensors(x as BatchTensors | DataSource, y as BatchTensors | EvaluateOptions | undefined, maybeOptions));
  }

  private evaluateTensors(xOrData: BatchTensors | DataSource, yOrOptions?: BatchTensors | EvaluateOptions, maybeOptions?: EvaluateOptions): Promise<Logs> {
    return evaluateModel(this, xOrData, yOrOptions, maybeOptions);
  }

  /**
   * Runs the model over inputs in batches and returns the outputs concatenated (a list for several
   * outputs; the caller disposes them).
   */
  async predict(x: BatchTensors | NumericArray | DataSource, options?: PredictOptions): Promise<O> {
    return withArrayInputs([x], ([input]) => this.predictTensors(input as BatchTensors | DataSource, options));
  }

  private async predictTensors(x: BatchTensors | DataSource, options?: PredictOptions): Promise<O> {
    return this.structured(await predictModel(this, x, options));
  }

  private structured(outputs: Tensor[]): O {
    return (this.outputsAreList() ? outputs : outputs[0]!) as O;
  }

  /** Multiply-accumulates of one sample through the model: the sum over its layer applications that report theirs. */
  override computeMacs(_inputShape?: Shape | readonly Shape[]): number {
    return modelMacs(this).total;
  }

  /**
   * Keras' summary table, printed with `printFn` (default `console.log`) and returned: layers,
   * output shapes, parameters (and, for graphs, what each layer is connected to), then the totals.
   */
  /**
   * Runs `fn` with the compiled optimizer replaced by `optimizer`, then puts the compiled one back
   * (the learning-rate finder trains with a fresh optimizer this way).
   */
  async withOptimizer<T>(optimizer: Optimizer, fn: () => Promise<T>): Promise<T> {
    const compiled = this.compiled;
    this.compiledState = { ...compiled, optimizer };
    try {
      return await fn();
    } finally {
      this.compiledState = compiled;
    }
  }

  /**
   * Saves the model — architecture, weights, compile settings and (where the format keeps it) the
   * optimizer's state — as Keras' `model.save`: the extension picks the format (`.keras`, `.h5`, or a
   * TensorFlow.js `model.json`). Written through `@layerwise/io` (install it; this is its
   * `saveModel(model, path, options)`), to a temporary file renamed at the end. Node.
   *
   * @example
   * ```ts
   * await model.save('models/mnist.keras');
   * const again = await loadModel('models/mnist.keras'); // from @layerwise/io
   * ```
   */
  async save(path: string, options: { includeOptimizer?: boolean } = {}): Promise<void> {
    const io = await loadModelIo(`Model "${this.name}".save`);
    await io.saveModel(this, path, options);
  }

  /** Saves the weights only (`.weights.h5`, or a Keras 2 weights-only `.h5`), through `@layerwise/io`. */
  async saveWeights(path: string): Promise<void> {
    const io = await loadModelIo(`Model "${this.name}".saveWeights`);
    await io.saveWeights(this, path);
  }

  /**
   * Loads weights into this model from a weights file or a saved model (`.weights.h5`, `.h5`,
   * `.keras`, `model.json`), matching Keras' layout; every shape is checked before any weight changes.
   */
  async loadWeights(source: string): Promise<void> {
    const io = await loadModelIo(`Model "${this.name}".loadWeights`);
    await io.loadWeights(this, source);
  }

  summary(options: SummaryOptions = {}): string {
    const text = formatSummary(this, options);
    (options.printFn ?? console.log)(text);
    return text;
  }

  /**
   * Frees every layer's weights and the optimizer's state. Layers shared with another model are
   * freed too: dispose one of the models that share them.
   */
  override dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.compiledState?.dispose();
    this.compiledState = undefined;
    super.dispose();
  }
}
