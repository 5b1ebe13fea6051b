import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict, GradientPair, Optimizer } from '@layerwise/core';
import { LayerwiseError, checkInteger, describeValue, formatShape, invalidArgument } from '@layerwise/core';
import { checkBaseSettings } from './base-options.js';
import type { BaseOptimizerOptions, BaseSettings } from './base-options.js';
import { clipGradients } from './clipping.js';
import { checkLearningRate, learningRateAt, learningRateConfig } from './learning-rate.js';
import type { LearningRate } from './learning-rate.js';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import type { OptimizerState, VariableSlotState } from './state.js';
import { checkName } from './validation.js';

/** A subclass' default learning rate, name and (AdamW) weight decay. */
export interface BaseOptimizerDefaults {
  /** The learning rate when the options give none. */
  readonly learningRate: number;
  /** The name when the options give none (Keras' default for the class). */
  readonly name: string;
  /** The weight decay when the options give none; null (the default) for none. */
  readonly weightDecay?: number | null;
}

/** The slot holding a variable's moving average with `useEma` (Keras' name). */
const EMA_SLOT = 'average';
/** The slot accumulating a variable's gradients with `gradientAccumulationSteps` (Keras' name). */
const ACCUMULATOR_SLOT = 'gradient_accumulator';

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The base of every Layerwise optimizer, in Keras 3's shape: slot variables (momenta and the like)
 * are created lazily by {@link BaseOptimizer.build} for each variable the first time it is seen,
 * subclasses implement {@link BaseOptimizer.updateStep} for one variable, and
 * {@link BaseOptimizer.applyGradients} runs it for every pair inside `tf.tidy`, then counts the
 * iteration.
 *
 * Everything Keras' base optimizer does around the update is done here, once for all optimizers,
 * in Keras' order: gradient accumulation (`gradientAccumulationSteps`), clipping (`clipnorm`,
 * `clipvalue`, `globalClipnorm`), decoupled weight decay (`weightDecay`), the update, then the
 * moving average of the weights (`useEma`). The learning rate is a number that can be changed at
 * any time (callbacks do), or a {@link LearningRateSchedule} of the step count.
 *
 * @example
 * ```ts
 * class PlainDescent extends BaseOptimizer {
 *   constructor(options: BaseOptimizerOptions = {}) { super('PlainDescent', options, { learningRate: 0.1, name: 'plain' }); }
 *   protected slotNames() { return []; }
 *   protected updateStep(gradient: Tensor, variable: Variable, learningRate: number) {
 *     variable.assign(tf.sub(variable, tf.mul(gradient, learningRate)));
 *   }
 * }
 * ```
 */
export abstract class BaseOptimizer implements Optimizer, BaseSettings {
  /** The Keras class name written into saved configs (`'SGD'`, `'RMSprop'`, `'Adam'`). */
  readonly className: string;
  /** The optimizer's name (Keras' `name` argument). */
  readonly name: string;
  /** Decoupled weight decay applied before each update, or null for none. */
  readonly weightDecay: number | null;
  /** The L2 norm each gradient is clipped to, or null. */
  readonly clipnorm: number | null;
  /** The bound each gradient element is clipped to, or null. */
  readonly clipvalue: number | null;
  /** The L2 norm all gradients together are clipped to, or null. */
  readonly globalClipnorm: number | null;
  /** Whether a moving average of the weights is kept. */
  readonly useEma: boolean;
  /** The momentum of the weights' moving average. */
  readonly emaMomentum: number;
  /** Every how many iterations the weights are overwritten with their average, or null for never. */
  readonly emaOverwriteFrequency: number | null;
  /** How many `applyGradients` calls are accumulated into one update, or null for every call. */
  readonly gradientAccumulationSteps: number | null;
  private rate: LearningRate;
  /** Keras' `_iterations`: the `applyGradients` calls so far. */
  private stepCounter = 0;
  /** Slots per variable (slot name to slot variable), in the order the variables were built. */
  private readonly slotsByVariable = new Map<Variable, Map<string, Variable>>();

