import { checkBoolean, checkOptions, invalidArgument, LayerwiseError } from '@layerwise/core';
import { modelToH5, weightsToH5 } from '../h5/h5-model.js';
import { modelToKeras } from '../keras/keras-archive.js';
import { writeKerasWeights } from '../keras/keras-weights-h5.js';
import { writeFileAtomic } from '@layerwise/core';
import { saveLayersFolder } from '../node/layers-folder.js';
import { trainingConfigOf } from '../training/training-config.js';
import type { AnyModel } from '../weights/weight-groups.js';
import { isBrowserLocation } from '../browser/browser-locations.js';
import { saveModelInBrowser } from '../browser/browser-models.js';
import { modelFormatOf, weightsFormatOf, type ModelFormat, type WeightsFormat } from './formats.js';
import { isHttpUrl } from './http.js';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** The format, when the extension does not say it. */
  readonly format?: ModelFormat;
  /**
   * Save the optimizer's state too (`.keras` and `.h5`), so that training resumes exactly. Default
   * true for those formats. The TensorFlow.js format keeps the optimizer in TensorFlow.js' own
   * layout, so it gets the compile settings only, and `true` there is an error.
   */
  readonly includeOptimizer?: boolean;
}

/** Options of {@link saveWeights}. */
export interface SaveWeightsOptions {
  /** The format, when the extension does not say it. */
  readonly format?: WeightsFormat;
}

function checkTarget(owner: string, target: unknown): string {
  if (typeof target !== 'string' || target === '') throw invalidArgument({ owner, argument: 'target', expected: 'a file path', received: target });
  if (isHttpUrl(target)) throw new LayerwiseError(`${owner}: saving to a URL is not supported; save to a file path. Received: target=${target}`);
  return target;
}

/**
 * Saves a whole model (architecture, weights, compile settings and, by default, the optimizer's
 * state) to a file in Node, in the format its extension names: `.keras` (Keras 3 archive), `.h5`
 * (Keras HDF5, tf.keras 2's layout) or `model.json` (TensorFlow.js Layers: `model.json` and a
 * weight file beside it). The file is written to a temporary name and renamed, so an interrupted
 * save leaves the previous file whole.
 *
 * @example
 * ```ts
 * await saveModel(model, 'checkpoints/model.keras');
 * const again = await loadModel('checkpoints/model.keras'); // same predictions, same next training step
 * ```
 */
export async function saveModel(model: AnyModel, target: string, options: SaveModelOptions = {}): Promise<void> {
  const owner = 'saveModel';
  checkOptions(owner, options, ['format', 'includeOptimizer']);
  const path = checkTarget(owner, target);
  if (options.includeOptimizer !== undefined) checkBoolean(owner, 'includeOptimizer', options.includeOptimizer);
  if (isBrowserLocation(path)) {
    await saveModelInBrowser(model, path, owner);
    return;
  }
  const format = modelFormatOf(owner, path, options.format);
  if (format === 'tfjs') {
    if (options.includeOptimizer === true) {
      throw new LayerwiseError(`${owner}: the TensorFlow.js format stores an optimizer's state in TensorFlow.js' own layout; save to .keras or .h5 to include the optimizer. Received: includeOptimizer=true, target=${path}`);
    }
    const { dirname } = await import('node:path');
    const trainingConfig = trainingConfigOf(model);
    await saveLayersFolder(model, path.toLowerCase().endsWith('.json') ? dirname(path) : path, trainingConfig ? { trainingConfig } : {});
    return;
  }
  const saveOptions = { includeOptimizer: options.includeOptimizer !== false };
  const bytes = format === 'keras' ? await modelToKeras(model, saveOptions) : await modelToH5(model, saveOptions);
  await writeFileAtomic(path, bytes, owner);
}

/**
 * Saves the model's weights to a file in Node: `.weights.h5` in Keras 3's layout (as
 * `model.save_weights('x.weights.h5')`), another `.h5` in Keras 2's weights-only layout. Written
 * through a temporary file and a rename, like {@link saveModel}.
 */
export async function saveWeights(model: AnyModel, target: string, options: SaveWeightsOptions = {}): Promise<void> {
  const owner = 'saveWeights';
  checkOptions(owner, options, ['format']);
  const path = checkTarget(owner, target);
  const format = weightsFormatOf(owner, path, options.format);
  await writeFileAtomic(path, format === 'weights.h5' ? await writeKerasWeights(model) : await weightsToH5(model), owner);
}
