import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { outputMaskFlags } from '../engine/apply-symbolic.js';
import { checkApplyInputs } from '../engine/apply-inputs.js';
import { InputLayer } from '../engine/input-layer.js';
import { anyMasked, maskList, type Mask, type Masks } from '../engine/mask.js';
import { Layer, type AnyLayer, type CallContext, type LayerArgs } from '../engine/layer.js';
import { uniqueName } from '../engine/names.js';
import { forgetNode, type LayerNode, type SymbolicTensor } from '../engine/symbolic.js';
import { Model } from './model.js';
import { deserializeLayer, serializeLayer, type SerializedLayer } from './registry.js';

/** Arguments of {@link Sequential}. */
export interface SequentialArgs extends Omit<LayerArgs, 'inputShape' | 'batchSize'> {
  /** The layers, in order; the first may declare `inputShape`. */
  layers?: Layer[];
}

/** The symbolic graph of a built Sequential: its input, its output and the nodes it made. */
interface StackGraph {
  readonly input: SymbolicTensor;
  output: SymbolicTensor;
  readonly nodes: LayerNode[];
}

/**
 * The input shape a first layer fixes: the one it declares, or a built model's (a pretrained base
 * as the first layer of a new model, as in Keras).
 */
function knownInputShape(layer: Layer): Shape | undefined {
  return layer.batchInputShape ?? (layer instanceof Model ? layer.inputShape : undefined);
}

/**
 * A plain stack of layers, each feeding the next. Built as soon as the first layer declares its
 * `inputShape`, otherwise on the first data it sees; building applies every layer to a symbolic
 * input, as Keras does, so that `model.inputs`, `model.outputs` and each layer's `output` exist
 * (`model({ inputs: seq.inputs, outputs: seq.layers.map((l) => l.output) })` gives every activation).
 *
 * @example
 * ```ts
 * const model = sequential([
 *   dense({ units: 512, activation: 'relu', inputShape: [784] }),
 *   dense({ units: 10, activation: 'softmax' }),
 * ]);
 * ```
 */
export class Sequential extends Model {
  static override readonly className = 'Sequential';
  private readonly stack: Layer[] = [];
  private graph: StackGraph | undefined;

  constructor(args: SequentialArgs = {}) {
    super(args);
    for (const layer of args.layers ?? []) this.add(layer);
  }

  /** A model takes the mask of its input and gives that of its output, from its layers. */
  override readonly supportsMasking = true;

  get layers(): Layer[] {
    return [...this.stack];
  }

  override get outputShape(): Shape | undefined {
    return this.graph?.output.shape;
  }

  protected override symbolicInputs(): readonly SymbolicTensor[] | undefined {
    return this.graph && [this.graph.input];
  }

  protected override symbolicOutputs(): readonly SymbolicTensor[] | undefined {
    return this.graph && [this.graph.output];
  }

  /** The last layer's name, built or not. */
  override get outputNames(): string[] {
    const last = this.stack.at(-1);
    return last ? [last.name] : [];
  }

  override get nodes(): readonly LayerNode[] {
    return this.graph?.nodes ?? [];
  }