  /**
   * @param className the Keras class name, also the owner named in error messages.
   * @param options the options common to every optimizer (the subclass' own are ignored here).
   * @param defaults the subclass' default learning rate, name and weight decay.
   */
  protected constructor(className: string, options: BaseOptimizerOptions, defaults: BaseOptimizerDefaults) {
    this.className = className;
    this.rate = checkLearningRate(className, options.learningRate ?? defaults.learningRate);
    this.name = checkName(className, options.name ?? defaults.name);
    const settings = checkBaseSettings(className, options, defaults.weightDecay ?? null);
    this.weightDecay = settings.weightDecay;
    this.clipnorm = settings.clipnorm;
    this.clipvalue = settings.clipvalue;
    this.globalClipnorm = settings.globalClipnorm;
    this.useEma = settings.useEma;
    this.emaMomentum = settings.emaMomentum;
    this.emaOverwriteFrequency = settings.emaOverwriteFrequency;
    this.gradientAccumulationSteps = settings.gradientAccumulationSteps;
  }

  /**
   * The current learning rate: the number, or the schedule's value at {@link BaseOptimizer.stepCount}.
   * Setting a number validates it and applies from the next step; setting a schedule replaces the
   * rate; setting a number while the rate is a schedule is an error, as in Keras.
   */
  get learningRate(): number {
    return learningRateAt(this.className, this.rate, this.stepCounter);
  }

  set learningRate(value: number | LearningRateSchedule) {
    if (this.rate instanceof LearningRateSchedule && !(value instanceof LearningRateSchedule)) {
      throw new LayerwiseError(
        `${this.className}: the learning rate is the schedule ${this.rate.className}, so it cannot be set to a number; ` +
          `create the optimizer with a number \`learningRate\` to change it during training. Received: learningRate=${describeValue(value)}`,
      );
    }
    this.rate = checkLearningRate(this.className, value);
  }

  /** The learning rate schedule, or null when the learning rate is a number. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return this.rate instanceof LearningRateSchedule ? this.rate : null;
  }

  /**
   * How many updates have been applied (Keras' `optimizer.iterations`): the number of
   * `applyGradients` calls, divided by `gradientAccumulationSteps` (rounded down) when set.
   */
  get iterations(): number {
    const steps = this.gradientAccumulationSteps;
    return steps === null ? this.stepCounter : Math.floor(this.stepCounter / steps);
  }

  /**
   * How many times `applyGradients` has run with gradients (Keras' `optimizer._iterations`), the
   * step a learning rate schedule is evaluated at. Equals `iterations` without gradient accumulation.
   */
  get stepCount(): number {
    return this.stepCounter;
  }

  /** The slots each variable gets under this configuration (`['momentum']`, or none). */
  protected abstract slotNames(): readonly string[];

  /**
   * Applies one update to `variable` from `gradient` by assigning new values to the variable and
   * its slots. Runs inside `tf.tidy`, once per variable per update; `iterations` is the number of
   * completed updates before this one. The gradient is already accumulated and clipped and the
   * weight decay applied.
   */
  protected abstract updateStep(gradient: Tensor, variable: Variable, learningRate: number): void;

  /** The initial value of slot `slotName` of `variable`; zeros unless overridden (Adagrad starts elsewhere). */
  protected initialSlotValue(_slotName: string, variable: Variable): Tensor {
    return tf.zerosLike(variable);
  }

  /** The subclass' slots, then the moving average and the gradient accumulator when enabled. */
  private allSlotNames(): string[] {
    const own = this.slotNames();
    const reserved = own.filter((slotName) => slotName === EMA_SLOT || slotName === ACCUMULATOR_SLOT);
    if (reserved.length > 0) throw new LayerwiseError(`${this.className}: slot name '${reserved[0]}' is reserved by BaseOptimizer`);
    return [...own, ...(this.useEma ? [EMA_SLOT] : []), ...(this.gradientAccumulationSteps !== null ? [ACCUMULATOR_SLOT] : [])];
  }

