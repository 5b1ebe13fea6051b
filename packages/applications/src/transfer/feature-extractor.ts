import type { Tensor } from '@tensorflow/tfjs-core';
import { checkBoolean, checkOptions, formatShape, invalidArgument, LayerwiseError } from '@layerwise/core';
import { globalAveragePooling2d, globalMaxPooling2d, model as functionalModel, type Functional, type LayerOutput, type Model, type SymbolicTensor } from '@layerwise/layers';

/** Options of {@link featureExtractor}. */
export interface FeatureExtractorOptions {
  /** The layer whose output becomes the features (a name, e.g. `'leaky_re_lu_14'` or `'block5_pool'`). */
  outputLayer: string;
  /** Whether the extractor's layers train. Default false: a frozen base. */
  trainable?: boolean;
  /** Global pooling of a 4D feature map into one vector per image. Default none. */
  pooling?: 'avg' | 'max' | null;
  /** The extractor's name. Default `<model>_features`. */
  name?: string;
}

/**
 * A headless model from any loaded or built model: its inputs to the output of `outputLayer`
 * (optionally globally pooled). It shares the model's layers and weights, as a Keras model cut
 * with `Model(base.inputs, base.get_layer(name).output)` does, so `trainable: false` (the default)
 * freezes those layers in the original model too.
 *
 * @example
 * ```ts
 * const darknet = await loadModel('models/darknet-tiny/model.json');
 * const base = featureExtractor(darknet, { outputLayer: 'leaky_re_lu_14', pooling: 'avg' }); // 512 features
 * ```
 */
export function featureExtractor(source: Model<LayerOutput>, options: FeatureExtractorOptions): Functional<Tensor> {
  const owner = `featureExtractor(Model "${source.name}")`;
  checkOptions(owner, options, ['outputLayer', 'trainable', 'pooling', 'name']);
  if (typeof options.outputLayer !== 'string' || options.outputLayer === '') {
    throw invalidArgument({ owner, argument: 'outputLayer', expected: 'the name of one of its layers', received: options.outputLayer });
  }
  const trainable = checkBoolean(owner, 'trainable', options.trainable ?? false);
  const pooling = options.pooling ?? null;
  if (pooling !== null && pooling !== 'avg' && pooling !== 'max') {
    throw invalidArgument({ owner, argument: 'pooling', expected: "'avg', 'max' or null", received: pooling });
  }
  const layer = source.getLayer(options.outputLayer);
  let features: SymbolicTensor = layer.output as SymbolicTensor;
  if (pooling !== null) {
    if (features.shape.length !== 4) {
      throw new LayerwiseError(`${owner}: pooling needs a 4D feature map; layer "${layer.name}" outputs shape ${formatShape(features.shape)}`);
    }
    features = (pooling === 'avg' ? globalAveragePooling2d() : globalMaxPooling2d()).apply(features);
  }
  const extractor = functionalModel({ inputs: source.inputs, outputs: features, name: options.name ?? `${source.name}_features` });
  extractor.trainable = trainable;
  return extractor;
}
