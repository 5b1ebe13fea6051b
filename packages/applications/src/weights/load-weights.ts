import { loadWeights, weightsFromH5 } from '@layerwise/io';
import type { Model } from '@layerwise/layers';
import type { ResolvedOptions } from '../models/options.js';
import { getKerasFile, type KerasFile } from './keras-file.js';

/**
 * Loads an application's weights: none for `weights: null`; Keras' ImageNet file (from the offline
 * directory, the cache or its URL, checksum-verified) for `'imagenet'`; else the named file. Keras'
 * HDF5 weights load by layer name (by position, as Keras does, when some names differ), and every
 * count and shape is checked first: a file for another architecture fails naming the layer.
 */
export async function loadApplicationWeights(model: Model, options: Pick<ResolvedOptions, 'weights' | 'weightsFile'>, imagenet: KerasFile): Promise<void> {
  if (options.weights === null) return;
  if (options.weights === 'imagenet') {
    const bytes = await getKerasFile(imagenet, options.weightsFile);
    await weightsFromH5(model, bytes, imagenet.name);
    return;
  }
  await loadWeights(model, options.weights);
}
