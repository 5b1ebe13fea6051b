import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, LayerwiseError, type ConfigDict, type Initializer, type Shape } from '@layerwise/core';
import { applySymbolic } from './apply-symbolic.js';
import { toSnakeCase, uniqueName } from './names.js';
import { configToArgs } from './serialization.js';
import { assertShapeCompatible, isShapeList, withoutBatch } from './shape.js';
import { isSymbolic, nodesOf, type LayerNode, type SymbolicTensor } from './symbolic.js';

/** Arguments every layer accepts. */
export interface LayerArgs {
  /** The layer's name; default: the snake-cased class name made unique (`dense`, `dense_1`). */
  name?: string;
  /** Whether training updates this layer's weights. Default true. */
  trainable?: boolean;
  /**
   * Shape of one sample, without the batch dimension (`null` for a dimension of any size, such as
   * the steps of a sequence). Declares the model input on a first layer.
   */
  inputShape?: readonly (number | null)[];
  /** Fixes the batch size of `inputShape`. */
  batchSize?: number;
}

/** What `call` is told about the current pass. */
export interface CallContext {
  /**
   * True during `fit`: dropout drops, batch normalization uses the batch's statistics. The rule for
   * frozen layers (Keras 3's rule for BatchNormalization, applied to every layer): a layer whose
   * `trainable` is false is called with `training: false`, and so is everything inside a frozen
   * model, so a frozen pretrained base runs in inference mode inside a model being trained.
   */
  readonly training: boolean;
}

/** What a layer's `call` returns: one tensor, or a list for layers and models with several outputs. */
export type LayerOutput = Tensor | Tensor[];

/** A layer with any number of outputs (models with several outputs included). */
export type AnyLayer = Layer<LayerOutput>;

/** What `apply` returns for symbolic inputs: a symbolic tensor, or a list for several outputs. */
export type SymbolicOutput<O extends LayerOutput> = O extends readonly Tensor[] ? SymbolicTensor[] : SymbolicTensor;

/** What `computeOutputShape` returns: a shape, or a list for several outputs. */
export type OutputShape<O extends LayerOutput> = O extends readonly Tensor[] ? Shape[] : Shape;

/**
 * What `call` takes: one tensor (`'tensor'`, most layers), a list (`'list'`: merge layers, models
 * with several inputs) or either (`'either'`).
 */
export type InputForm = 'tensor' | 'list' | 'either';

/** One weight of a layer. */
export interface LayerWeight {
  /** Keras-style path: `'dense/kernel'`. */
  readonly name: string;
  readonly variable: Variable;
  /** Whether the weight itself is trainable (a layer's `trainable` flag applies on top). */
  readonly trainable: boolean;
}

/** Options of {@link Layer.addWeight}. */
export interface AddWeightOptions {
  name: string;
  shape: readonly number[];
  initializer: Initializer;
  trainable?: boolean;
  dtype?: DataType;
}

function classNameOf(type: { className?: string; name: string }): string {
  return type.className || type.name;
}

/** How errors name a layer: `Dense "dense_1"`. */
function ownerOf(layer: AnyLayer): string {
  return `${layer.className} "${layer.name}"`;
}

function describeInputs(items: readonly unknown[]): string {
  return items.map((v) => (v instanceof tf.Tensor ? 'Tensor' : v === null ? 'null' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v)).join(', ');
}

/**
 * The base of every layer, in Keras' shape: the constructor validates and stores the config,
 * `build(inputShape)` creates the weights once the input shape is known, `call(x)` computes the
 * output with tfjs-core ops, `computeOutputShape` and `getConfig` describe it.
 *
 * `apply` runs a layer on tensors, or on symbolic tensors to define a model (the functional API):
 * `dense({ units: 4 }).apply(input({ shape: [3] }))`. Layers taking several inputs (merge layers)
 * take a list and say so with `inputForm()`; `O` is the output type, one tensor by default.
 *
 * @example A layer of your own
 * ```ts
 * class Scale extends Layer {
 *   static override readonly className = 'Scale';
 *   private factor!: Variable;
 *   override build(inputShape: Shape) {
 *     this.factor = this.addWeight({ name: 'factor', shape: [inputShape.at(-1)!], initializer: ones() });
 *   }
 *   call(x: Tensor) { return tf.mul(x, this.factor); }
 * }
 * ```
 */
export abstract class Layer<O extends LayerOutput = Tensor> {
  /**
   * The class name written into configs (`'Dense'`). Subclasses set it as a static; it defaults to
   * the JavaScript class name.
   */
  static readonly className: string = '';
  readonly name: string;
  /** The declared input shape including the batch dimension, when given by `inputShape`. */
  readonly batchInputShape: Shape | undefined;
  private layerTrainable: boolean;
  private readonly layerWeights: LayerWeight[] = [];
  private builtInputShape: Shape | readonly Shape[] | undefined;

