import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import {
  checkBoolean,
  checkInteger,
  checkNumber,
  formatShape,
  LayerwiseError,
  SeededRandom,
  type ConfigDict,
  type ConfigValue,
  type Initializer,
  type Shape,
} from '@layerwise/core';
import { getActivation, type ActivationFn } from '../../activations.js';
import { getConstraint, serializeConstraint, type ConstraintIdentifier } from '../../constraints/constraints.js';
import type { CallContext, LayerArgs, LayerOutput, OutputShape, SymbolicOutput } from '../../engine/layer.js';
import type { SymbolicTensor } from '../../engine/symbolic.js';
import { getInitializer, type InitializerIdentifier } from '../../initializers/index.js';
import { RegularizedLayer } from '../../regularizers/regularized-layer.js';
import { getRegularizer, serializeRegularizer, type RegularizerIdentifier } from '../../regularizers/regularizers.js';
import { anyMasked, asBoolean, checkMask, maskList, type Mask, type Masks } from '../../engine/mask.js';
import type { MaskedCallContext } from '../core/mask.js';

/**
 * The masks (or mask flags) of a recurrent layer's outputs: the sequence's, then none for each of
 * `states` final states (`returnState`); one value when there are no states.
 */
export function recurrentMasks<T extends Mask | boolean>(sequence: T, states: number, none: T = undefined as T): T | T[] {
  return states === 0 ? sequence : [sequence, ...Array.from({ length: states }, () => none)];
}

/** Arguments shared by SimpleRNN, LSTM and GRU, with Keras' defaults. */
export interface RNNArgs extends LayerArgs {
  /** Size of the hidden state (and of each output step). */
  units: number;
  /** Output activation. Default `'tanh'`. */
  activation?: string;
  /** Whether to add biases. Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Default `'orthogonal'`. */
  recurrentInitializer?: InitializerIdentifier;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier;
  recurrentRegularizer?: RegularizerIdentifier;
  biasRegularizer?: RegularizerIdentifier;
  /** Penalty on the layer's output. */
  activityRegularizer?: RegularizerIdentifier;
  kernelConstraint?: ConstraintIdentifier;
  recurrentConstraint?: ConstraintIdentifier;
  biasConstraint?: ConstraintIdentifier;
  /** Fraction of the input features dropped in training (one mask for all timesteps), in [0, 1). Default 0. */
  dropout?: number;
  /** Fraction of the previous state dropped before the recurrent product in training (one mask for all timesteps), in [0, 1). Default 0. */
  recurrentDropout?: number;
  /** Makes the dropout masks reproducible. */
  seed?: number;
  /** Return every step's output (`[batch, timesteps, units]`) instead of the last (`[batch, units]`). Default false. */
  returnSequences?: boolean;
  /**
   * Also return the final states (Keras' `return_state`): `apply` then returns `[output, ...states]`
   * (`[output, h]`, or `[output, h, c]` for LSTM), on tensors and on symbolic tensors alike; the
   * factories type such a layer as having several outputs. Default false.
   */
  returnState?: boolean;
  /** Process the sequence from the end; the returned sequence is in processing order, as Keras. Default false. */
  goBackwards?: boolean;
  /** Carry the final states of a batch into the next batch (same batch size required) until `resetStates()`. Default false. */
  stateful?: boolean;
}

/** The call context of the recurrent layers: the mask, and initial states. */
export interface RecurrentCallContext extends MaskedCallContext {
  /** Initial states (`[batch, units]` each: `[h]`, or `[h, c]` for LSTM); default zeros (or the carried states of a stateful layer). */
  readonly initialState?: readonly Tensor[] | undefined;
}

/** What one step of a cell returns. */
export interface RecurrentStepResult {
  readonly output: Tensor;
  readonly states: Tensor[];
}

/**
 * The recurrent loop shared by SimpleRNN, LSTM and GRU (Keras' RNN with its cell): the input
 * projection of every timestep in one product, then a step per timestep, masks (`context.mask`,
 * `[batch, timesteps]`: a masked step keeps the previous output and states), dropout masks fixed
 * across timesteps, `goBackwards`, `stateful` with `resetStates`, and initial states from the
 * context. Weights in Keras' layout: kernel `[inputDim, units * gates]`, recurrent_kernel
 * `[units, units * gates]`, bias. `O` is `Tensor`, or `Tensor[]` with `returnState`.
 */
