import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import type { ConfigDict, GradientPair, Optimizer } from '@layerwise/core';
import { LayerwiseError, checkInteger, formatShape, invalidArgument } from '@layerwise/core';
import type { OptimizerState, VariableSlotState } from './state.js';
import { checkLearningRate, checkName } from './validation.js';

/** Options every optimizer takes. */
export interface BaseOptimizerOptions {
  /** The step size; settable later through `optimizer.learningRate`. Must be greater than 0. */
  learningRate?: number;
  /** The optimizer's name, as written in its config (Keras: `'SGD'`, `'rmsprop'`, `'adam'`). */
  name?: string;
}

/** Option names every optimizer accepts, for the subclasses' unknown-option check. */
export const BASE_OPTION_NAMES = ['learningRate', 'name'] as const;

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The base of every Layerwise optimizer, in Keras 3's shape: slot variables (momenta and the like)
 * are created lazily by {@link BaseOptimizer.build} for each variable the first time it is seen,
 * subclasses implement {@link BaseOptimizer.updateStep} for one variable, and
 * {@link BaseOptimizer.applyGradients} runs it for every pair inside `tf.tidy`, then counts the
 * iteration. The learning rate can be changed at any time (callbacks do).
 *
 * @example
 * ```ts
 * class PlainDescent extends BaseOptimizer {
 *   constructor() { super('PlainDescent', {}, { learningRate: 0.1, name: 'plain' }); }
 *   protected slotNames() { return []; }
 *   protected updateStep(gradient: Tensor, variable: Variable, learningRate: number) {
 *     variable.assign(tf.sub(variable, tf.mul(gradient, learningRate)));
 *   }
 * }
 * ```
 */
export abstract class BaseOptimizer implements Optimizer {
  /** The Keras class name written into saved configs (`'SGD'`, `'RMSprop'`, `'Adam'`). */
  readonly className: string;
  /** The optimizer's name (Keras' `name` argument). */
  readonly name: string;
  private currentLearningRate: number;
  private iterationCount = 0;
  /** Slots per variable (slot name to slot variable), in the order the variables were built. */
  private readonly slotsByVariable = new Map<Variable, Map<string, Variable>>();

  /**
   * @param className the Keras class name, also the owner named in error messages.
   * @param options the options common to every optimizer.
   * @param defaults the subclass' default learning rate and name.
   */
  protected constructor(className: string, options: BaseOptimizerOptions, defaults: Required<BaseOptimizerOptions>) {
    this.className = className;
    this.currentLearningRate = checkLearningRate(className, options.learningRate ?? defaults.learningRate);
    this.name = checkName(className, options.name ?? defaults.name);
  }

  /** The current learning rate; setting it validates the value and applies from the next step. */
  get learningRate(): number {
    return this.currentLearningRate;
  }

  set learningRate(value: number) {
    this.currentLearningRate = checkLearningRate(this.className, value);
  }

  /** How many times `applyGradients` has applied updates (Keras' `optimizer.iterations`). */
  get iterations(): number {
    return this.iterationCount;
  }

  /** The slots each variable gets under this configuration (`['momentum']`, or none). */
  protected abstract slotNames(): readonly string[];

  /**
   * Applies one update to `variable` from `gradient` by assigning new values to the variable and
   * its slots. Runs inside `tf.tidy`, once per variable per `applyGradients` call; `iterations` is
   * the number of completed steps before this one.
   */
  protected abstract updateStep(gradient: Tensor, variable: Variable, learningRate: number): void;

  /**
   * Creates the slot variables (zeros shaped like the variable) of every variable not seen yet.
   * `applyGradients` calls it; call it yourself to create the slots before restoring a state.
   */
  build(variables: readonly Variable[]): void {
    const owner = `${this.className}.build`;
    if (!Array.isArray(variables)) throw invalidArgument({ owner, argument: 'variables', expected: 'an array of tf.Variable', received: variables });
    for (const variable of variables) this.checkVariable(owner, variable);
    for (const variable of variables) {
      if (this.slotsByVariable.has(variable)) continue;
      const slots = new Map<string, Variable>();
      for (const slotName of this.slotNames()) {
        const zeros = tf.zerosLike(variable);
        slots.set(slotName, tf.variable(zeros, false));
        zeros.dispose();
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
   * Applies one update to every variable from its gradient (each inside `tf.tidy`, assigned to the
   * variable) and counts one iteration. Builds the slots of variables seen for the first time.
   * The gradients are not disposed. An empty list is a no-op, as in Keras.
   */
  applyGradients(pairs: readonly GradientPair[]): void {
    this.checkPairs(pairs);
    if (pairs.length === 0) return;
    this.build(pairs.map((pair) => pair.variable));
    const learningRate = this.currentLearningRate;
    for (const { gradient, variable } of pairs) {
      tf.tidy(() => {
        const g = gradient.dtype === variable.dtype ? gradient : tf.cast(gradient, variable.dtype);
        this.updateStep(g, variable, learningRate);
      });
    }
    this.iterationCount += 1;
  }

  /** The constructor options as a Keras config (`name`, `learning_rate`; subclasses add theirs). */
  getConfig(): ConfigDict {
    return { name: this.name, learning_rate: this.currentLearningRate };
  }

  /**
   * A copy of the optimizer's state: the iteration count and every slot value, per variable in
   * build order. The caller owns the tensors. Together with the model's weights it lets training
   * resume exactly where it was.
   */
  getState(): OptimizerState {
    const slots: VariableSlotState[] = [];
    for (const [variable, variableSlots] of this.slotsByVariable) {
      const values: Record<string, Tensor> = {};
      for (const [slotName, slot] of variableSlots) values[slotName] = tf.clone(slot);
      slots.push({ variableName: variable.name, values });
    }
    return { iterations: this.iterationCount, slots };
  }

  /**
   * Restores a state exported by {@link BaseOptimizer.getState}; the caller keeps its
   * tensors and may dispose them right after. Without `variables`, each entry goes
   * to the already built variable of the same name; with `variables` (the same variables in the same
   * order, for instance a reloaded model's weights, whose names differ), entries are matched by
   * position and slots are created for variables that have none. Afterwards the optimizer must have
   * slots for exactly the state's variables; when anything does not fit (names, count, slot names,
   * shapes, dtypes) it throws and changes nothing.
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
    const slotNames = this.slotNames();
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
    this.iterationCount = iterations;
  }

  /**
   * Frees every slot variable and resets the iteration count: the optimizer is as if new, and
   * builds fresh slots if it is used again.
   */
  dispose(): void {
    for (const slots of this.slotsByVariable.values()) tf.dispose([...slots.values()].filter((slot) => !slot.isDisposed));
    this.slotsByVariable.clear();
    this.iterationCount = 0;
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