  constructor(args: LayerArgs = {}) {
    this.name = args.name ?? uniqueName(toSnakeCase(classNameOf(new.target)));
    this.layerTrainable = args.trainable ?? true;
    if (args.inputShape !== undefined) {
      args.inputShape.forEach((d, i) => d === null || checkInteger(`Layer "${this.name}"`, `inputShape[${i}]`, d));
      const batch = args.batchSize === undefined ? null : checkInteger(`Layer "${this.name}"`, 'batchSize', args.batchSize);
      this.batchInputShape = [batch, ...args.inputShape];
    } else {
      this.batchInputShape = undefined;
    }
  }

  /** The class name written into configs (`'Dense'`). */
  get className(): string {
    return classNameOf(this.constructor as typeof Layer);
  }

  /** Whether `build` has run. */
  get built(): boolean {
    return this.builtInputShape !== undefined;
  }

  /**
   * The input shape the layer was built for (batch first), for a layer taking one tensor; see
   * `inputShapes` for layers built for a list of inputs.
   */
  get inputShape(): Shape | undefined {
    const built = this.builtInputShape;
    return built === undefined || isShapeList(built) ? undefined : built;
  }

  /** The input shapes the layer was built for: one per input of a list, or the one shape in a list. */
  get inputShapes(): readonly Shape[] | undefined {
    const built = this.builtInputShape;
    return built === undefined ? undefined : isShapeList(built) ? built : [built];
  }

  /**
   * The symbolic input(s) of the layer's first application (Keras' `layer.input`); throws when the
   * layer has not been applied to symbolic tensors.
   */
  get input(): SymbolicTensor | SymbolicTensor[] {
    return this.firstNode('input').inputStructure;
  }

  /**
   * The symbolic output(s) of the layer's first application (Keras' `layer.output`): what
   * `model({ inputs, outputs: layer.output })` reads intermediate activations from.
   */
  get output(): SymbolicOutput<O> {
    return this.firstNode('output').outputStructure as SymbolicOutput<O>;
  }

  private firstNode(what: 'input' | 'output'): LayerNode {
    const node = nodesOf(this)[0];
    if (!node) {
      throw new LayerwiseError(
        `${ownerOf(this)} has no ${what}: it has not been applied to a symbolic tensor yet. Apply it to one ` +
          `(layer.apply(input({ shape: [...] }))) or put it in a model with a known input shape`,
      );
    }
    return node;
  }

  /** Whether training updates this layer's weights; set false to freeze it. */
  get trainable(): boolean {
    return this.layerTrainable;
  }
  set trainable(value: boolean) {
    this.layerTrainable = value;
  }

  /** All weights, trainable first as Keras orders them. */
  get weights(): LayerWeight[] {
    return [...this.trainableWeights, ...this.nonTrainableWeights];
  }

  /** The weights training updates (none when the layer is frozen). */
  get trainableWeights(): LayerWeight[] {
    return this.layerTrainable ? this.layerWeights.filter((w) => w.trainable) : [];
  }

  /** The weights training leaves alone. */
  get nonTrainableWeights(): LayerWeight[] {
    return this.layerTrainable ? this.layerWeights.filter((w) => !w.trainable) : [...this.layerWeights];
  }

  /** Creates a weight; call it from `build`. */
  protected addWeight(options: AddWeightOptions): Variable {
    const { name, shape, initializer, trainable = true, dtype = 'float32' } = options;
    const variable = tf.tidy(() => tf.variable(initializer.apply(shape, dtype), trainable));
    this.layerWeights.push({ name: `${this.name}/${name}`, variable, trainable });
    return variable;
  }

  /**
   * Creates the weights for an input of the given shape (batch first; a list of shapes for layers
   * taking a list). Default: no weights.
   */
  build(_inputShape: Shape | readonly Shape[]): void {}

  /**
   * The layer's computation. Subclasses narrow the types: `call(x: Tensor): Tensor` for most
   * layers, `call(inputs: Tensor[]): Tensor` for merge layers.
   */
  abstract call(inputs: Tensor | Tensor[], context: CallContext): O;

  /** The output shape for an input shape (batch first). Default: unchanged. */
  computeOutputShape(inputShape: Shape | readonly Shape[]): OutputShape<O> {
    return inputShape as OutputShape<O>;
  }

  /**
   * Multiply-accumulate operations of one sample through the layer for an input shape (batch
   * first), shown by `summary({ showMacs: true })`. Optional: a layer without it is shown as not
   * reporting. Dense counts `inputDim * units` per position.
   */
  computeMacs?(inputShape: Shape | readonly Shape[]): number;

  /** What `call` takes: one tensor (the default), a list, or either. Merge layers return `'list'`. */
  inputForm(): InputForm {
    return 'tensor';
  }

