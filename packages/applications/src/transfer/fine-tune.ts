import { checkBoolean, checkOptions } from '@layerwise/core';
import { BatchNormalization, unfreezeWeights, type LayerOutput, type LayerRef, type Model } from '@layerwise/layers';

/** Options of {@link unfreezeTop}. */
export interface UnfreezeTopOptions {
  /** The first layer to train again (a name, an index in `base.layers` or the layer); it and every later layer train. */
  from: LayerRef;
  /**
   * Keep the BatchNormalization layers frozen (in inference mode, with their ImageNet statistics),
   * as Keras' fine-tuning guide advises: small batches would otherwise wreck their statistics.
   * Default true.
   */
  keepBatchNormalizationFrozen?: boolean;
}

/**
 * The fine-tuning step of the transfer-learning recipe: after a new head has been trained on a
 * frozen base, make the base's top layers trainable again (from `from` to the end) and keep the
 * rest frozen. Compile the model again afterwards, with a low learning rate.
 *
 * @example
 * ```ts
 * unfreezeTop(base, { from: 'block5_conv1' });
 * model.compile({ optimizer: rmsprop({ learningRate: 1e-5 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
 * ```
 */
export function unfreezeTop(base: Model<LayerOutput>, options: UnfreezeTopOptions): void {
  const owner = `unfreezeTop(Model "${base.name}")`;
  checkOptions(owner, options, ['from', 'keepBatchNormalizationFrozen']);
  const keepBn = checkBoolean(owner, 'keepBatchNormalizationFrozen', options.keepBatchNormalizationFrozen ?? true);
  unfreezeWeights(base, { from: options.from });
  if (keepBn) for (const layer of base.layers) if (layer instanceof BatchNormalization) layer.trainable = false;
}