  private initialValue(slotName: string, variable: Variable): Tensor {
    if (slotName === EMA_SLOT) return tf.clone(variable);
    if (slotName === ACCUMULATOR_SLOT) return tf.zerosLike(variable);
    const value = this.initialSlotValue(slotName, variable);
    if (!sameShape(value.shape, variable.shape) || value.dtype !== variable.dtype) {
      const got = `${value.dtype} ${formatShape(value.shape)}`;
      value.dispose();
      throw new LayerwiseError(`${this.className}: the initial value of slot '${slotName}' must be a ${variable.dtype} tensor of shape ${formatShape(variable.shape)}, received ${got}`);
    }
    return value;
  }

  /**
   * Creates the slot variables of every variable not seen yet: the subclass' slots (zeros unless
   * `initialSlotValue` says otherwise), a copy of the variable for its moving average with
   * `useEma`, zeros to accumulate its gradients with `gradientAccumulationSteps`.
   * `applyGradients` calls it; call it yourself to create the slots before restoring a state.
   */
  build(variables: readonly Variable[]): void {
    const owner = `${this.className}.build`;
    if (!Array.isArray(variables)) throw invalidArgument({ owner, argument: 'variables', expected: 'an array of tf.Variable', received: variables });
    for (const variable of variables) this.checkVariable(owner, variable);
    const slotNames = this.allSlotNames();
    for (const variable of variables) {
      if (this.slotsByVariable.has(variable)) continue;
      const slots = new Map<string, Variable>();
      try {
        for (const slotName of slotNames) {
          const initial = this.initialValue(slotName, variable);
          slots.set(slotName, tf.variable(initial, false));
          initial.dispose();
        }
      } catch (error) {
        tf.dispose([...slots.values()]);
        throw error;
      }
      this.slotsByVariable.set(variable, slots);
    }
  }

  /** The slot variable `slotName` of `variable`, for `updateStep`. */
  protected getSlot(variable: Variable, slotName: string): Variable {
    const slot = this.slotsByVariable.get(variable)?.get(slotName);
    if (slot === undefined) throw new LayerwiseError(`${this.className}: variable '${variable.name}' has no slot '${slotName}'; build(variables) creates the slots`);
    return slot;
  }

  /**
   * Applies one training step from the gradients, as Keras' `apply_gradients`. With
   * `gradientAccumulationSteps` N, only every N-th call updates the variables, from the mean of
   * the last N gradients; the others add the gradients to the accumulators. An update clips the
   * gradients, applies the weight decay (`w -= w * weightDecay * learningRate`), then runs
   * `updateStep` for each variable inside `tf.tidy`. With `useEma`, the moving average of the
   * variables is then updated (and written into them every `emaOverwriteFrequency` iterations).
   * Builds the slots of variables seen for the first time. The gradients are not disposed. An empty
   * list is a no-op, as in Keras.
   */
  applyGradients(pairs: readonly GradientPair[]): void {
    this.checkPairs(pairs);
    if (pairs.length === 0) return;
    const variables = pairs.map((pair) => pair.variable);
    this.build(variables);
    const learningRate = this.learningRate;
    const steps = this.gradientAccumulationSteps;
    if (steps !== null && (this.stepCounter + 1) % steps !== 0) {
      this.accumulate(pairs);
    } else {
      this.update(pairs, learningRate);
      if (steps !== null) this.resetAccumulators();
    }
    if (this.useEma) this.updateMovingAverages(variables);
    this.stepCounter += 1;
  }

  private accumulate(pairs: readonly GradientPair[]): void {
    for (const { gradient, variable } of pairs) {
      const accumulator = this.getSlot(variable, ACCUMULATOR_SLOT);
      tf.tidy(() => {
        accumulator.assign(tf.add(gradient.dtype === variable.dtype ? gradient : tf.cast(gradient, variable.dtype), accumulator));
      });
    }
  }

  private resetAccumulators(): void {
    for (const slots of this.slotsByVariable.values()) {
      const accumulator = slots.get(ACCUMULATOR_SLOT)!;
      tf.tidy(() => accumulator.assign(tf.zerosLike(accumulator)));
    }
  }