export abstract class RNNBase<O extends LayerOutput = Tensor> extends RegularizedLayer<O> {
  /** Masked timesteps are skipped: they keep the previous output and states. */
  override readonly supportsMasking = true;
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly dropout: number;
  readonly recurrentDropout: number;
  readonly seed: number | undefined;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  protected readonly activationFn: ActivationFn;
  protected readonly initializers: { kernel: Initializer; recurrent: Initializer; bias: Initializer };
  private readonly regularizers;
  private readonly constraints;
  private readonly random: SeededRandom | undefined;
  private carried: Tensor[] | undefined;
  protected kernel: Variable | undefined;
  protected recurrentKernel: Variable | undefined;
  protected bias: Variable | undefined;

  /** How many state tensors the cell carries: 1 (`h`), or 2 for LSTM (`h`, `c`). */
  protected abstract readonly stateCount: number;
  /** How many gates share the kernel: 1, 4 (LSTM: i, f, c, o) or 3 (GRU: z, r, h). */
  protected abstract readonly gateCount: number;

  constructor(args: RNNArgs) {
    super(args);
    const owner = this.owner;
    this.units = checkInteger(owner, 'units', args.units);
    this.activation = args.activation ?? 'tanh';
    this.activationFn = getActivation(this.activation, owner);
    this.useBias = checkBoolean(owner, 'useBias', args.useBias ?? true);
    this.initializers = {
      kernel: getInitializer(args.kernelInitializer ?? 'glorotUniform', owner, 'kernelInitializer'),
      recurrent: getInitializer(args.recurrentInitializer ?? 'orthogonal', owner, 'recurrentInitializer'),
      bias: getInitializer(args.biasInitializer ?? 'zeros', owner, 'biasInitializer'),
    };
    this.regularizers = {
      kernel: getRegularizer(args.kernelRegularizer, owner, 'kernelRegularizer'),
      recurrent: getRegularizer(args.recurrentRegularizer, owner, 'recurrentRegularizer'),
      bias: getRegularizer(args.biasRegularizer, owner, 'biasRegularizer'),
      activity: getRegularizer(args.activityRegularizer, owner, 'activityRegularizer'),
    };
    this.constraints = {
      kernel: getConstraint(args.kernelConstraint, owner, 'kernelConstraint'),
      recurrent: getConstraint(args.recurrentConstraint, owner, 'recurrentConstraint'),
      bias: getConstraint(args.biasConstraint, owner, 'biasConstraint'),
    };
    this.dropout = checkNumber(owner, 'dropout', args.dropout ?? 0, { min: 0, max: 1, maxExclusive: true });
    this.recurrentDropout = checkNumber(owner, 'recurrentDropout', args.recurrentDropout ?? 0, { min: 0, max: 1, maxExclusive: true });
    this.seed = args.seed;
    this.random = args.seed === undefined ? undefined : new SeededRandom(args.seed);
    this.returnSequences = checkBoolean(owner, 'returnSequences', args.returnSequences ?? false);
    this.returnState = checkBoolean(owner, 'returnState', args.returnState ?? false);
    this.goBackwards = checkBoolean(owner, 'goBackwards', args.goBackwards ?? false);
    this.stateful = checkBoolean(owner, 'stateful', args.stateful ?? false);
  }

  /** How many state tensors the layer carries and returns with `returnState`: 1, or 2 for LSTM (`h`, `c`). */
  get numStates(): number {
    return this.stateCount;
  }

  /** `LSTM "lstm"`: how errors name the layer. */
  protected get owner(): string {
    return `${this.className} "${this.name}"`;
  }

  /** The bias shape: `[units * gates]` by default (GRU with `resetAfter`: `[2, units * 3]`). */
  protected biasShape(): number[] {
    return [this.units * this.gateCount];
  }

  /** The initialiser of the bias (LSTM's `unitForgetBias` overrides it). */
  protected biasInitializer(): Initializer {
    return this.initializers.bias;
  }

  /** The bias added to the input projection (GRU with `resetAfter` uses its first row). */
  protected inputBias(): Tensor | undefined {
    return this.bias;
  }

  /** One timestep: `projected` is `x_t · kernel + input bias` (`[batch, units * gates]`), `hIn` the previous output after recurrent dropout. */
  protected abstract step(projected: Tensor, states: Tensor[], hIn: Tensor): RecurrentStepResult;

  override build(inputShape: Shape): void {
    const inputDim = inputShape[2];
    if (inputShape.length !== 3 || inputDim == null) {
      throw new LayerwiseError(`${this.owner}: needs inputs [batch, timesteps, features] with known features, received ${formatShape(inputShape)}`);
    }
    const width = this.units * this.gateCount;
    this.kernel = this.addRegularizedWeight({
      name: 'kernel',
      shape: [inputDim, width],
      initializer: this.initializers.kernel,
      regularizer: this.regularizers.kernel,
      constraint: this.constraints.kernel,
    });
    this.recurrentKernel = this.addRegularizedWeight({
      name: 'recurrent_kernel',
      shape: [this.units, width],
      initializer: this.initializers.recurrent,
      regularizer: this.regularizers.recurrent,
      constraint: this.constraints.recurrent,
    });
    if (this.useBias) {
      this.bias = this.addRegularizedWeight({
        name: 'bias',
        shape: this.biasShape(),
        initializer: this.biasInitializer(),
        regularizer: this.regularizers.bias,
        constraint: this.constraints.bias,
      });
    }
  }