  /** Builds the layer for `inputShape` if it is not built yet, else checks the shape fits. */
  ensureBuilt(inputShape: Shape | readonly Shape[]): void {
    const built = this.builtInputShape;
    const list = isShapeList(inputShape);
    if (built === undefined) {
      if (this.batchInputShape && !list) assertShapeCompatible(this.name, this.batchInputShape, inputShape as Shape);
      const shape = list ? inputShape.map(withoutBatch) : withoutBatch(inputShape as Shape);
      this.build(shape);
      this.builtInputShape = shape;
      return;
    }
    const builtList = isShapeList(built);
    if (builtList !== list || (list && built.length !== inputShape.length)) {
      const count = (s: Shape | readonly Shape[]) => (isShapeList(s) ? `a list of ${s.length} inputs` : 'one input');
      throw new LayerwiseError(`${ownerOf(this)}: was built for ${count(built)}, received ${count(inputShape)}`);
    }
    if (list) (built as readonly Shape[]).forEach((s, i) => assertShapeCompatible(this.name, s, inputShape[i] as Shape, i));
    else assertShapeCompatible(this.name, built as Shape, inputShape as Shape);
  }

  /** Forgets the built input shape so that the next `ensureBuilt` builds again (weights are kept). */
  protected clearBuilt(): void {
    this.builtInputShape = undefined;
  }

  /** The context `call` receives: `training` is false while the layer is frozen (see {@link CallContext}). */
  protected callContext(context: CallContext): CallContext {
    return this.layerTrainable || !context.training ? context : { ...context, training: false };
  }

  /**
   * Runs the layer. On symbolic tensors (from `input()` or another layer's `apply`), builds it for
   * their shapes, records the application and returns symbolic outputs: this is how functional
   * models are defined, and applying one layer several times shares its weights. On tensors,
   * builds it if needed and computes the output (the caller disposes it).
   *
   * @example
   * ```ts
   * const x = input({ shape: [784] });
   * const hidden = dense({ units: 64, activation: 'relu' }).apply(x);
   * const y = await model({ inputs: x, outputs: dense({ units: 10 }).apply(hidden) }).predict(images);
   * ```
   */
  apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicOutput<O>;
  apply(inputs: Tensor | readonly Tensor[], context?: CallContext): O;
  apply(inputs: SymbolicTensor | readonly SymbolicTensor[] | Tensor | readonly Tensor[], context: CallContext = { training: false }): SymbolicOutput<O> | O {
    const list = Array.isArray(inputs);
    const items: readonly unknown[] = list ? inputs : [inputs];
    const form = this.inputForm();
    if (form === 'tensor' && list) throw new LayerwiseError(`${ownerOf(this)}: takes one tensor, received a list of ${items.length}`);
    if (form === 'list' && !list) throw new LayerwiseError(`${ownerOf(this)}: takes a list of tensors, received one`);
    if (isSymbolic(inputs)) return applySymbolic(this, inputs) as SymbolicOutput<O>;
    if (items.length === 0 || !items.every((t) => t instanceof tf.Tensor)) {
      throw new LayerwiseError(
        `${ownerOf(this)}: expected ${list ? 'a list of tensors' : 'a tensor'}, or symbolic tensors from input() (not a mix); ` +
          `received ${list ? `[${describeInputs(items)}]` : describeInputs(items)}`,
      );
    }
    const tensors = items as Tensor[];
    this.ensureBuilt(list ? tensors.map((t) => t.shape) : tensors[0]!.shape);
    return this.call(list ? tensors : tensors[0]!, this.callContext(context));
  }

  /** The number of values in the layer's weights. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** Copies of the weight values, in `weights` order. */
  getWeights(): Tensor[] {
    return this.weights.map((w) => tf.clone(w.variable));
  }

  /** Assigns weight values, in `weights` order; shapes must match. */
  setWeights(values: readonly Tensor[]): void {
    const weights = this.weights;
    if (values.length !== weights.length) {
      throw new LayerwiseError(`Layer "${this.name}": setWeights expected ${weights.length} tensors, received ${values.length}`);
    }
    weights.forEach((w, i) => {
      const value = values[i]!;
      if (!tf.util.arraysEqual(value.shape, w.variable.shape)) {
        throw new LayerwiseError(
          `Layer "${this.name}": weight ${w.name} has shape ${formatShape(w.variable.shape)}, received ${formatShape(value.shape)}`,
        );
      }
      w.variable.assign(value);
    });
  }

  /** The constructor arguments that rebuild this layer (Keras' names). */
  getConfig(): ConfigDict {
    const config: ConfigDict = { name: this.name, trainable: this.trainable };
    if (this.batchInputShape) config['batch_input_shape'] = [...this.batchInputShape];
    return config;
  }

  /**
   * Rebuilds a layer from `getConfig()`'s output: `Dense.fromConfig(dense.getConfig())`.
   * Layers whose constructor takes other arguments override it.
   */
  static fromConfig<T extends AnyLayer>(this: new (args: never) => T, config: ConfigDict): T {
    return new this(configToArgs(config) as never);
  }

  /** Frees the layer's weights. */
  dispose(): void {
    for (const w of this.layerWeights) w.variable.dispose();
    this.layerWeights.length = 0;
    this.builtInputShape = undefined;
  }
}
