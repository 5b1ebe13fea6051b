import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { LayerwiseError, type ConfigDict, type Shape } from '@layerwise/core';
import { Layer, type CallContext, type LayerArgs } from '../engine/layer.js';
import { Model } from './model.js';

/** Arguments of {@link Sequential}. */
export interface SequentialArgs extends Omit<LayerArgs, 'inputShape' | 'batchSize'> {
  /** The layers, in order; the first may declare `inputShape`. */
  layers?: Layer[];
}

/**
 * A plain stack of layers, each feeding the next. Built as soon as the first layer declares its
 * `inputShape`, otherwise on the first data it sees.
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
  private builtOutputShape: Shape | undefined;

  constructor(args: SequentialArgs = {}) {
    super(args);
    for (const layer of args.layers ?? []) this.add(layer);
  }

  get layers(): Layer[] {
    return [...this.stack];
  }

  get outputShape(): Shape | undefined {
    return this.builtOutputShape;
  }

  /** Appends a layer; builds the model when the input shape is known. */
  add(layer: Layer): void {
    if (this.stack.includes(layer)) {
      throw new LayerwiseError(`Sequential "${this.name}": layer "${layer.name}" is already in the model`);
    }
    if (this.stack.length > 0 && layer.batchInputShape) {
      throw new LayerwiseError(
        `Sequential "${this.name}": only the first layer may declare inputShape; layer "${layer.name}" declares one`,
      );
    }
    this.stack.push(layer);
    const first = this.stack[0]!;
    if (first.batchInputShape) this.buildStack(first.batchInputShape);
  }

  /** Removes the last layer. */
  pop(): Layer {
    const layer = this.stack.pop();
    if (!layer) throw new LayerwiseError(`Sequential "${this.name}": pop() on a model with no layers`);
    const first = this.stack[0];
    this.builtOutputShape = undefined;
    if (first?.batchInputShape) this.buildStack(first.batchInputShape);
    return layer;
  }

  private buildStack(inputShape: Shape): void {
    let shape = inputShape;
    for (const layer of this.stack) {
      layer.ensureBuilt(shape);
      shape = layer.computeOutputShape(shape);
    }
    this.builtOutputShape = shape;
  }

  override build(inputShape: Shape): void {
    if (this.stack.length === 0) throw new LayerwiseError(`Sequential "${this.name}": the model has no layers`);
    this.buildStack(inputShape);
  }

  call(x: Tensor, context: CallContext): Tensor {
    if (this.stack.length === 0) throw new LayerwiseError(`Sequential "${this.name}": the model has no layers`);
    if (!this.builtOutputShape) this.buildStack([null, ...x.shape.slice(1)]);
    return tf.tidy(() => {
      let y = x;
      for (const layer of this.stack) y = layer.apply(y, context);
      return y === x ? tf.clone(x) : y;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.stack.reduce((shape, layer) => layer.computeOutputShape(shape), inputShape);
  }

  override getConfig(): ConfigDict {
    return {
      name: this.name,
      layers: this.stack.map((l) => ({ class_name: l.className, config: l.getConfig() })),
    };
  }
}

/** Creates a {@link Sequential} model from layers. */
export function sequential(layers: Layer[] = [], args: Omit<SequentialArgs, 'layers'> = {}): Sequential {
  return new Sequential({ ...args, layers });
}
