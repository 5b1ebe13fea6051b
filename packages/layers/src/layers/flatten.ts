import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Shape } from '@layerwise/core';
import { Layer, type LayerArgs } from '../engine/layer.js';
import { sizeOf } from '../engine/shape.js';

/** Flattens every axis but the batch axis: `(None, 28, 28)` becomes `(None, 784)`. */
export class Flatten extends Layer {
  static override readonly className = 'Flatten';

  call(x: Tensor): Tensor {
    return tf.reshape(x, [x.shape[0]!, -1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [inputShape[0] ?? null, sizeOf(inputShape.slice(1), `Flatten "${this.name}"`)];
  }
}

/** Creates a {@link Flatten} layer. */
export const flatten = (args: LayerArgs = {}): Flatten => new Flatten(args);
