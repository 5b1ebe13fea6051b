import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { describeValue, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';
import { maskList, type Mask, type Masks } from '../../engine/mask.js';

/**
 * The function a {@link Lambda} layer applies: a tensor in, a tensor out (tfjs-core ops only, no
 * side effects). `context.mask` holds the input's mask when the layer has a `mask` function.
 */
export type LambdaFunction = (x: Tensor, context: CallContext) => Tensor;

/**
 * The mask function of a {@link Lambda} layer (Keras' `Lambda(mask=...)`, with `compute_mask`'s
 * signature): the mask of the output from the layer's input and the input's mask (`undefined` when
 * it has none). Return a boolean tensor with the output's shape without its feature axis
 * (`[batch, timesteps]` for a sequence), the input mask to pass it on, or `undefined` for no mask.
 */
export type LambdaMaskFunction = (inputs: Tensor, mask: Mask) => Mask;

const registry = new Map<string, LambdaFunction>();
const maskRegistry = new Map<string, LambdaMaskFunction>();

/**
 * Registers a function under a name so that {@link Lambda} layers using it can be serialised
 * (`getConfig` writes the name) and rebuilt (`fromConfig` looks it up). Register it again under the
 * same name in the program that loads the config.
 */
export function registerLambdaFunction(name: string, fn: LambdaFunction): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw invalidArgument({ owner: 'registerLambdaFunction', argument: 'name', expected: 'a non-empty string', received: name });
  }
  if (typeof fn !== 'function') throw invalidArgument({ owner: 'registerLambdaFunction', argument: 'fn', expected: 'a function', received: fn });
  const existing = registry.get(name);
  if (existing && existing !== fn) {
    throw new LayerwiseError(`registerLambdaFunction: the name '${name}' is already registered to another function`);
  }
  registry.set(name, fn);
}

/**
 * Registers a mask function under a name, as {@link registerLambdaFunction} does for functions, so
 * that {@link Lambda} layers with that `mask` can be serialised (`getConfig` writes the name) and
 * rebuilt (`fromConfig` looks it up).
 */
export function registerLambdaMaskFunction(name: string, fn: LambdaMaskFunction): void {
  if (typeof name !== 'string' || name.length === 0) {
    throw invalidArgument({ owner: 'registerLambdaMaskFunction', argument: 'name', expected: 'a non-empty string', received: name });
  }
  if (typeof fn !== 'function') throw invalidArgument({ owner: 'registerLambdaMaskFunction', argument: 'fn', expected: 'a function', received: fn });
  const existing = maskRegistry.get(name);
  if (existing && existing !== fn) {
    throw new LayerwiseError(`registerLambdaMaskFunction: the name '${name}' is already registered to another mask function`);
  }
  maskRegistry.set(name, fn);
}

/** Arguments of {@link Lambda}. */
export interface LambdaArgs extends LayerArgs {
  /** The function, or the name it was registered under with {@link registerLambdaFunction}. */
  function: LambdaFunction | string;
  /** The output shape of one sample (no batch axis); default: found by running the function once on zeros. */
  outputShape?: readonly number[];
  /**
   * The output's mask (Keras' `mask`): a function of the input and its mask, or the name it was
   * registered under with {@link registerLambdaMaskFunction}. With it the layer supports masking:
   * it receives the input's mask (also in `context.mask` of its function) and gives the output the
   * mask the function returns. Without it (the default), a mask reaching the layer is an error, as
   * in Keras.
   */
  mask?: LambdaMaskFunction | string | null;
}

/**
 * Wraps a JavaScript function as a layer (Keras' Lambda), for stateless computations: no weights.
 * Not serialisable by itself: a function has no portable form, so `getConfig` throws unless the
 * function was registered by name with {@link registerLambdaFunction}, and `fromConfig` needs the
 * same registration.
 *
 * With a `mask` function it takes and gives masks, as Keras' `Lambda(mask=...)`.
 *
 * @example
 * ```ts
 * registerLambdaFunction('double', (x) => tf.mul(x, 2));
 * const layer = lambda({ function: 'double' });
 * // Keeps the first 5 timesteps, and their mask.
 * const firstFive = lambda({ function: (x) => tf.slice(x, [0, 0, 0], [-1, 5, -1]), mask: (_, m) => m && tf.slice(m, [0, 0], [-1, 5]) });
 * ```
 */
export class Lambda extends Layer {
  static override readonly className: string = 'Lambda';
  /** Whether the layer takes masks: true when it has a `mask` function (Keras' `supports_masking`). */
  override readonly supportsMasking: boolean;
  /** The registered name of the function, when it has one. */
  readonly functionName: string | undefined;
  /** The registered name of the mask function, when it has one. */
  readonly maskFunctionName: string | undefined;
  readonly outputShape: number[] | undefined;
  private readonly fn: LambdaFunction;
  private readonly maskFn: LambdaMaskFunction | undefined;

