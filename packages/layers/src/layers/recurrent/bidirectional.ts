import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkOneOf, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type AnyLayer, type CallContext, type LayerArgs, type LayerOutput, type LayerWeight, type OutputShape, type SymbolicOutput } from '../../engine/layer.js';
import type { SymbolicTensor } from '../../engine/symbolic.js';
import { anyMasked, maskList, type Masks } from '../../engine/mask.js';
import { deserializeLayer, isSerializedLayer, serializeLayer, type SerializedLayer } from '../core/layer-registry.js';
import { recurrentMasks, RNNBase, type RecurrentCallContext } from './rnn-base.js';

/** How {@link Bidirectional} combines the two directions. */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';
const mergeModes: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave'];

/** Arguments of {@link Bidirectional}. */
export interface BidirectionalArgs extends LayerArgs {
  /** The recurrent layer (SimpleRNN, LSTM, GRU), or its `{ class_name, config }`. Used as a template: the wrapper builds fresh forward and backward copies from its config, as Keras does. */
  layer: RNNBase<LayerOutput> | SerializedLayer;
  /** Default `'concat'` (outputs of `2 * units`). Keras' `null` (a list of both outputs) is not offered: layers return one tensor. */
  mergeMode?: MergeMode;
  /** A backward layer of your own (its `goBackwards` must differ from `layer`'s); default: `layer`'s config with `goBackwards` flipped. */
  backwardLayer?: RNNBase<LayerOutput> | SerializedLayer;
}

const strip = (name: string, prefix: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);

type RNNClass = { fromConfig(config: ConfigDict): RNNBase<LayerOutput> };

function toRNN(value: RNNBase<LayerOutput> | SerializedLayer, owner: string, argument: string): { type: RNNClass; config: ConfigDict } {
  if (value instanceof RNNBase) return { type: value.constructor as unknown as RNNClass, config: value.getConfig() };
  if (isSerializedLayer(value)) {
    const probe = deserializeLayer(value, owner);
    const ok = probe instanceof RNNBase;
    const type = probe.constructor as unknown as RNNClass;
    probe.dispose();
    if (ok) return { type, config: value.config };
  }
  throw invalidArgument({ owner, argument, expected: 'a recurrent layer (SimpleRNN, LSTM, GRU) or its { class_name, config }', received: value instanceof Layer ? (value as AnyLayer).className : value });
}

/**
 * Runs a recurrent layer over the sequence in both directions and merges the two outputs (Keras'
 * Bidirectional). With `returnSequences`, the backward outputs are reversed back into time order
 * before merging. Weights: the forward layer's, then the backward layer's. The mask and initial
 * states (forward states first, then backward) come through the call context. When the wrapped
 * layer has `returnState`, `apply` returns `[merged, ...forwardStates, ...backwardStates]` (`O` is
 * then `Tensor[]`, as the factory types it).
 *
 * @example
 * ```ts
 * const model = sequential([bidirectional({ layer: lstm({ units: 8 }), inputShape: [10, 3] }), dense({ units: 1 })]);
 * ```
 */
export class Bidirectional<O extends LayerOutput = Tensor> extends Layer<O> {
  static override readonly className = 'Bidirectional';
  /** The mask reaches both directions, as in the wrapped layer. */
  override readonly supportsMasking = true;
  readonly forwardLayer: RNNBase<LayerOutput>;
  readonly backwardLayer: RNNBase<LayerOutput>;
  readonly mergeMode: MergeMode;

  constructor(args: BidirectionalArgs) {
    super(args);
    const owner = `Bidirectional "${this.name}"`;
    this.mergeMode = checkOneOf(owner, 'mergeMode', args.mergeMode ?? 'concat', mergeModes);
    const forward = toRNN(args.layer, owner, 'layer');
    const base = strip(strip(String(forward.config['name']), 'forward_'), 'backward_');
    this.forwardLayer = forward.type.fromConfig({ ...forward.config, name: `forward_${base}` });
    if (args.backwardLayer !== undefined && args.backwardLayer !== null) {
      const backward = toRNN(args.backwardLayer, owner, 'backwardLayer');
      this.backwardLayer = backward.type.fromConfig(backward.config);
    } else {
      this.backwardLayer = forward.type.fromConfig({ ...forward.config, name: `backward_${base}`, go_backwards: !forward.config['go_backwards'] });
    }
    const f = this.forwardLayer;
    const b = this.backwardLayer;
    if (f.goBackwards === b.goBackwards || f.returnSequences !== b.returnSequences || f.returnState !== b.returnState || f.stateful !== b.stateful) {
      throw new LayerwiseError(`${owner}: the backward layer must run the other way (goBackwards) and match the forward layer's returnSequences, returnState and stateful`);
    }
    if (!this.trainable) this.trainable = false;
  }

  /** Whether the wrapped layer returns sequences. */
  get returnSequences(): boolean {
    return this.forwardLayer.returnSequences;
  }

  /** The forward and backward layers. */
  get sublayers(): AnyLayer[] {
    return [this.forwardLayer, this.backwardLayer];
  }

  override get trainable(): boolean {
    return super.trainable;
  }
  override set trainable(value: boolean) {
    super.trainable = value;
    // Called by the base constructor before the sublayers exist.
    for (const layer of this.sublayers ?? []) if (layer) layer.trainable = value;
  }

