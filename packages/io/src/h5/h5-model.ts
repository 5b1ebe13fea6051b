import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { buildModel, modelConfigFor } from '../config/build-model.js';
import type { FormatLoadOptions, FormatSaveOptions } from '../training/format-options.js';
import { trainingConfigOf } from '../training/training-config.js';
import { optimizerWeightsOf } from '../training/optimizer-weights.js';
import { restoreTraining } from '../training/restore-training.js';
import { assignWeightGroups } from '../weights/assign-weights.js';
import { modelWeightGroups, type AnyModel } from '../weights/weight-groups.js';
import { readKerasH5, writeKerasH5, type KerasH5Contents } from './keras-h5.js';

/** A whole model as a Keras HDF5 file (tf.keras 2's layout). */
export async function modelToH5(model: AnyModel, options: FormatSaveOptions = {}): Promise<Uint8Array> {
  const trainingConfig = trainingConfigOf(model);
  const optimizerWeights = options.includeOptimizer !== false && trainingConfig ? optimizerWeightsOf(model) : [];
  try {
    return await writeKerasH5({
      modelConfig: modelConfigFor(model),
      ...(trainingConfig ? { trainingConfig } : {}),
      layers: modelWeightGroups(model),
      optimizerWeights,
    });
  } finally {
    tf.dispose(optimizerWeights.map((w) => w.tensor));
  }
}

/** The model's weights as a Keras weights-only HDF5 file (`model.save_weights('x.h5')`). */
export function weightsToH5(model: AnyModel): Promise<Uint8Array> {
  return writeKerasH5({ layers: modelWeightGroups(model) });
}

const disposeContents = (contents: KerasH5Contents) => tf.dispose([...contents.layers.flatMap((l) => l.weights.map((w) => w.tensor)), ...contents.optimizerWeights]);

/**
 * Rebuilds a model from a Keras HDF5 file saved by Keras 2.1 to 3 (legacy writer), tf.keras or
 * Layerwise: architecture, weights (by layer, in `weight_names` order), compile settings and, when
 * saved in Keras 3's order, the optimizer's state.
 */
export async function modelFromH5(bytes: Uint8Array, source: string, options: FormatLoadOptions = {}): Promise<AnyModel> {
  const contents = await readKerasH5(bytes, source);
  let model: AnyModel | undefined;
  try {
    if (contents.modelConfig === undefined) {
      throw new LayerwiseError(`${source}: a weights-only HDF5 file has no architecture; build the model and call loadWeights(model, source)`);
    }
    model = buildModel(contents.modelConfig, source);
    assignWeightGroups(model, contents.layers, source);
    if (options.compile !== false) restoreTraining(model, contents.trainingConfig, contents.optimizerWeights, source);
    return model;
  } catch (error) {
    model?.dispose();
    throw error;
  } finally {
    disposeContents(contents);
  }
}

/** Loads the weights of a Keras HDF5 file (weights-only or full model) into a model with the same layers. */
export async function weightsFromH5(model: AnyModel, bytes: Uint8Array, source: string): Promise<void> {
  const contents = await readKerasH5(bytes, source);
  try {
    assignWeightGroups(model, contents.layers, source);
  } finally {
    disposeContents(contents);
  }
}