  constructor(args: LambdaArgs) {
    super(args);
    const owner = `Lambda "${this.name}"`;
    const mask = args.mask ?? undefined;
    if (mask === undefined) {
      this.maskFn = undefined;
      this.maskFunctionName = undefined;
    } else if (typeof mask === 'string') {
      const fn = maskRegistry.get(mask);
      if (!fn) {
        throw new LayerwiseError(
          `${owner}: no mask function registered as '${mask}' (argument \`mask\`); call registerLambdaMaskFunction('${mask}', fn) first. Registered: ${[...maskRegistry.keys()].join(', ') || 'none'}`,
        );
      }
      this.maskFn = fn;
      this.maskFunctionName = mask;
    } else if (typeof mask === 'function') {
      this.maskFn = mask;
      this.maskFunctionName = [...maskRegistry.entries()].find(([, fn]) => fn === mask)?.[0];
    } else {
      throw invalidArgument({ owner, argument: 'mask', expected: 'a function of (inputs, mask) giving the output mask, or a registered mask function name', received: mask });
    }
    this.supportsMasking = this.maskFn !== undefined;
    const given = args.function;
    if (typeof given === 'string') {
      const fn = registry.get(given);
      if (!fn) {
        throw new LayerwiseError(`${owner}: no function registered as '${given}'; call registerLambdaFunction('${given}', fn) first. Registered: ${[...registry.keys()].join(', ') || 'none'}`);
      }
      this.fn = fn;
      this.functionName = given;
    } else if (typeof given === 'function') {
      this.fn = given;
      this.functionName = [...registry.entries()].find(([, fn]) => fn === given)?.[0];
    } else {
      throw invalidArgument({ owner, argument: 'function', expected: 'a function or a registered function name', received: given });
    }
    if (args.outputShape !== undefined) {
      if (!Array.isArray(args.outputShape) || args.outputShape.some((d) => !Number.isInteger(d) || d < 1)) {
        throw invalidArgument({ owner, argument: 'outputShape', expected: 'a list of positive integers (without the batch axis)', received: args.outputShape });
      }
      this.outputShape = [...args.outputShape];
    } else {
      this.outputShape = undefined;
    }
  }

  call(x: Tensor, context: CallContext): Tensor {
    return tf.tidy(() => {
      const y = this.fn(x, context);
      if (!(y instanceof tf.Tensor)) {
        throw new LayerwiseError(`Lambda "${this.name}": the function must return a tensor, returned ${describeValue(y)}`);
      }
      return y === x ? tf.clone(x) : y;
    });
  }

  /**
   * The output's mask: what the `mask` function returns for the inputs and their mask (Keras'
   * `compute_mask`); none without a `mask` function (and an error if a mask was given).
   */
  override computeMask(inputs: Tensor | Tensor[], mask?: Masks): Masks {
    if (!this.maskFn) return super.computeMask(inputs, mask);
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const given = maskList(mask)[0];
    const out = tf.tidy(() => this.maskFn!(x, given) as Tensor);
    if (out !== undefined && !(out instanceof tf.Tensor)) {
      throw new LayerwiseError(`Lambda "${this.name}": the \`mask\` function must return a boolean tensor or undefined, returned ${describeValue(out)}`);
    }
    return out;
  }

  /**
   * With a `mask` function the output is taken to carry a mask (the function may make one whether
   * or not the input has one); without, as any layer that does not support masking.
   */
  override outputMasked(inputMasked: boolean | readonly boolean[]): boolean {
    return this.maskFn ? true : super.outputMasked(inputMasked) as boolean;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    if (this.outputShape) return [inputShape[0] ?? null, ...this.outputShape];
    if (inputShape.slice(1).some((d) => d === null)) {
      throw new LayerwiseError(`Lambda "${this.name}": cannot infer the output shape of input ${JSON.stringify(inputShape)}; give outputShape`);
    }
    // Run the function once on a zero batch of 1 to see what it makes.
    const shape = tf.tidy(() => this.fn(tf.zeros([1, ...(inputShape.slice(1) as number[])]), { training: false }).shape);
    return [inputShape[0] ?? null, ...shape.slice(1)];
  }

  override getConfig(): ConfigDict {
    if (this.functionName === undefined) {
      throw new LayerwiseError(
        `Lambda "${this.name}": its function cannot be serialised; register it with registerLambdaFunction(name, fn) and create the layer with { function: name }`,
      );
    }
    if (this.maskFn && this.maskFunctionName === undefined) {
      throw new LayerwiseError(
        `Lambda "${this.name}": its \`mask\` function cannot be serialised; register it with registerLambdaMaskFunction(name, fn) and create the layer with { mask: name }`,
      );
    }
    return {
      ...super.getConfig(),
      function: this.functionName,
      output_shape: this.outputShape ?? null,
      ...(this.maskFunctionName === undefined ? {} : { mask: this.maskFunctionName }),
    };
  }
}

/** Creates a {@link Lambda} layer. */
export const lambda = (args: LambdaArgs): Lambda => new Lambda(args);
