import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D } from '@tensorflow/tfjs-core';
import { checkInteger, checkNumber, checkOptions, invalidArgument, LayerwiseError } from '@layerwise/core';
import { model as functional } from '@layerwise/layers';
import { featureMapTensors, type GraphModel } from '../activations/graph-tensors.js';

/** Options of {@link filterPatterns}. */
export interface FilterPatternsOptions {
  /** The layer whose filters are visualised (its output must be a feature map). */
  layer: string;
  /** The filters (output channels) to visualise (default all, at most 64: the first 64). */
  filters?: readonly number[];
  /** Gradient-ascent steps (default 30, as Deep Learning with Python). */
  steps?: number;
  /** The step size on the L2-normalised gradient (default 10). */
  stepSize?: number;
  /** Seed of the random starting pattern (uniform in [0.4, 0.6]; default 0). */
  seed?: number;
}

/** What {@link filterPatterns} found. */
export interface FilterPatterns {
  /** The filters visualised, in the order of `patterns`. */
  readonly filters: readonly number[];
  /** One input pattern per filter, `[filters, height, width, channels]`; the caller disposes it. */
  readonly patterns: Tensor4D;
  /** Each filter's mean activation on the random starting pattern. */
  readonly startActivation: readonly number[];
  /** Each filter's mean activation on its pattern. */
  readonly finalActivation: readonly number[];
}

function chosenFilters(owner: string, channels: number, filters: readonly number[] | undefined): number[] {
  if (filters === undefined) return Array.from({ length: Math.min(channels, 64) }, (_, i) => i);
  if (!Array.isArray(filters) || filters.length === 0) throw invalidArgument({ owner, argument: 'filters', expected: 'a non-empty list of channel indices', received: filters });
  filters.forEach((f, i) => {
    if (!Number.isInteger(f) || f < 0 || f >= channels) throw invalidArgument({ owner, argument: `filters[${i}]`, expected: `a channel index below ${channels}`, received: f });
  });
  return [...filters];
}

/** The values of a 1D tensor computed by `f`, which is then freed. */
async function meanActivations(f: () => Tensor): Promise<number[]> {
  const values = tf.tidy(f);
  try {
    return Array.from(await values.data());
  } finally {
    values.dispose();
  }
}

/**
 * The input pattern each filter of a layer responds to most, by gradient ascent on the input (Deep
 * Learning with Python, "visualizing convnet filters"): starting from a random image, each step
 * moves the image along the L2-normalised gradient of the filter's mean activation. All the
 * filters are ascended together, one image each in a batch. Leaves no tensor but `patterns`.
 *
 * @example
 * ```ts
 * const { patterns } = await filterPatterns(model, { layer: 'conv2d_3', filters: [0, 1, 2, 3] });
 * const grid = await filterGrid(patterns, { columns: 4, scale: 2 });
 * patterns.dispose();
 * ```
 */
export async function filterPatterns(model: GraphModel, options: FilterPatternsOptions): Promise<FilterPatterns> {
  const owner = 'filterPatterns';
  checkOptions(owner, options, ['layer', 'filters', 'steps', 'stepSize', 'seed']);
  if (typeof options.layer !== 'string') throw invalidArgument({ owner, argument: 'layer', expected: "a layer name ('conv2d_1')", received: options.layer });
  const steps = checkInteger(owner, 'steps', options.steps ?? 30, 0);
  const stepSize = checkNumber(owner, 'stepSize', options.stepSize ?? 10, { min: 0, minExclusive: true });
  const seed = checkInteger(owner, 'seed', options.seed ?? 0, 0);
  const [target] = featureMapTensors(owner, model, [options.layer]);
  const inputs = model.inputs;
  const inputShape = inputs[0]!.shape.slice(1);
  if (inputs.length !== 1 || inputShape.length !== 3 || inputShape.some((d) => d === null)) {
    throw new LayerwiseError(`${owner}: model "${model.name}" must have one image input of known size, [height, width, channels]; its inputs are ${inputs.map((t) => JSON.stringify(t.shape)).join(', ')}`);
  }
  const filters = chosenFilters(owner, target!.tensor.shape[3]!, options.filters);
  const features = functional({ inputs: inputs[0]!, outputs: target!.tensor, name: `${model.name}_${options.layer}_features` });
  const mask = tf.tidy(() => tf.reshape(tf.oneHot(filters, target!.tensor.shape[3]!), [filters.length, 1, 1, -1]));
  // Each image's mean activation of its filter, one value per image.
  const activation = (x: Tensor) => tf.mean(tf.sum(tf.mul(features.predictOnBatch(x), mask), -1), [1, 2]);
  let image: Tensor4D = tf.randomUniform([filters.length, ...(inputShape as [number, number, number])], 0.4, 0.6, 'float32', seed);
  try {
    const startActivation = await meanActivations(() => activation(image));
    const gradient = tf.grad((x: Tensor) => tf.sum(activation(x)));
    for (let step = 0; step < steps; step++) {
      const next = tf.tidy(() => {
        const g = gradient(image);
        const norm = tf.add(tf.sqrt(tf.sum(tf.square(g), [1, 2, 3], true)), 1e-12);
        return tf.add(image, tf.mul(tf.div(g, norm), stepSize)) as Tensor4D;
      });
      image.dispose();
      image = next;
    }
    return { filters, patterns: image, startActivation, finalActivation: await meanActivations(() => activation(image)) };
  } catch (error) {
    image.dispose();
    throw error;
  } finally {
    mask.dispose();
  }
}
