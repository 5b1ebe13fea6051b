import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { checkInteger, checkOptions, formatShape, invalidArgument, LayerwiseError } from '@layerwise/core';
import { featureMapTensors, graphNodes, type GraphModel } from '../activations/graph-tensors.js';
import { evaluateNodes, nodesDependingOn } from './evaluate-nodes.js';

/** Options of {@link gradCam}. */
export interface GradCamOptions {
  /** The convolutional layer whose feature maps are weighted (default the last layer producing feature maps that the output depends on). */
  layer?: string;
  /** The class explained (default the top-scoring class). */
  classIndex?: number;
  /** Which model output holds the class scores, for models with several (default 0). */
  output?: number;
}

/** A Grad-CAM heatmap and what it explains. */
export interface GradCam {
  /** `[height, width]` of the layer's feature map, values in [0, 1] (1 at the most important place); the caller disposes it. */
  readonly heatmap: Tensor2D;
  readonly classIndex: number;
  /** The model's output for that class (a logit or a probability, as the model returns). */
  readonly score: number;
  /** The layer whose feature maps were weighted. */
  readonly layer: string;
}

function batchOfOne(image: Tensor): Tensor {
  const rank = image?.rank;
  if (rank === 3) return tf.expandDims(image, 0);
  if (rank === 4 && image.shape[0] === 1) return image;
  throw invalidArgument({ owner: 'gradCam', argument: 'image', expected: 'one image, [height, width, channels] or [1, height, width, channels]', received: Array.isArray(image?.shape) ? formatShape(image.shape) : image });
}

/**
 * Grad-CAM (Selvaraju et al.; Deep Learning with Python's class activation heatmaps): where in
 * the image the model looks for a class. The gradient of the class score with respect to a
 * convolutional layer's feature maps, averaged over each map, weighs the maps; their weighted sum,
 * negative values cut, scaled to a maximum of 1, is the heatmap. The image is given as the model
 * takes it (already preprocessed). Leaves no tensor but the heatmap.
 *
 * @example
 * ```ts
 * const cam = await gradCam(model, image, { classIndex: 223 });
 * await writeFile('cam.png', await encodePng(await heatmapOverlay(photo, cam.heatmap)));
 * cam.heatmap.dispose();
 * ```
 */
export async function gradCam(model: GraphModel, image: Tensor, options: GradCamOptions = {}): Promise<GradCam> {
  const owner = 'gradCam';
  checkOptions(owner, options, ['layer', 'classIndex', 'output']);
  const nodes = graphNodes(owner, model);
  const outputIndex = checkInteger(owner, 'output', options.output ?? 0, 0);
  const output = model.outputs[outputIndex];
  if (!output) throw invalidArgument({ owner, argument: 'output', expected: `an output index below ${model.outputs.length}`, received: outputIndex });
  const maps = featureMapTensors(owner, model, options.layer === undefined ? undefined : [options.layer]);
  const target = options.layer === undefined ? maps.filter((t) => nodesDependingOn(nodes, t.tensor).some((n) => n.outputs.includes(output))).at(-1) : maps[0];
  if (!target) throw new LayerwiseError(`${owner}: model "${model.name}" has no layer producing feature maps before its output; pass { layer }`);
  const downstream = nodesDependingOn(nodes, target.tensor);
  if (!downstream.some((n) => n.outputs.includes(output))) {
    throw new LayerwiseError(`${owner}: the output of model "${model.name}" does not depend on layer "${target.name}"`);
  }
  const classes = output.shape.at(-1)!;
  if (options.classIndex !== undefined) checkInteger(owner, 'classIndex', options.classIndex, 0);
  if (options.classIndex !== undefined && options.classIndex >= classes) {
    throw invalidArgument({ owner, argument: 'classIndex', expected: `a class index below ${classes}`, received: options.classIndex });
  }
  const result = tf.tidy(() => {
    const values = evaluateNodes(owner, nodes, new Map([[model.inputs[0]!, batchOfOne(image)]]));
    const scores = tf.reshape(values.get(output)!, [-1]);
    const classIndex = options.classIndex ?? tf.argMax(scores).dataSync()[0]!;
    const score = tf.gather(scores, classIndex);
    const classScore = (maps: Tensor) => {
      const replaced = evaluateNodes(owner, downstream, new Map(values).set(target.tensor, maps));
      return tf.gather(tf.reshape(replaced.get(output)!, [-1]), classIndex);
    };
    const featureMaps = values.get(target.tensor)!;
    const weights = tf.mean(tf.grad(classScore)(featureMaps), [1, 2], true);
    const cam = tf.relu(tf.squeeze(tf.sum(tf.mul(featureMaps, weights), -1), [0]));
    const peak = tf.max(cam);
    const heatmap = tf.where(tf.greater(peak, 0), tf.div(cam, tf.maximum(peak, 1e-12)), cam) as Tensor2D;
    return { heatmap, classIndex, score };
  });
  const score = (await result.score.data())[0]!;
  result.score.dispose();
  return { heatmap: result.heatmap, classIndex: result.classIndex, score, layer: target.name };
}
