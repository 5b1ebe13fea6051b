import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkBoolean, checkInteger, formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { assertBuiltShape, checkApplyInputs } from './apply-inputs.js';
import { anyMasked, assertMaskSupported, combineMasks, ownedMasks, type Masks } from './mask.js';
import { applySymbolic } from './apply-symbolic.js';
import type { AddWeightOptions, AnyLayer, CallContext, InputForm, LayerArgs, LayerOutput, LayerWeight, OutputShape, SymbolicOutput } from './layer-types.js';
import { toSnakeCase, uniqueName } from './names.js';
import { configToArgs } from './serialization.js';
import { assertShapeCompatible, isShapeList, withoutBatch } from './shape.js';
import { nodesOf, type LayerNode, type SymbolicTensor } from './symbolic.js';

export type { AddWeightOptions, AnyLayer, CallContext, InputForm, LayerArgs, LayerOutput, LayerWeight, OutputShape, SymbolicOutput } from './layer-types.js';

function classNameOf(type: { className?: string; name: string }): string {
  return type.className || type.name;
}

/** How errors name a layer: `Dense "dense_1"`. */
function ownerOf(layer: AnyLayer): string {
  return `${layer.className} "${layer.name}"`;
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
  /**
   * Whether the layer accepts a mask on its input (Keras' `supports_masking`). By default such a
   * layer passes the mask on unchanged (merge layers combine theirs); layers that end or make masks
   * override `computeMask`. False (the default): a mask reaching the layer is an error, as in Keras.
   */
  readonly supportsMasking: boolean = false;
  private layerTrainable: boolean;
  private readonly layerWeights: LayerWeight[] = [];
  private builtInputShape: Shape | readonly Shape[] | undefined;

  constructor(args: LayerArgs = {}) {
    const className = classNameOf(new.target);
    if (args.name !== undefined && (typeof args.name !== 'string' || args.name === '')) {
      throw invalidArgument({ owner: className, argument: 'name', expected: 'a non-empty string', received: args.name });
    }
    this.name = args.name ?? uniqueName(toSnakeCase(className));
    const owner = `${className} "${this.name}"`;
    this.layerTrainable = checkBoolean(owner, 'trainable', args.trainable ?? true);
    if (args.inputShape !== undefined) {
      if (!Array.isArray(args.inputShape)) throw invalidArgument({ owner, argument: 'inputShape', expected: 'a list of dimensions (null for any size)', received: args.inputShape });
      args.inputShape.forEach((d, i) => d === null || checkInteger(owner, `inputShape[${i}]`, d));
      const batch = args.batchSize === undefined ? null : checkInteger(owner, 'batchSize', args.batchSize);
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

  /**
   * The mask of the output for these inputs and input mask(s) (Keras' `compute_mask`): by default the
   * input mask passed on when `supportsMasking` (the masks of a list combined: true where all are),
   * else none, and an error if a mask was given. A new tensor or one of the input masks.
   */
  computeMask(_inputs: Tensor | Tensor[], mask?: Masks): Masks {
    assertMaskSupported(ownerOf(this), this.supportsMasking, mask);
    if (!this.supportsMasking) return undefined;
    return Array.isArray(mask) ? combineMasks(mask) : mask;
  }

  /**
   * Whether the output of an application carries a mask, given whether each input does: what
   * `computeMask` does, on flags (a model being defined knows where masks flow before any data).
   * Layers overriding `computeMask` override this too; a list for layers with several outputs.
   */
  outputMasked(inputMasked: boolean | readonly boolean[]): boolean | boolean[] {
    return this.supportsMasking && anyMasked(inputMasked);
  }

  /**
   * Runs the layer on tensors with the input mask(s) in `context.mask`, returning the output and its
   * mask (`computeMask`); what models run for each layer. The caller disposes both.
   *
   * @example
   * ```ts
   * const { output, mask } = embedding({ inputDim: 100, outputDim: 8, maskZero: true }).applyWithMask(ids);
   * ```
   */
  applyWithMask(inputs: Tensor | Tensor[], context: CallContext = { training: false }): { output: O; mask: Masks } {
    const output = this.apply(inputs, context);
    return { output, mask: ownedMasks(this.computeMask(inputs, context.mask), context.mask) };
  }

  /** What `call` takes: one tensor (the default), a list, or either. Merge layers return `'list'`. */
  inputForm(): InputForm {
    return 'tensor';
  }

  /** Builds the layer for `inputShape` if it is not built yet, else checks the shape fits. */
  ensureBuilt(inputShape: Shape | readonly Shape[]): void {
    const built = this.builtInputShape;
    if (built !== undefined) return assertBuiltShape(ownerOf(this), this.name, built, inputShape);
    const list = isShapeList(inputShape);
    if (this.batchInputShape && !list) assertShapeCompatible(this.name, this.batchInputShape, inputShape as Shape);
    const shape = list ? inputShape.map(withoutBatch) : withoutBatch(inputShape as Shape);
    this.build(shape);
    this.builtInputShape = shape;
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
    const checked = checkApplyInputs(ownerOf(this), this.inputForm(), inputs);
    if (checked.symbolic) return applySymbolic(this, checked.inputs) as SymbolicOutput<O>;
    const x = checked.inputs;
    assertMaskSupported(ownerOf(this), this.supportsMasking, context.mask);
    this.ensureBuilt(Array.isArray(x) ? x.map((t) => t.shape) : x.shape);
    return this.call(x, this.callContext(context));
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
