export { loadLayersModel, modelFromArtifacts, type LayersModelArtifacts } from './tfjs/load-layers-model.js';
export { decodeWeights } from './tfjs/decode-weights.js';
export { layerFromConfig, loadableLayers, normalizeLayerConfig } from './tfjs/layer-registry.js';
export type { ModelJson, SerializedLayer, WeightSpec, WeightsManifestGroup } from './tfjs/model-json.js';