  /** As the base, but any number of timesteps fits once built (Keras' recurrent input spec). */
  override ensureBuilt(inputShape: Shape): void {
    const built = this.inputShape;
    super.ensureBuilt(built && built.length === 3 && inputShape.length === 3 ? [inputShape[0] ?? null, built[1] ?? null, inputShape[2] ?? null] : inputShape);
  }

  /** `Layer.apply`, typed for this layer's call context (masks and the rest); see {@link Layer.apply}. */
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicOutput<O>;
  override apply(inputs: Tensor | readonly Tensor[], context?: RecurrentCallContext): O;
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[] | Tensor | readonly Tensor[], context?: RecurrentCallContext): SymbolicOutput<O> | O {
    return super.apply(inputs as never, context);
  }

  /**
   * Runs the layer on a tensor and returns `[output, ...finalStates]` whatever `returnState` says
   * (`[output, h]`, or `[output, h, c]` for LSTM), building it first if needed. The caller disposes them.
   */
  applyWithState(x: Tensor, context: RecurrentCallContext = { training: false }): Tensor[] {
    this.ensureBuilt(x.shape);
    const { output, states } = this.run(x, this.callContext(context) as RecurrentCallContext);
    return [output, ...states];
  }

  /** The output, or `[output, ...states]` with `returnState`. */
  call(x: Tensor, context: CallContext): O {
    const { output, states } = this.run(x, context as RecurrentCallContext);
    if (this.returnState) return [output, ...states] as O;
    tf.dispose(states);
    return output as O;
  }

  /** The states a call starts from: given, carried (stateful) or zeros. */
  private startStates(batch: number, given: readonly Tensor[] | undefined): Tensor[] {
    if (given) {
      if (given.length !== this.stateCount || given.some((s) => s.rank !== 2 || s.shape[0] !== batch || s.shape[1] !== this.units)) {
        throw new LayerwiseError(
          `${this.owner}: initialState must be ${this.stateCount} tensor(s) of shape ${formatShape([batch, this.units])}, received ${given.map((s) => formatShape(s.shape)).join(', ') || 'none'}`,
        );
      }
      return [...given];
    }
    if (this.stateful && this.carried) {
      if (this.carried[0]!.shape[0] !== batch) {
        throw new LayerwiseError(
          `${this.owner}: a stateful layer needs the same batch size in every call; its states are for batches of ${this.carried[0]!.shape[0]}, received ${batch}. Call resetStates() to start over`,
        );
      }
      return [...this.carried];
    }
    return Array.from({ length: this.stateCount }, () => tf.zeros([batch, this.units]));
  }

  private run(x: Tensor, context: RecurrentCallContext): RecurrentStepResult {
    const [batch, steps, inputDim] = x.shape as [number, number, number];
    const training = context.training;
    const dropoutSeed = training && this.dropout > 0 ? this.random?.nextSeed() ?? null : undefined;
    const recurrentSeed = training && this.recurrentDropout > 0 ? this.random?.nextSeed() ?? null : undefined;
    if (context.mask) checkMask(context.mask, x.shape, this.owner);
    const result = tf.tidy(() => {
      let input = x;
      if (dropoutSeed !== undefined) {
        const keep = tf.dropout(tf.ones([batch, 1, inputDim]), this.dropout, undefined, dropoutSeed ?? undefined);
        input = tf.mul(x, keep);
      }
      const recurrentKeep = recurrentSeed !== undefined ? tf.dropout(tf.ones([batch, this.units]), this.recurrentDropout, undefined, recurrentSeed ?? undefined) : undefined;
      let projected: Tensor = tf.matMul(tf.reshape(input, [batch * steps, inputDim]), this.kernel!);
      const bias = this.inputBias();
      if (bias) projected = tf.add(projected, bias);
      // Copies: the arrays tf.unstack returns are the gradient tape's record of its outputs, so
      // reversing them in place would scramble the gradients.
      const inputs = [...tf.unstack(tf.reshape(projected, [batch, steps, -1]), 1)];
      const masks = context.mask ? [...tf.unstack(tf.expandDims(asBoolean(context.mask), 2), 1)] : undefined;
      if (this.goBackwards) {
        inputs.reverse();
        masks?.reverse();
      }
      let states = this.startStates(batch, context.initialState);
      let previous: Tensor | undefined;
      const outputs: Tensor[] = [];
      inputs.forEach((projectedStep, t) => {
        const h = states[0]!;
        const next = this.step(projectedStep, states, recurrentKeep ? tf.mul(h, recurrentKeep) : h);
        let output = next.output;
        let nextStates = next.states;
        if (masks) {
          const keepStep = masks[t]!;
          output = tf.where(keepStep, output, previous ?? tf.zerosLike(output));
          nextStates = nextStates.map((s, i) => tf.where(keepStep, s, states[i]!));
        }
        outputs.push(output);
        previous = output;
        states = nextStates;
      });
      const output = this.returnSequences ? tf.stack(outputs, 1) : outputs[outputs.length - 1]!;
      // The last output is often the state itself: return distinct tensors so each can be disposed alone.
      return { output, states: states.map((s) => (s === output ? tf.clone(s) : s)) };
    }) as RecurrentStepResult;
    if (this.stateful) {
      const kept = result.states.map((s) => tf.keep(tf.clone(s)));
      this.disposeCarried();
      this.carried = kept;
    }
    this.recordActivity(this.regularizers.activity, result.output);
    return result;
  }

  private disposeCarried(): void {
    if (this.carried) tf.dispose(this.carried);
    this.carried = undefined;
  }

  /**
   * Clears the carried states of a stateful layer (the next call starts from zeros), or sets them to
   * `states` (`[batch, units]` each), as Keras' `reset_states`.
   */
  resetStates(states?: readonly Tensor[]): void {
    if (!this.stateful) throw new LayerwiseError(`${this.owner}: resetStates() needs a stateful layer (stateful: true)`);
    if (states) {
      const batch = states[0]?.shape[0] ?? 0;
      const checked = this.startStates(batch, states).map((s) => tf.keep(tf.clone(s)));
      this.disposeCarried();
      this.carried = checked;
    } else {
      this.disposeCarried();
    }
  }

  /** The states a stateful layer carries (copies the caller disposes), or `undefined` when none. */
  getStates(): Tensor[] | undefined {
    return this.carried?.map((s) => tf.clone(s));
  }

  /**
   * With `returnSequences`, the input mask goes on with the output sequence (reversed with
   * `goBackwards`, as the sequence is); the last output and the states have none.
   */
  override computeMask(_x: Tensor | Tensor[], mask?: Masks): Masks {
    const given = maskList(mask)[0];
    const sequence = this.returnSequences && given ? (this.goBackwards ? tf.reverse(given, 1) : given) : undefined;
    return recurrentMasks(sequence, this.returnState ? this.stateCount : 0);
  }

  override outputMasked(inputMasked: boolean | readonly boolean[]): boolean | boolean[] {
    return recurrentMasks(this.returnSequences && anyMasked(inputMasked), this.returnState ? this.stateCount : 0, false);
  }

  override computeOutputShape(inputShape: Shape): OutputShape<O> {
    const batch = inputShape[0] ?? null;
    const output: Shape = this.returnSequences ? [batch, inputShape[1] ?? null, this.units] : [batch, this.units];
    if (!this.returnState) return output as OutputShape<O>;
    return [output, ...Array.from({ length: this.stateCount }, (): Shape => [batch, this.units])] as OutputShape<O>;
  }

  override dispose(): void {
    this.disposeCarried();
    super.dispose();
  }

  override getConfig(): ConfigDict {
    const init = (i: Initializer): ConfigValue => ({ class_name: i.className, config: i.getConfig() });
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      use_bias: this.useBias,
      kernel_initializer: init(this.initializers.kernel),
      recurrent_initializer: init(this.initializers.recurrent),
      bias_initializer: init(this.initializers.bias),
      kernel_regularizer: serializeRegularizer(this.regularizers.kernel),
      recurrent_regularizer: serializeRegularizer(this.regularizers.recurrent),
      bias_regularizer: serializeRegularizer(this.regularizers.bias),
      activity_regularizer: serializeRegularizer(this.regularizers.activity),
      kernel_constraint: serializeConstraint(this.constraints.kernel),
      recurrent_constraint: serializeConstraint(this.constraints.recurrent),
      bias_constraint: serializeConstraint(this.constraints.bias),
      dropout: this.dropout,
      recurrent_dropout: this.recurrentDropout,
      seed: this.seed ?? null,
      return_sequences: this.returnSequences,
      return_state: this.returnState,
      go_backwards: this.goBackwards,
      stateful: this.stateful,
    };
  }
}