  override get trainableWeights(): LayerWeight[] {
    return this.trainable ? [...this.forwardLayer.trainableWeights, ...this.backwardLayer.trainableWeights] : [];
  }

  override get nonTrainableWeights(): LayerWeight[] {
    const all = (l: AnyLayer) => (this.trainable ? l.nonTrainableWeights : [...l.trainableWeights, ...l.nonTrainableWeights]);
    return [...all(this.forwardLayer), ...all(this.backwardLayer)];
  }

  /** As the base, but any number of timesteps fits once built, as the wrapped recurrent layers. */
  override ensureBuilt(inputShape: Shape): void {
    const built = this.inputShape;
    super.ensureBuilt(built && built.length === inputShape.length && built.length >= 3 ? [inputShape[0] ?? null, built[1] ?? null, ...inputShape.slice(2)] : inputShape);
  }

  override build(inputShape: Shape): void {
    this.forwardLayer.ensureBuilt(inputShape);
    this.backwardLayer.ensureBuilt(inputShape);
  }

  private merge(forward: Tensor, backward: Tensor): Tensor {
    switch (this.mergeMode) {
      case 'concat':
        return tf.concat([forward, backward], -1);
      case 'sum':
        return tf.add(forward, backward);
      case 'mul':
        return tf.mul(forward, backward);
      case 'ave':
        return tf.mul(tf.add(forward, backward), 0.5);
    }
  }

  /** `Layer.apply`, typed for this layer's call context (masks and the rest); see {@link Layer.apply}. */
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): SymbolicOutput<O>;
  override apply(inputs: Tensor | readonly Tensor[], context?: RecurrentCallContext): O;
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[] | Tensor | readonly Tensor[], context?: RecurrentCallContext): SymbolicOutput<O> | O {
    return super.apply(inputs as never, context);
  }

  /**
   * Runs both directions and returns `[mergedOutput, ...forwardStates, ...backwardStates]`, building
   * the layer first if needed (the caller disposes them).
   */
  applyWithState(x: Tensor, context: RecurrentCallContext = { training: false }): Tensor[] {
    this.ensureBuilt(x.shape);
    context = this.callContext(context) as RecurrentCallContext;
    const n = context.initialState ? context.initialState.length / 2 : 0;
    if (context.initialState && !Number.isInteger(n)) {
      throw new LayerwiseError(`Bidirectional "${this.name}": initialState needs the forward states then the backward states, received ${context.initialState.length} tensors`);
    }
    const forwardContext = { ...context, initialState: context.initialState?.slice(0, n) };
    const backwardContext = { ...context, initialState: context.initialState?.slice(n) };
    return tf.tidy(() => {
      const [fOut, ...fStates] = this.forwardLayer.applyWithState(x, forwardContext);
      const [bOut, ...bStates] = this.backwardLayer.applyWithState(x, backwardContext);
      const backward = this.returnSequences ? tf.reverse(bOut!, 1) : bOut!;
      return [this.merge(fOut!, backward), ...fStates, ...bStates];
    });
  }

  /** The merged output, or `[merged, ...forwardStates, ...backwardStates]` when the wrapped layer has `returnState`. */
  call(x: Tensor, context: CallContext): O {
    const [output, ...states] = this.applyWithState(x, context as RecurrentCallContext);
    if (this.forwardLayer.returnState) return [output!, ...states] as O;
    tf.dispose(states);
    return output! as O;
  }

  /** With `returnSequences`, the input mask passes on to the merged sequence (in time order); the states have none. */
  override computeMask(_x: Tensor | Tensor[], mask?: Masks): Masks {
    const given = maskList(mask)[0];
    return recurrentMasks(this.returnSequences ? given : undefined, this.stateOutputs());
  }

  override outputMasked(inputMasked: boolean | readonly boolean[]): boolean | boolean[] {
    return recurrentMasks(this.returnSequences && anyMasked(inputMasked), this.stateOutputs(), false);
  }

  /** How many state outputs follow the merged output: both directions' states with `returnState`. */
  private stateOutputs(): number {
    const f = this.forwardLayer;
    return f.returnState ? 2 * f.numStates : 0;
  }

  /** Resets the states of both directions (stateful layers). */
  resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  override computeOutputShape(inputShape: Shape): OutputShape<O> {
    const inner = this.forwardLayer.computeOutputShape(inputShape);
    const [shape, ...states] = (this.forwardLayer.returnState ? inner : [inner]) as Shape[];
    const last = shape![shape!.length - 1];
    const merged: Shape = this.mergeMode === 'concat' ? [...shape!.slice(0, -1), last == null ? null : last * 2] : shape!;
    return (this.forwardLayer.returnState ? [merged, ...states, ...states] : merged) as OutputShape<O>;
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      layer: serializeLayer(this.forwardLayer) as unknown as ConfigDict,
      merge_mode: this.mergeMode,
      backward_layer: serializeLayer(this.backwardLayer) as unknown as ConfigDict,
    };
  }

  override dispose(): void {
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    super.dispose();
  }
}

/** Creates a {@link Bidirectional} wrapper; around a layer created with `returnState: true` it returns `[merged, ...states]`. */
export function bidirectional(args: BidirectionalArgs & { layer: RNNBase<Tensor[]> }): Bidirectional<Tensor[]>;
export function bidirectional(args: BidirectionalArgs): Bidirectional;
export function bidirectional(args: BidirectionalArgs): Bidirectional<LayerOutput> {
  return new Bidirectional<LayerOutput>(args);
}
