import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { formatShape } from '@layerwise/core';
import { input } from '../engine/input-layer.js';
import type { Layer } from '../engine/layer.js';

/** Options of {@link runLayerTest}. */
export interface LayerTestOptions {
  /** Makes a fresh, unbuilt layer (called several times). */
  create: () => Layer;
  /** Input shape including the batch dimension; a list of shapes for a layer taking a list of inputs (merge layers). */
  inputShape: readonly number[] | readonly (readonly number[])[];
  /** The output shape expected, including the batch dimension. */
  expectedOutputShape: readonly number[];
  /** Number of weight tensors after building, trainable and not. */
  expectedWeights: { trainable: number; nonTrainable: number };
  /** Total parameter count after building, when known. */
  expectedParams?: number;
  /** Whether a training step must change the trainable weights. Default: when there are any. */
  expectTraining?: boolean;
  /** Draws the test input (each input of a list, by index); default uniform in [-1, 1]. */
  input?: (shape: number[], index: number) => Tensor;
}

class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
}

function check(condition: boolean, layer: Layer, message: string): void {
  if (!condition) throw new ConformanceError(`${layer.className} "${layer.name}": ${message}`);
}

const shapeEq = (a: readonly (number | null)[], b: readonly (number | null)[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * The conformance harness every layer goes through (and a user's own layers can): output shape
 * against `computeOutputShape` and against the layer applied to symbolic inputs (one, or a list for
 * layers taking several), weight and parameter counts, `getConfig`/`fromConfig` round trip,
 * one training step that changes the trainable weights, a frozen copy whose weights a training pass
 * leaves alone, and no leaked tensors. Throws a `ConformanceError` naming the layer and the failed check.
 *
 * @example
 * ```ts
 * import { runLayerTest } from '@layerwise/layers/test';
 * runLayerTest({ create: () => dense({ units: 3 }), inputShape: [2, 4], expectedOutputShape: [2, 3], expectedWeights: { trainable: 2, nonTrainable: 0 } });
 * ```
 */
export function runLayerTest(options: LayerTestOptions): void {
  const draw = options.input ?? ((shape: number[], index: number) => tf.randomUniform(shape, -1, 1, 'float32', 7 + index));
  const before = tf.memory().numTensors;
  const several = Array.isArray(options.inputShape[0]);
  const shapes = (several ? options.inputShape : [options.inputShape]) as readonly (readonly number[])[];
  const inputs = shapes.map((shape, i) => draw([...shape], i));
  const x: Tensor | Tensor[] = several ? inputs : inputs[0]!;
  const layer = options.create();
  try {
    // Output shape, as computed and as declared.
    const y = layer.apply(x, { training: false });
    check(shapeEq(y.shape, options.expectedOutputShape), layer, `output shape ${formatShape(y.shape)}, expected ${formatShape(options.expectedOutputShape)}`);
    const unbatched = shapes.map((s) => [null, ...s.slice(1)]);
    const declared = layer.computeOutputShape(several ? unbatched : unbatched[0]!);
    check(shapeEq(declared, [null, ...options.expectedOutputShape.slice(1)]), layer, `computeOutputShape gives ${formatShape(declared)}, output was ${formatShape(y.shape)}`);
    y.dispose();

    // Applied to symbolic inputs, as in a functional model.
    const symbolic = shapes.map((s) => input({ shape: s.slice(1) }));
    const out = layer.apply(several ? symbolic : symbolic[0]!);
    check(shapeEq(out.shape, [null, ...options.expectedOutputShape.slice(1)]), layer, `applied to symbolic inputs it gives ${formatShape(out.shape)}, expected ${formatShape([null, ...options.expectedOutputShape.slice(1)])}`);

    // Weights.
    const { trainable, nonTrainable } = options.expectedWeights;
    check(layer.trainableWeights.length === trainable, layer, `${layer.trainableWeights.length} trainable weights, expected ${trainable}`);
    check(layer.nonTrainableWeights.length === nonTrainable, layer, `${layer.nonTrainableWeights.length} non-trainable weights, expected ${nonTrainable}`);
    if (options.expectedParams !== undefined) {
      check(layer.countParams() === options.expectedParams, layer, `${layer.countParams()} parameters, expected ${options.expectedParams}`);
    }

    // Config round trip.
    const config = layer.getConfig();
    const type = layer.constructor as unknown as { fromConfig(c: typeof config): Layer };
    const copy = type.fromConfig(JSON.parse(JSON.stringify(config)));
    try {
      check(JSON.stringify(copy.getConfig()) === JSON.stringify(config), layer, `fromConfig(getConfig()) gives ${JSON.stringify(copy.getConfig())}, expected ${JSON.stringify(config)}`);
    } finally {
      copy.dispose();
    }

    // One training step: trainable weights move, frozen ones do not.
    const expectTraining = options.expectTraining ?? trainable > 0;
    if (expectTraining) trainingStepMovesWeights(layer, x);
  } finally {
    layer.dispose();
    tf.dispose(inputs);
  }
  const after = tf.memory().numTensors;
  if (after !== before) throw new ConformanceError(`${layer.className} "${layer.name}": leaked ${after - before} tensors`);
}

function trainingStepMovesWeights(layer: Layer, x: Tensor | Tensor[]): void {
  const trainableBefore = layer.trainableWeights.map((w) => tf.clone(w.variable));
  const variables = layer.trainableWeights.map((w) => w.variable);
  const target = tf.tidy(() => tf.randomNormal(layer.apply(x, { training: true }).shape, 0, 1, 'float32', 3));
  try {
    const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(layer.apply(x, { training: true }), target))), variables);
    for (const v of variables) tf.tidy(() => v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.5))));
    value.dispose();
    tf.dispose(grads);
    layer.trainableWeights.forEach((w, i) => {
      const moved = tf.tidy(() => tf.any(tf.notEqual(w.variable, trainableBefore[i]!)).dataSync()[0] === 1);
      check(moved, layer, `a training step left trainable weight ${w.name} unchanged`);
    });
  } finally {
    target.dispose();
    tf.dispose(trainableBefore);
  }
  frozenLayerStaysPut(layer, x);
}

/** A frozen layer has no trainable weights, and a training-mode pass changes none of its weights. */
function frozenLayerStaysPut(layer: Layer, x: Tensor | Tensor[]): void {
  const wasTrainable = layer.trainable;
  layer.trainable = false;
  const snapshot = layer.weights.map((w) => tf.clone(w.variable));
  try {
    check(layer.trainableWeights.length === 0, layer, 'a frozen layer still lists trainable weights');
    tf.tidy(() => {
      layer.apply(x, { training: true });
    });
    layer.weights.forEach((w, i) => {
      const same = tf.tidy(() => tf.all(tf.equal(w.variable, snapshot[i]!)).dataSync()[0] === 1);
      check(same, layer, `a training pass changed weight ${w.name} of the frozen layer`);
    });
  } finally {
    layer.trainable = wasTrainable;
    tf.dispose(snapshot);
  }
}
