import type { LayersModelArtifacts } from '../tfjs/layers-artifacts.js';
import { readLayersModel } from '../tfjs/read-layers-model.js';
import { fetchBytes, type HttpOptions } from './http.js';

/**
 * Downloads a TensorFlow.js Layers model: `model.json`, then the weight files it lists, relative to
 * it (one outside the model's folder URL is refused), with progress for each.
 */
export function readLayersUrl(url: string, options: HttpOptions = {}): Promise<LayersModelArtifacts> {
  const folder = new URL('.', url).href;
  return readLayersModel(
    url,
    {
      read: (location) => fetchBytes(location, options),
      resolveShard: (path) => {
        const shard = new URL(path, folder).href;
        return shard.startsWith(folder) ? shard : undefined;
      },
    },
    'loadModel',
  );
}
