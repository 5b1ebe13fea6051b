import * as tf from '@tensorflow/tfjs-core';
import type { DataType, Tensor, Variable } from '@tensorflow/tfjs-core';
import { checkInteger, formatShape, LayerwiseError, type ConfigDict, type Initializer, type Shape } from '@layerwise/core';
import { toSnakeCase, uniqueName } from './names.js';
import { configToArgs } from './serialization.js';
import { assertShapeCompatible } from './shape.js';

/** Arguments every layer accepts. */
export interface LayerArgs {
  /** The layer's name; default: the snake-cased class name made unique (`dense`, `dense_1`). */
  name?: string;
  /** Whether training updates this layer's weights. Default true. */
  trainable?: boolean;
  /** Shape of one sample, without the batch dimension. Declares the model input on a first layer. */
  inputShape?: readonly number[];
  /** Fixes the batch size of `inputShape`. */
  batchSize?: number;
}

/** What `call` is told about the current pass. */
export interface CallContext {
  /** True during `fit`: dropout drops, and similar. */
  readonly training: boolean;
}

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

/**
 * The base of every layer, in Keras' shape: the constructor validates and stores the config,
 * `build(inputShape)` creates the weights once the input shape is known, `call(x)` computes the
 * output with tfjs-core ops, `computeOutputShape` and `getConfig` describe it.
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
export abstract class Layer {
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
  private builtInputShape: Shape | undefined;

  constructor(args: LayerArgs = {}) {
    this.name = args.name ?? uniqueName(toSnakeCase(classNameOf(new.target)));
    this.layerTrainable = args.trainable ?? true;
    if (args.inputShape !== undefined) {
      args.inputShape.forEach((d, i) => checkInteger(`Layer "${this.name}"`, `inputShape[${i}]`, d));
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

  /** The input shape the layer was built for. */
  get inputShape(): Shape | undefined {
    return this.builtInputShape;
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

  /** Creates the weights for an input of the given shape (batch first). Default: no weights. */
  build(_inputShape: Shape): void {}

  /** The layer's computation. */
  abstract call(x: Tensor, context: CallContext): Tensor;

  /** The output shape for an input shape (batch first). Default: unchanged. */
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  /** Builds the layer for `inputShape` if it is not built yet, else checks the shape fits. */
  ensureBuilt(inputShape: Shape): void {
    if (this.builtInputShape === undefined) {
      if (this.batchInputShape) assertShapeCompatible(this.name, this.batchInputShape, inputShape);
      const shape: Shape = [null, ...inputShape.slice(1)];
      this.build(shape);
      this.builtInputShape = shape;
    } else {
      assertShapeCompatible(this.name, this.builtInputShape, inputShape);
    }
  }

  /** Runs the layer on a concrete tensor, building it first if needed. */
  apply(x: Tensor, context: CallContext = { training: false }): Tensor {
    this.ensureBuilt(x.shape);
    return this.call(x, context);
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
  static fromConfig<T extends Layer>(this: new (args: never) => T, config: ConfigDict): T {
    return new this(configToArgs(config) as never);
  }

  /** Frees the layer's weights. */
  dispose(): void {
    for (const w of this.layerWeights) w.variable.dispose();
    this.layerWeights.length = 0;
    this.builtInputShape = undefined;
  }
}