  /** Appends a layer; builds it (and extends the model's graph) when the input shape is known. */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) {
      throw new LayerwiseError(`Sequential "${this.name}": add() takes a layer, received ${Object.prototype.toString.call(layer)}`);
    }
    if (this.stack.includes(layer)) {
      throw new LayerwiseError(`Sequential "${this.name}": layer "${layer.name}" is already in the model`);
    }
    if (this.stack.length > 0 && layer.batchInputShape) {
      throw new LayerwiseError(
        `Sequential "${this.name}": only the first layer may declare inputShape; layer "${layer.name}" declares one`,
      );
    }
    this.stack.push(layer);
    try {
      if (this.graph) {
        const output = layer.apply(this.graph.output);
        this.graph.nodes.push(output.node);
        this.graph.output = output;
      } else {
        const shape = knownInputShape(this.stack[0]!);
        if (shape) this.ensureBuilt(shape);
      }
    } catch (error) {
      this.stack.pop();
      throw error;
    }
  }

  /** Removes the last layer (the model's graph is rebuilt without it). */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new LayerwiseError(`Sequential "${this.name}": pop() on a model with no layers`);
    this.forgetGraph();
    const first = this.stack[0];
    const shape = first && knownInputShape(first);
    if (shape) this.ensureBuilt(shape);
    return layer;
  }

  private forgetGraph(): void {
    for (const node of this.graph?.nodes ?? []) forgetNode(node);
    this.graph = undefined;
    this.clearBuilt();
  }

  /** Builds every layer by applying the stack to a symbolic input of `inputShape` (batch first). */
  override build(inputShape: Shape | readonly Shape[]): void {
    if (this.stack.length === 0) throw new LayerwiseError(`Sequential "${this.name}": the model has no layers`);
    if (this.graph) return;
    const shape = inputShape as Shape;
    const first = this.stack[0]!;
    const input = new InputLayer({ inputShape: shape.slice(1), name: uniqueName(`${first.name}_input`) }).output;
    const nodes: LayerNode[] = [input.node];
    try {
      let output = input;
      for (const layer of this.stack) {
        output = layer.apply(output);
        nodes.push(output.node);
      }
      this.graph = { input, output, nodes };
    } catch (error) {
      nodes.forEach(forgetNode);
      throw error;
    }
  }

  call(x: Tensor, context: CallContext): Tensor {
    const { output, mask } = this.run(x, context);
    mask?.dispose();
    return output;
  }

  /** Runs the stack once for the output and its mask (the input mask in `context.mask`), each layer passing its mask to the next. */
  override applyWithMask(x: Tensor, context: CallContext = { training: false }): { output: Tensor; mask: Mask } {
    checkApplyInputs(`Sequential "${this.name}"`, 'tensor', x);
    return this.run(x, this.callContext(context));
  }

  /** The output mask, from running the stack (as Keras' `compute_mask`). */
  override computeMask(x: Tensor, mask?: Masks): Mask {
    const { output, mask: out } = this.applyWithMask(x, { training: false, mask });
    output.dispose();
    return out;
  }

  override outputMasked(inputMasked: boolean | readonly boolean[]): boolean {
    return this.stack.reduce<boolean>((masked, layer) => outputMaskFlags(layer, masked, 1, () => 'from the layer before')[0]!, anyMasked(inputMasked));
  }

  private run(x: Tensor, context: CallContext): { output: Tensor; mask: Mask } {
    if (this.stack.length === 0) throw new LayerwiseError(`Sequential "${this.name}": the model has no layers`);
    if (!this.graph) this.ensureBuilt(x.shape);
    const incoming = maskList(context.mask)[0];
    return tf.tidy(() => {
      let y = x;
      let mask = incoming;
      for (const layer of this.stack) ({ output: y, mask } = layer.applyWithMask(y, { ...context, mask }) as { output: Tensor; mask: Mask });
      return { output: y === x ? tf.clone(x) : y, mask: mask !== undefined && mask === incoming ? tf.clone(mask) : mask };
    }) as { output: Tensor; mask: Mask };
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.stack.reduce((shape, layer) => layer.computeOutputShape(shape), inputShape);
  }

  override getConfig(): ConfigDict {
    return { name: this.name, trainable: this.trainable, layers: this.stack.map((l) => serializeLayer(l as AnyLayer)) as unknown as ConfigDict[] };
  }

  /**
   * Rebuilds a Sequential from `getConfig()`'s output. Layer classes are found by their
   * `className` among the built-in ones and those registered with `registerLayer`.
   */
  static override fromConfig<T extends AnyLayer>(this: new (args: never) => T, config: ConfigDict): T {
    const specs = (config['layers'] ?? []) as unknown as SerializedLayer[];
    const owner = `Sequential "${String(config['name'] ?? '?')}": fromConfig`;
    if (!Array.isArray(specs)) throw new LayerwiseError(`${owner}: the config's \`layers\` must be a list of { class_name, config }`);
    const layers = specs.map((spec) => deserializeLayer(spec, owner));
    const model = new this({ ...(typeof config['name'] === 'string' ? { name: config['name'] } : {}), layers } as never);
    if (config['trainable'] === false) model.trainable = false;
    return model;
  }
}

/** Creates a {@link Sequential} model from layers. */
export function sequential(layers: Layer[] = [], args: Omit<SequentialArgs, 'layers'> = {}): Sequential {
  return new Sequential({ ...args, layers });
}
