import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { describeValue, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../../engine/layer.js';

/** The function a {@link Lambda} layer applies: a tensor in, a tensor out (tfjs-core ops only, no side effects). */
export type LambdaFunction = (x: Tensor, context: CallContext) => Tensor;

const registry = new Map<string, LambdaFunction>();

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

/** Arguments of {@link Lambda}. */
export interface LambdaArgs extends LayerArgs {
  /** The function, or the name it was registered under with {@link registerLambdaFunction}. */
  function: LambdaFunction | string;
  /** The output shape of one sample (no batch axis); default: found by running the function once on zeros. */
  outputShape?: readonly number[];
}

/**
 * Wraps a JavaScript function as a layer (Keras' Lambda), for stateless computations: no weights.
 * Not serialisable by itself: a function has no portable form, so `getConfig` throws unless the
 * function was registered by name with {@link registerLambdaFunction}, and `fromConfig` needs the
 * same registration.
 *
 * @example
 * ```ts
 * registerLambdaFunction('double', (x) => tf.mul(x, 2));
 * const layer = lambda({ function: 'double' });
 * ```
 */
export class Lambda extends Layer {
  static override readonly className: string = 'Lambda';
  /** The registered name of the function, when it has one. */
  readonly functionName: string | undefined;
  readonly outputShape: number[] | undefined;
  private readonly fn: LambdaFunction;

  constructor(args: LambdaArgs) {
    super(args);
    const owner = `Lambda "${this.name}"`;
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
    return { ...super.getConfig(), function: this.functionName, output_shape: this.outputShape ?? null };
  }
}

/** Creates a {@link Lambda} layer. */
export const lambda = (args: LambdaArgs): Lambda => new Lambda(args);
