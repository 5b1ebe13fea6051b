import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, checkOptions, formatShape, LayerwiseError } from '@layerwise/core';
import { loadClassIndex, type ClassIndex, type LoadClassIndexOptions } from './class-index.js';

/** One decoded prediction: the class' WordNet id, its name and its score. */
export interface DecodedPrediction {
  readonly id: string;
  readonly name: string;
  readonly score: number;
}

/** Options of {@link decodePredictions}. */
export interface DecodePredictionsOptions extends LoadClassIndexOptions {
  /** How many classes per sample, best first. Default 5. */
  readonly top?: number;
  /** A class index already loaded (default: Keras' ImageNet index, loaded with {@link loadClassIndex}). */
  readonly classIndex?: ClassIndex;
}

/**
 * Keras' `decode_predictions`: the `top` classes of each row of a `[samples, classes]` prediction,
 * best first, as `{ id, name, score }`. The class index must name every class of the predictions.
 *
 * @example
 * ```ts
 * const [best] = (await decodePredictions(model.predict(x)))[0]!;
 * console.log(best.name, best.score); // 'African_elephant' 0.92
 * ```
 */
export async function decodePredictions(predictions: Tensor, options: DecodePredictionsOptions = {}): Promise<DecodedPrediction[][]> {
  const owner = 'decodePredictions';
  checkOptions(owner, options, ['top', 'classIndex', 'file', 'offlineDir', 'cacheDir', 'baseUrl', 'fetch']);
  if (!(predictions instanceof tf.Tensor) || predictions.rank !== 2) {
    throw new LayerwiseError(`${owner}: expects a batch of predictions of shape [samples, classes]. Received: ${predictions instanceof tf.Tensor ? `shape ${formatShape(predictions.shape)}` : String(predictions)}`);
  }
  const top = checkInteger(owner, 'top', options.top ?? 5);
  const { top: _top, classIndex: given, ...where } = options;
  const classIndex = given ?? (await loadClassIndex(where));
  const classes = predictions.shape[1]!;
  if (Object.keys(classIndex).length !== classes) {
    throw new LayerwiseError(`${owner}: the predictions have ${classes} classes, the class index ${Object.keys(classIndex).length}. Received shape ${formatShape(predictions.shape)}`);
  }
  const rows = (await predictions.array()) as number[][];
  return rows.map((row) =>
    row
      .map((score, i) => ({ score, i }))
      .sort((a, b) => b.score - a.score)
      .slice(0, top)
      .map(({ score, i }) => {
        const entry = classIndex[String(i)];
        if (!entry) throw new LayerwiseError(`${owner}: the class index has no class ${i}`);
        return { id: entry[0], name: entry[1], score };
      }),
  );
}