  /** The gradients an update uses: cast to the variables' dtype, averaged with the accumulated ones, clipped. */
  private prepareGradients(pairs: readonly GradientPair[]): Tensor[] {
    const steps = this.gradientAccumulationSteps;
    return tf.tidy(() => {
      let gradients = pairs.map(({ gradient, variable }) => (gradient.dtype === variable.dtype ? gradient : tf.cast(gradient, variable.dtype)));
      if (steps !== null) {
        gradients = gradients.map((g, i) => tf.div(tf.add(g, this.getSlot(pairs[i]!.variable, ACCUMULATOR_SLOT)), steps));
      }
      return clipGradients(gradients, this);
    });
  }

  private update(pairs: readonly GradientPair[], learningRate: number): void {
    const gradients = this.prepareGradients(pairs);
    const { weightDecay } = this;
    try {
      pairs.forEach(({ variable }, i) => {
        tf.tidy(() => {
          if (weightDecay !== null) variable.assign(tf.sub(variable, tf.mul(tf.mul(variable, weightDecay), learningRate)));
          this.updateStep(gradients[i]!, variable, learningRate);
        });
      });
    } finally {
      tf.dispose(gradients.filter((g, i) => g !== pairs[i]!.gradient));
    }
  }

  /**
   * Keras' `_update_model_variables_moving_average`: `average = m * average + (1 - m) * w`, with
   * `m = emaMomentum` except on the first iteration, where the average is the variable itself; then
   * every `emaOverwriteFrequency` iterations the variables take their average's value.
   */
  private updateMovingAverages(variables: readonly Variable[]): void {
    const momentum = this.iterations === 0 ? 0 : this.emaMomentum;
    for (const variable of variables) {
      const average = this.getSlot(variable, EMA_SLOT);
      tf.tidy(() => {
        average.assign(tf.add(tf.mul(average, momentum), tf.mul(variable, 1 - momentum)));
      });
    }
    const frequency = this.emaOverwriteFrequency;
    if (frequency !== null && (this.iterations + 1) % frequency === 0) {
      for (const variable of variables) variable.assign(this.getSlot(variable, EMA_SLOT));
    }
  }

  /** The variables with a moving average among `variables` (default: all the optimizer has seen). */
  private averagedVariables(owner: string, variables: readonly Variable[] | undefined): Variable[] {
    if (variables === undefined) return [...this.slotsByVariable.keys()];
    if (!Array.isArray(variables)) throw invalidArgument({ owner, argument: 'variables', expected: 'an array of tf.Variable', received: variables });
    for (const variable of variables) {
      this.checkVariable(owner, variable);
      if (!this.slotsByVariable.get(variable)?.has(EMA_SLOT)) {
        throw new LayerwiseError(`${owner}: variable '${variable.name}' has no moving average; this optimizer has not updated it`);
      }
    }
    return [...variables];
  }

  /**
   * With `useEma`, writes the moving averages into the variables (Keras' `finalize_variable_values`,
   * which `fit` calls at the end of training); without it, does nothing. Defaults to every
   * variable the optimizer has updated.
   */
  finalizeVariableValues(variables?: readonly Variable[]): void {
    if (!this.useEma) return;
    for (const variable of this.averagedVariables(`${this.className}.finalizeVariableValues`, variables)) {
      variable.assign(this.getSlot(variable, EMA_SLOT));
    }
  }

  /**
   * Exchanges the variables' values with their moving averages (as Keras' `SwapEMAWeights`
   * callback): call it once to evaluate with the averaged weights, once more to go back to
   * training. Requires `useEma`. Defaults to every variable the optimizer has updated.
   */
  swapEmaWeights(variables?: readonly Variable[]): void {
    const owner = `${this.className}.swapEmaWeights`;
    if (!this.useEma) throw new LayerwiseError(`${owner}: this optimizer keeps no moving average; create it with \`useEma: true\``);
    for (const variable of this.averagedVariables(owner, variables)) {
      const average = this.getSlot(variable, EMA_SLOT);
      const current = tf.clone(variable);
      variable.assign(average);
      average.assign(current);
      current.dispose();
    }
  }

