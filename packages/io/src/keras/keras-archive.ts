import * as tf from '@tensorflow/tfjs-core';
import { describeValue, LayerwiseError, type ConfigDict } from '@layerwise/core';
import { buildModel, modelConfigFor } from '../config/build-model.js';
import { compileConfigOf } from '../training/compile-config.js';
import { optimizerWeightsOf } from '../training/optimizer-weights.js';
import type { FormatLoadOptions, FormatSaveOptions } from '../training/format-options.js';
import { restoreTraining } from '../training/restore-training.js';
import { assignWeightGroups } from '../weights/assign-weights.js';
import type { AnyModel } from '../weights/weight-groups.js';
import { readKerasWeights, writeKerasWeights } from './keras-weights-h5.js';
import { readZip, writeZip, type ZipLimits } from './zip-entries.js';

/**
 * A model as a Keras 3 `.keras` archive: `config.json` (the model config with `build_config` and
 * `compile_config`), `metadata.json` and `model.weights.h5` in Keras 3's layout.
 */
export async function modelToKeras(model: AnyModel, options: FormatSaveOptions = {}): Promise<Uint8Array> {
  const compileConfig = compileConfigOf(model);
  const optimizer = options.includeOptimizer !== false && compileConfig ? optimizerWeightsOf(model) : [];
  try {
    const shape = model.inputShape;
    const config: ConfigDict = {
      module: 'keras',
      ...(modelConfigFor(model) as unknown as ConfigDict),
      registered_name: null,
      ...(shape ? { build_config: { input_shape: [...shape] } } : {}),
      ...(compileConfig ? { compile_config: compileConfig } : {}),
    };
    const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    return writeZip({
      'metadata.json': text({ keras_version: 'layerwise', date_saved: new Date().toISOString() }),
      'config.json': text(config),
      'model.weights.h5': await writeKerasWeights(model, optimizer),
    });
  } finally {
    tf.dispose(optimizer.map((w) => w.tensor));
  }
}

function parseEntry(entries: Record<string, Uint8Array>, name: string, source: string): ConfigDict {
  const bytes = entries[name];
  if (!bytes) throw new LayerwiseError(`${source}: the archive has no ${name} (entries: ${Object.keys(entries).join(', ') || 'none'})`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as ConfigDict;
  } catch (error) {
    throw new LayerwiseError(`${source}: ${name} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Options of reading a `.keras` archive. */
export interface ReadKerasOptions extends ZipLimits, FormatLoadOptions {}

/** Rebuilds a model from a Keras 3 `.keras` archive (saved by Keras 3 or Layerwise). */
export async function modelFromKeras(bytes: Uint8Array, source: string, options: ReadKerasOptions = {}): Promise<AnyModel> {
  const entries = readZip(bytes, source, options);
  const config = parseEntry(entries, 'config.json', source);
  parseEntry(entries, 'metadata.json', source);
  const weightsBytes = entries['model.weights.h5'];
  if (!weightsBytes) throw new LayerwiseError(`${source}: the archive has no model.weights.h5`);
  const model = buildModel(config, source);
  let weights;
  try {
    weights = await readKerasWeights(model, weightsBytes, `${source} (model.weights.h5)`);
    assignWeightGroups(model, weights.layers, `${source} (model.weights.h5)`);
    const compileConfig = config['compile_config'];
    if (options.compile !== false && compileConfig !== undefined && compileConfig !== null) {
      if (typeof compileConfig !== 'object' || Array.isArray(compileConfig)) throw new LayerwiseError(`${source}: compile_config must be an object, received ${describeValue(compileConfig)}`);
      restoreTraining(model, compileConfig as ConfigDict, weights.optimizer, source);
    }
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    if (weights) tf.dispose([...weights.layers.flatMap((l) => l.weights.map((w) => w.tensor)), ...weights.optimizer]);
  }
}
