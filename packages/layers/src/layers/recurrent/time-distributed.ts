import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape, invalidArgument, LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs, type LayerWeight } from '../../engine/layer.js';
import { deserializeLayer, isSerializedLayer, serializeLayer, type SerializedLayer } from '../core/layer-registry.js';

/** Arguments of {@link TimeDistributed}. */
export interface TimeDistributedArgs extends LayerArgs {
  /** The layer applied to every timestep (used as is, weights shared across timesteps; one output), or its `{ class_name, config }`. */
  layer: Layer | SerializedLayer;
}

/**
 * Applies a layer to every timestep of `[batch, timesteps, ...]` inputs (Keras' TimeDistributed):
 * the timesteps are folded into the batch, so the wrapped layer sees `[batch * timesteps, ...]` and
 * its weights are shared. The mask (if any) passes through.
 *
 * @example
 * ```ts
 * const layer = timeDistributed({ layer: dense({ units: 8 }) }); // [batch, 10, 16] → [batch, 10, 8]
 * ```
 */
export class TimeDistributed extends Layer {
  static override readonly className = 'TimeDistributed';
  /** The mask passes through to the output (each timestep keeps its own); the wrapped layer runs on every step. */
  override readonly supportsMasking = true;
  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    super(args);
    const owner = `TimeDistributed "${this.name}"`;
    if (args.layer instanceof Layer) this.layer = args.layer;
    else if (isSerializedLayer(args.layer)) this.layer = deserializeLayer(args.layer, owner) as Layer;
    else throw invalidArgument({ owner, argument: 'layer', expected: 'a layer or its { class_name, config }', received: args.layer });
    if (!this.trainable) this.layer.trainable = false;
  }

  /** The wrapped layer. */
  get sublayers(): Layer[] {
    return [this.layer];
  }

  override get trainable(): boolean {
    return super.trainable;
  }
  override set trainable(value: boolean) {
    super.trainable = value;
    // Called by the base constructor before the wrapped layer is set.
    if (this.layer) this.layer.trainable = value;
  }

  override get trainableWeights(): LayerWeight[] {
    return this.trainable ? this.layer.trainableWeights : [];
  }

  override get nonTrainableWeights(): LayerWeight[] {
    return this.trainable ? this.layer.nonTrainableWeights : [...this.layer.trainableWeights, ...this.layer.nonTrainableWeights];
  }

  private check(inputShape: Shape): void {
    if (inputShape.length < 3) {
      throw new LayerwiseError(`TimeDistributed "${this.name}": needs inputs of rank >= 3 ([batch, timesteps, ...]), received ${formatShape(inputShape)}`);
    }
  }

  /** As the base, but any number of timesteps fits once built, as the wrapped recurrent layers. */
  override ensureBuilt(inputShape: Shape): void {
    const built = this.inputShape;
    super.ensureBuilt(built && built.length === inputShape.length && built.length >= 3 ? [inputShape[0] ?? null, built[1] ?? null, ...inputShape.slice(2)] : inputShape);
  }

  override build(inputShape: Shape): void {
    this.check(inputShape);
    this.layer.ensureBuilt([null, ...inputShape.slice(2)]);
  }

  call(x: Tensor, context: CallContext): Tensor {
    const [batch, steps] = x.shape as [number, number];
    return tf.tidy(() => {
      const y = this.layer.apply(tf.reshape(x, [batch * steps, ...x.shape.slice(2)]), { training: context.training });
      return tf.reshape(y, [batch, steps, ...y.shape.slice(1)]);
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    this.check(inputShape);
    const inner = this.layer.computeOutputShape([null, ...inputShape.slice(2)]);
    return [inputShape[0] ?? null, inputShape[1] ?? null, ...inner.slice(1)];
  }

  override getConfig(): ConfigDict {
    return { ...super.getConfig(), layer: serializeLayer(this.layer) as unknown as ConfigDict };
  }

  override dispose(): void {
    this.layer.dispose();
    super.dispose();
  }
}

/** Creates a {@link TimeDistributed} wrapper. */
export const timeDistributed = (args: TimeDistributedArgs): TimeDistributed => new TimeDistributed(args);
