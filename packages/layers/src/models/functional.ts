import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import type { AnyLayer, CallContext, InputForm, LayerOutput, OutputShape } from '../engine/layer.js';
import { isShapeList } from '../engine/shape.js';
import { SymbolicTensor, type LayerNode } from '../engine/symbolic.js';
import { functionalConfig, rebuildGraph } from './functional-config.js';
import { checkApplyInputs } from '../engine/apply-inputs.js';
import { maskList, type Masks } from '../engine/mask.js';
import { graphMaskFlags, runGraph, traceGraph, type Graph, type GraphResult } from './graph.js';
import { Model } from './model.js';

/** Arguments of {@link Functional} and {@link model}. */
export interface FunctionalArgs {
  /** The model's inputs, from `input()`: one, or a list. */
  inputs: SymbolicTensor | readonly SymbolicTensor[];
  /** The model's outputs: one symbolic tensor, or a list (nested lists are flattened). */
  outputs: SymbolicTensor | readonly (SymbolicTensor | readonly SymbolicTensor[])[];
  /** The model's name; default `functional`, `functional_1`, ... */
  name?: string;
  /** Default true; false freezes every layer. */
  trainable?: boolean;
}

function symbolicList(owner: string, what: string, value: unknown): SymbolicTensor[] {
  const list = (Array.isArray(value) ? value.flat() : [value]) as unknown[];
  if (list.length === 0) throw new LayerwiseError(`${owner}: \`${what}\` is empty`);
  list.forEach((t, i) => {
    if (!(t instanceof SymbolicTensor)) {
      throw new LayerwiseError(
        `${owner}: \`${what}\` must be symbolic tensors (from input() and layer.apply); ${what}[${i}] is ${Object.prototype.toString.call(t)}`,
      );
    }
  });
  return list as SymbolicTensor[];
}

/**
 * A model over any graph of layers (Keras' functional API): from its inputs (made by `input()`)
 * through every layer applied on the way to its outputs. Several inputs and outputs, shared layers
 * (applied more than once; their weights count once) and nested models are supported. `O` is what
 * it returns: one tensor, or a list when `outputs` was given as a list.
 */
export class Functional<O extends LayerOutput = LayerOutput> extends Model<O> {
  static override readonly className = 'Functional';
  private readonly graph: Graph;
  private readonly graphInputs: readonly SymbolicTensor[];
  private readonly graphOutputs: readonly SymbolicTensor[];
  private readonly inputList: boolean;
  private readonly outputList: boolean;