  /**
   * The Keras config: `name`, `learning_rate` (a number or a serialised schedule), the base
   * settings (`weight_decay`, `clipnorm`, `global_clipnorm`, `clipvalue`, `use_ema`,
   * `ema_momentum`, `ema_overwrite_frequency`, `gradient_accumulation_steps`, null when off);
   * subclasses add theirs.
   */
  getConfig(): ConfigDict {
    return {
      name: this.name,
      learning_rate: learningRateConfig(this.rate),
      weight_decay: this.weightDecay,
      clipnorm: this.clipnorm,
      global_clipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      use_ema: this.useEma,
      ema_momentum: this.emaMomentum,
      ema_overwrite_frequency: this.emaOverwriteFrequency,
      gradient_accumulation_steps: this.gradientAccumulationSteps,
    };
  }

  /**
   * A copy of the optimizer's state: the step count (`stepCount`, Keras' `_iterations`), the
   * learning rate when it is a number (callbacks change it), and every slot value per variable in
   * build order, the moving averages (`average`) and gradient accumulators
   * (`gradient_accumulator`) included. The caller owns the tensors. Together with the model's
   * weights it lets training resume exactly where it was.
   */
  getState(): OptimizerState {
    const slots: VariableSlotState[] = [];
    for (const [variable, variableSlots] of this.slotsByVariable) {
      const values: Record<string, Tensor> = {};
      for (const [slotName, slot] of variableSlots) values[slotName] = tf.clone(slot);
      slots.push({ variableName: variable.name, values });
    }
    const state = { iterations: this.stepCounter, slots };
    return typeof this.rate === 'number' ? { ...state, learningRate: this.rate } : state;
  }

  /**
   * Restores a state exported by {@link BaseOptimizer.getState}; the caller keeps its
   * tensors and may dispose them right after. Without `variables`, each entry goes
   * to the already built variable of the same name; with `variables` (the same variables in the same
   * order, for instance a reloaded model's weights, whose names differ), entries are matched by
   * position and slots are created for variables that have none. Afterwards the optimizer must have
   * slots for exactly the state's variables; when anything does not fit (names, count, slot names,
   * shapes, dtypes, a learning rate for a schedule-driven optimizer) it throws and changes nothing.
   *
   * @example
   * ```ts
   * const saved = optimizer.getState();
   * // ... later, with the model's weights restored too:
   * optimizer.setState(saved);
   * disposeOptimizerState(saved);
   * ```
   */
  setState(state: OptimizerState, variables?: readonly Variable[]): void {
    const owner = `${this.className}.setState`;
    if (typeof state !== 'object' || state === null || !Array.isArray(state.slots)) {
      throw invalidArgument({ owner, argument: 'state', expected: 'an object { iterations, slots } from getState()', received: state });
    }
    const iterations = checkInteger(owner, 'state.iterations', state.iterations, 0);
    let learningRate = this.rate;
    if (state.learningRate !== undefined) {
      if (this.rate instanceof LearningRateSchedule) {
        throw new LayerwiseError(`${owner}: the state holds a learning rate, but this optimizer's is the schedule ${this.rate.className}. Received: state.learningRate=${describeValue(state.learningRate)}`);
      }
      learningRate = checkLearningRate(owner, state.learningRate);
    }
    let targets: Variable[];
    if (variables !== undefined) {
      if (!Array.isArray(variables) || variables.length !== state.slots.length) {
        throw new LayerwiseError(`${owner}: the state holds slots for ${state.slots.length} variables, received ${Array.isArray(variables) ? variables.length : 'no array of'} variables`);
      }
      for (const variable of variables) this.checkVariable(owner, variable);
      targets = [...variables];
    } else {
      const byName = new Map([...this.slotsByVariable.keys()].map((v) => [v.name, v] as const));
      targets = state.slots.map((entry) => {
        const variable = byName.get(entry?.variableName);
        if (variable === undefined) {
          throw new LayerwiseError(`${owner}: this optimizer has no slots for variable '${entry?.variableName}'; pass the variables to match the state by position`);
        }
        return variable;
      });
    }
    const slotted = new Set([...this.slotsByVariable.keys(), ...targets]);
    if (new Set(targets).size !== targets.length || slotted.size !== targets.length) {
      throw new LayerwiseError(`${owner}: the state holds slots for ${state.slots.length} variables, this optimizer would have slots for ${slotted.size}`);
    }
    // Check everything before changing anything.
    const slotNames = this.allSlotNames();
    targets.forEach((variable, i) => {
      const values = state.slots[i]?.values ?? {};
      const names = Object.keys(values);
      if (names.length !== slotNames.length || !names.every((n) => slotNames.includes(n))) {
        throw new LayerwiseError(`${owner}: variable '${variable.name}' has slots [${slotNames.join(', ')}], the state [${names.join(', ')}]`);
      }
      for (const slotName of slotNames) {
        const value = values[slotName];
        if (!(value instanceof tf.Tensor) || value.isDisposed || !sameShape(value.shape, variable.shape) || value.dtype !== variable.dtype) {
          const got = value instanceof tf.Tensor ? (value.isDisposed ? 'a disposed tensor' : `${value.dtype} ${formatShape(value.shape)}`) : typeof value;
          throw new LayerwiseError(`${owner}: slot '${slotName}' of variable '${variable.name}' must be a ${variable.dtype} tensor of shape ${formatShape(variable.shape)}, received ${got}`);
        }
      }
    });
    this.build(targets);
    // assign shares the value's reference-counted data, so the caller may dispose the state after.
    // Going through a clone keeps the data alive when the value already is the slot's own data.
    targets.forEach((variable, i) => {
      for (const slotName of slotNames) {
        const value = tf.clone(state.slots[i]!.values[slotName]!);
        this.getSlot(variable, slotName).assign(value);
        value.dispose();
      }
    });
    this.stepCounter = iterations;
    this.rate = learningRate;
  }

