import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { ConfigDict, Shape } from '@layerwise/core';
import { batchNormalization, concatenate, conv2d, dense, flatten, initializers, input, Layer, leakyReLU, maxPooling2d, model, sequential } from '@layerwise/layers';
import type { AnyModel } from '../weights/weight-groups.js';

/** A small convnet stack. */
export const sequentialNet = (): AnyModel =>
  sequential([
    conv2d({ filters: 3, kernelSize: 3, inputShape: [8, 8, 2], activation: 'relu' }),
    batchNormalization(),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 4, activation: 'softmax' }),
  ]) as AnyModel;

/** Two inputs, two outputs, a nested Sequential applied inside. */
export function functionalNet(): AnyModel {
  const image = input({ shape: [6, 6, 1], name: 'image' });
  const meta = input({ shape: [3], name: 'meta' });
  const tower = sequential([conv2d({ filters: 2, kernelSize: 3, inputShape: [6, 6, 1] }), leakyReLU({ negativeSlope: 0.1 }), flatten()], { name: 'tower' });
  const features = concatenate().apply([tower.apply(image) as never, meta]);
  const label = dense({ units: 3, activation: 'softmax', name: 'label' }).apply(features);
  const score = dense({ units: 1, name: 'score' }).apply(features);
  return model({ inputs: [image, meta], outputs: [label, score] }) as unknown as AnyModel;
}

/** A functional model nested in a Sequential. */
export function nestedFunctional(): AnyModel {
  const x = input({ shape: [5], name: 'inner_in' });
  const inner = model({ inputs: x, outputs: dense({ units: 4, activation: 'tanh' }).apply(x), name: 'inner' });
  return sequential([inner, dense({ units: 2 })], { name: 'outer' }) as AnyModel;
}

/** A custom layer: a learned per-feature scale, registered by the tests that load it. */
export class Scale extends Layer {
  static override readonly className = 'Scale';
  private factor: tf.Variable | undefined;
  constructor(args: ConfigDict = {}) {
    super(args as never);
  }
  override build(inputShape: Shape): void {
    this.factor = this.addWeight({ name: 'factor', shape: [inputShape.at(-1)!], initializer: new initializers.RandomUniform({ minval: 0.5, maxval: 2, seed: 1 }) });
  }
  call(x: Tensor): Tensor {
    return tf.mul(x, this.factor!);
  }
}

/** A Sequential with the custom {@link Scale}. */
export const customNet = (): AnyModel => sequential([dense({ units: 3, inputShape: [4] }), new Scale(), dense({ units: 2 })]) as AnyModel;

/** Random inputs for a model, seeded: one tensor per model input, or per sample shape given. */
export function inputsFor(m: AnyModel, shapes?: readonly number[][], batch = 2): Tensor[] {
  const samples = shapes ?? m.inputs.map((t) => t.shape.slice(1) as number[]);
  return samples.map((shape, i) => tf.randomUniform([batch, ...shape], -1, 1, 'float32', 11 + i));
}

/** The model kinds every format must round-trip: name, factory, and sample input shapes when the model has no symbolic inputs. */
export const modelCases: readonly (readonly [string, () => AnyModel, number[][]?])[] = [
  ['Sequential convnet', sequentialNet],
  ['functional, two inputs and outputs, nested Sequential', functionalNet],
  ['functional nested in a Sequential', nestedFunctional, [[5]]],
  ['registered custom layer', customNet],
];
