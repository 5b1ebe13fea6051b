import type { ConfigDict } from '@layerwise/core';
import { modelFromArtifacts, toLayersArtifacts, type LayersModelArtifacts } from '../tfjs/layers-artifacts.js';
import type { ModelJson } from '../tfjs/model-json.js';
import { readLayersModel } from '../tfjs/read-layers-model.js';
import type { AnyModel } from '../weights/weight-groups.js';
import { writeFileAtomic } from '@layerwise/core';
import { readFileBytes } from './atomic-write.js';

/** The `model.json` path of a TensorFlow.js Layers model given as a folder or as the file. */
const modelJsonPath = async (path: string) => (path.endsWith('.json') ? path : (await import('node:path')).join(path, 'model.json'));

/**
 * Reads a TensorFlow.js Layers model's `model.json` and the shard files it lists from disk (a
 * shard path leaving the model's folder is refused), as artifacts.
 */
export async function readLayersFolder(path: string): Promise<LayersModelArtifacts> {
  const { dirname, resolve, sep } = await import('node:path');
  const file = await modelJsonPath(path);
  const folder = resolve(dirname(file));
  const owner = 'loadLayersModel';
  return readLayersModel(
    file,
    {
      read: (location) => readFileBytes(location, location === file ? owner : `${owner} (a weight file listed in '${file}')`),
      resolveShard: (shard) => {
        const shardPath = resolve(folder, shard);
        return shardPath.startsWith(folder + sep) ? shardPath : undefined;
      },
    },
    owner,
  );
}

/**
 * Loads a TensorFlow.js Layers model (Sequential or functional) from a folder or a `model.json`
 * path in Node.
 *
 * @example
 * ```ts
 * const model = await loadLayersModel('models/darknet-tiny');
 * const logits = model.predictOnBatch(images) as tf.Tensor;
 * ```
 */
export async function loadLayersModel(path: string): Promise<AnyModel> {
  return modelFromArtifacts(await readLayersFolder(path));
}

/**
 * Writes a model in the TensorFlow.js Layers format into a folder: `model.json` and one weight
 * file named after its content. The weight file is written first and `model.json` last (both via
 * a temporary file and a rename), so an interrupted save leaves the previous model loadable; the
 * previous weight files are removed afterwards.
 */
export async function saveLayersFolder(model: AnyModel, folder: string, options: { trainingConfig?: ConfigDict } = {}): Promise<void> {
  const fs = await import('node:fs/promises');
  const { join } = await import('node:path');
  const owner = 'saveModel';
  await fs.mkdir(folder, { recursive: true });
  const artifacts = toLayersArtifacts(model, options);
  const { weightData } = artifacts;
  const shard = `weights-${fingerprint(weightData)}.bin`;
  const modelJson: ModelJson = { ...artifacts.modelJson, weightsManifest: artifacts.modelJson.weightsManifest.map((g) => ({ ...g, paths: [shard] })) };
  const previous = await readPreviousShards(join(folder, 'model.json'));
  await writeFileAtomic(join(folder, shard), weightData, owner);
  await writeFileAtomic(join(folder, 'model.json'), JSON.stringify(modelJson), owner);
  for (const old of previous) if (old !== shard && /^[\w.-]+$/.test(old)) await fs.rm(join(folder, old), { force: true });
}

async function readPreviousShards(file: string): Promise<string[]> {
  try {
    const json = JSON.parse(new TextDecoder().decode(await readFileBytes(file, 'saveModel'))) as ModelJson;
    return json.weightsManifest.flatMap((g) => g.paths);
  } catch {
    return [];
  }
}

/** A short content hash (FNV-1a, 32 bits, as hex) for weight file names. */
function fingerprint(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