  /**
   * Frees every slot variable and resets the step count: the optimizer is as if new (keeping its
   * current learning rate), and builds fresh slots if it is used again.
   */
  dispose(): void {
    for (const slots of this.slotsByVariable.values()) tf.dispose([...slots.values()].filter((slot) => !slot.isDisposed));
    this.slotsByVariable.clear();
    this.stepCounter = 0;
  }

  private checkVariable(owner: string, variable: unknown): asserts variable is Variable {
    if (!(variable instanceof tf.Variable)) throw invalidArgument({ owner, argument: 'variable', expected: 'a tf.Variable', received: variable });
    if (variable.isDisposed) throw new LayerwiseError(`${owner}: variable '${variable.name}' is disposed`);
    if (variable.dtype !== 'float32') {
      throw new LayerwiseError(`${owner}: variable '${variable.name}' has dtype ${variable.dtype}; optimizers update float32 variables only`);
    }
  }

  private checkPairs(pairs: readonly GradientPair[]): void {
    const owner = `${this.className}.applyGradients`;
    if (!Array.isArray(pairs)) throw invalidArgument({ owner, argument: 'pairs', expected: 'an array of { variable, gradient }', received: pairs });
    const seen = new Set<Variable>();
    for (const pair of pairs) {
      this.checkVariable(owner, pair?.variable);
      const { variable, gradient } = pair;
      if (!(gradient instanceof tf.Tensor) || gradient.isDisposed) {
        throw new LayerwiseError(`${owner}: the gradient of variable '${variable.name}' must be a live tensor, received ${gradient instanceof tf.Tensor ? 'a disposed tensor' : typeof gradient}`);
      }
      if (!sameShape(gradient.shape, variable.shape)) {
        throw new LayerwiseError(`${owner}: the gradient of variable '${variable.name}' has shape ${formatShape(gradient.shape)}, the variable ${formatShape(variable.shape)}`);
      }
      if (seen.has(variable)) throw new LayerwiseError(`${owner}: variable '${variable.name}' appears twice`);
      seen.add(variable);
    }
  }
}