  constructor(args: FunctionalArgs) {
    super({ ...(args?.name === undefined ? {} : { name: args.name }) });
    const owner = `Functional "${this.name}"`;
    if (args === null || typeof args !== 'object') throw new LayerwiseError(`${owner}: expected { inputs, outputs }, received ${String(args)}`);
    this.graphInputs = symbolicList(owner, 'inputs', args.inputs);
    this.graphOutputs = symbolicList(owner, 'outputs', args.outputs);
    this.inputList = Array.isArray(args.inputs);
    this.outputList = Array.isArray(args.outputs);
    this.graph = traceGraph(owner, this.graphInputs, this.graphOutputs);
    const names = this.graph.layers.map((l) => l.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    if (twice.length > 0) throw new LayerwiseError(`${owner}: layer names must be unique in a model; ${[...new Set(twice)].map((n) => `"${n}"`).join(', ')} appear more than once`);
    const shapes = this.graphInputs.map((t) => t.shape);
    this.ensureBuilt(this.inputList ? shapes : shapes[0]!);
    if (args.trainable === false) this.trainable = false;
  }

  /** A model takes the masks of its inputs and gives those of its outputs, from its layers. */
  override readonly supportsMasking = true;

  get layers(): AnyLayer[] {
    return [...this.graph.layers];
  }

  override get nodes(): readonly LayerNode[] {
    return this.graph.nodes;
  }

  protected override symbolicInputs(): readonly SymbolicTensor[] {
    return this.graphInputs;
  }

  protected override symbolicOutputs(): readonly SymbolicTensor[] {
    return this.graphOutputs;
  }

  protected override inputsAreList(): boolean {
    return this.inputList;
  }

  protected override outputsAreList(): boolean {
    return this.outputList;
  }

  override inputForm(): InputForm {
    return this.graphInputs.length > 1 ? 'list' : this.inputList ? 'either' : 'tensor';
  }

  /** As the base, with one shape accepted for a model whose single input was given as a list. */
  override ensureBuilt(inputShape: Shape | readonly Shape[]): void {
    super.ensureBuilt(this.inputList && !isShapeList(inputShape) ? [inputShape as Shape] : inputShape);
  }

  call(inputs: Tensor | Tensor[], context: CallContext): O {
    const { outputs, masks } = this.run(inputs, context);
    tf.dispose(masks.filter((m): m is Tensor => m !== undefined));
    return (this.outputList ? outputs : outputs[0]!) as O;
  }

  /** Runs the graph once for the outputs and their masks (the input masks in `context.mask`). */
  override applyWithMask(inputs: Tensor | Tensor[], context: CallContext = { training: false }): { output: O; mask: Masks } {
    const checked = checkApplyInputs(`Functional "${this.name}"`, this.inputForm(), inputs);
    if (checked.symbolic) throw new LayerwiseError(`Functional "${this.name}": applyWithMask takes tensors, not symbolic tensors`);
    const { outputs, masks } = this.run(checked.inputs, this.callContext(context));
    return this.outputList ? { output: outputs as O, mask: masks } : { output: outputs[0]! as O, mask: masks[0] };
  }

  /** The output masks, from running the graph (as Keras' functional `compute_mask`). */
  override computeMask(inputs: Tensor | Tensor[], mask?: Masks): Masks {
    const { output, mask: out } = this.applyWithMask(inputs, { training: false, mask });
    tf.dispose(output);
    return out;
  }

  override outputMasked(inputMasked: boolean | readonly boolean[]): boolean | boolean[] {
    const flags = graphMaskFlags(this.graph, this.graphInputs, this.graphOutputs, typeof inputMasked === 'boolean' ? [inputMasked] : inputMasked);
    return this.outputList ? flags : flags[0]!;
  }

  private run(inputs: Tensor | Tensor[], context: CallContext): GraphResult {
    const values = Array.isArray(inputs) ? inputs : [inputs];
    if (values.length !== this.graphInputs.length) {
      throw new LayerwiseError(`Functional "${this.name}": takes ${this.graphInputs.length} inputs, received ${values.length}`);
    }
    this.ensureBuilt(this.inputList ? values.map((t) => t.shape) : values[0]!.shape);
    return runGraph(this.graph, this.graphInputs, this.graphOutputs, values, context, maskList(context.mask));
  }

  /** The outputs' shapes with the batch dimension of the given input. */
  override computeOutputShape(inputShape: Shape | readonly Shape[]): OutputShape<O> {
    const batch = (isShapeList(inputShape) ? inputShape[0]?.[0] : inputShape[0]) ?? null;
    const shapes = this.graphOutputs.map((t) => [batch, ...t.shape.slice(1)]);
    return (this.outputList ? shapes : shapes[0]!) as unknown as OutputShape<O>;
  }

  /** The graph in Keras' functional config layout (layers with their inbound nodes, input and output references). */
  override getConfig(): ConfigDict {
    return functionalConfig(this, this.inputList, this.outputList);
  }

  /**
   * Rebuilds a functional model from `getConfig()`'s output, layer classes found by `className`
   * among the built-in ones and those registered with `registerLayer`. The weights are new: copy
   * them with `setWeights(original.getWeights())`.
   */
  static override fromConfig<T extends AnyLayer>(this: new (args: never) => T, config: ConfigDict): T {
    const { name, trainable, inputs, outputs } = rebuildGraph(config);
    return new this({ inputs, outputs, trainable, ...(name === undefined ? {} : { name }) } as never);
  }
}

/**
 * Creates a functional model from its inputs and outputs (Keras' `keras.Model(inputs, outputs)`).
 * Given one output it returns one tensor; given a list, a list.
 *
 * @example
 * ```ts
 * const image = input({ shape: [28, 28, 1], name: 'image' });
 * const meta = input({ shape: [4], name: 'meta' });
 * const features = concatenate().apply([flatten().apply(image), meta]);
 * const label = dense({ units: 10, activation: 'softmax', name: 'label' }).apply(features);
 * const score = dense({ units: 1, name: 'score' }).apply(features);
 * const net = model({ inputs: [image, meta], outputs: [label, score] });
 * ```
 */
export function model(args: FunctionalArgs & { outputs: SymbolicTensor }): Functional<Tensor>;
export function model(args: FunctionalArgs & { outputs: readonly (SymbolicTensor | readonly SymbolicTensor[])[] }): Functional<Tensor[]>;
export function model(args: FunctionalArgs): Functional;
export function model(args: FunctionalArgs): Functional {
  return new Functional(args);
}
