import type { Tensor } from '@tensorflow/tfjs-core';
import { dense, Functional, globalAveragePooling2d, globalMaxPooling2d, input, model, type SymbolicTensor } from '@layerwise/layers';
import { loadApplicationWeights } from '../weights/load-weights.js';
import type { KerasFile } from '../weights/keras-file.js';
import type { ResolvedOptions } from './options.js';

/** The input of an application: `input_layer`, as a fresh Keras 3 session names it. */
export const imageInput = (options: ResolvedOptions): SymbolicTensor => input({ shape: options.inputShape, name: 'input_layer' });

/**
 * What follows the convolutional base without the top: Keras' optional global pooling, named as
 * the family names it (`avg_pool` in ResNet, else Keras' default layer names).
 */
export function poolingTail(x: SymbolicTensor, options: ResolvedOptions, names: { avg: string; max: string } = { avg: 'global_average_pooling2d', max: 'global_max_pooling2d' }): SymbolicTensor {
  if (options.pooling === 'avg') return globalAveragePooling2d({ name: names.avg }).apply(x);
  if (options.pooling === 'max') return globalMaxPooling2d({ name: names.max }).apply(x);
  return x;
}

/** The `predictions` Dense layer of every family's top. */
export const predictions = (x: SymbolicTensor, options: ResolvedOptions): SymbolicTensor =>
  dense({ units: options.classes, activation: options.activation, name: 'predictions' }).apply(x);

/** The pair of ImageNet weight files of a family, with and without the top. */
export interface WeightFiles {
  readonly top: KerasFile;
  readonly noTop: KerasFile;
}

/** Makes the functional model and loads its weights as the options say; a model whose weights fail to load is disposed. */
export async function finishApplication(inputs: SymbolicTensor, outputs: SymbolicTensor, options: ResolvedOptions, files: WeightFiles): Promise<Functional<Tensor>> {
  const built = model({ inputs, outputs, name: options.name });
  try {
    await loadApplicationWeights(built, options, options.includeTop ? files.top : files.noTop);
    return built;
  } catch (error) {
    built.dispose();
    throw error;
  }
}
