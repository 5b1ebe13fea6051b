import { LayerwiseError } from '@layerwise/core';
import { concatBytes } from '@layerwise/core';
import type { LayersModelArtifacts } from './layers-artifacts.js';
import type { ModelJson } from './model-json.js';

/** Where a TensorFlow.js model's files come from: a folder on disk, or URLs. */
export interface LayersModelFiles {
  /** The bytes of `model.json` or of a weight file, by location. */
  read(location: string): Promise<Uint8Array>;
  /** The location of a weight file listed in `model.json`, or undefined when it leaves the model's folder. */
  resolveShard(path: string): string | undefined;
}

/**
 * Reads a TensorFlow.js Layers model's `model.json` at `location` and the weight files it lists
 * (a path leaving the model's folder is refused), as artifacts.
 */
export async function readLayersModel(location: string, files: LayersModelFiles, owner: string): Promise<LayersModelArtifacts> {
  let modelJson: ModelJson;
  try {
    modelJson = JSON.parse(new TextDecoder().decode(await files.read(location))) as ModelJson;
  } catch (error) {
    throw error instanceof LayerwiseError ? error : new LayerwiseError(`${owner}: '${location}' is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(modelJson?.weightsManifest)) throw new LayerwiseError(`${owner}: '${location}' has no weightsManifest list`);
  const shards: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const path of group.paths) {
      const shard = files.resolveShard(path);
      if (shard === undefined) throw new LayerwiseError(`${owner}: shard path '${path}' in '${location}' leaves the model's folder`);
      shards.push(await files.read(shard));
    }
  }
  return { modelJson, weightData: concatBytes(shards), source: location };
}
