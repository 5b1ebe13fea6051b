import { checkOptions, LayerwiseError } from '@layerwise/core';
import type { LayerOutput } from '../engine/layer.js';
import { layerIndex, type LayerRef } from './layer-lookup.js';
import type { Model } from './model.js';

/** The layers `freezeWeights` and `unfreezeWeights` act on: from one layer to another, both included. */
export interface LayerRange {
  /** The first layer: a name, an index in `model.layers`, or the layer. Default: the first. */
  from?: LayerRef;
  /** The last layer, included. Default: the last. */
  to?: LayerRef;
}

function applyRange(owner: string, model: Model<LayerOutput>, range: LayerRange, trainable: boolean): void {
  checkOptions(owner, range, ['from', 'to']);
  const layers = model.layers;
  const from = range.from === undefined ? 0 : layerIndex(owner, layers, range.from, 'from');
  const to = range.to === undefined ? layers.length - 1 : layerIndex(owner, layers, range.to, 'to');
  if (from > to) {
    throw new LayerwiseError(`${owner}: \`from\` (layer ${from}, "${layers[from]!.name}") comes after \`to\` (layer ${to}, "${layers[to]!.name}")`);
  }
  // The model becomes trainable (which sets every layer), then each layer gets its flag.
  model.trainable = true;
  layers.forEach((layer, i) => {
    layer.trainable = i >= from && i <= to ? trainable : !trainable;
  });
}

/**
 * Freezes layers of a model so that training leaves their weights alone (R keras'
 * `freeze_weights`). Without a range, the whole model (`model.trainable = false`). With `from`
 * and/or `to` (names, indices in `model.layers` or layers; both included), the layers in the range
 * are frozen and every other layer is made trainable. Their weights then count as non-trainable in
 * `summary()`, and a frozen layer runs in inference mode (see `CallContext.training`). Compile again
 * after changing what is frozen if the optimizer has state for the old set.
 *
 * @example
 * ```ts
 * freezeWeights(base);                          // all of it
 * freezeWeights(model, { to: 'block4_pool' });  // the first layers up to block4_pool; the rest trains
 * ```
 */
export function freezeWeights(model: Model<LayerOutput>, range: LayerRange = {}): void {
  const owner = `freezeWeights(Model "${model.name}")`;
  if (range.from === undefined && range.to === undefined) {
    checkOptions(owner, range, ['from', 'to']);
    model.trainable = false;
    return;
  }
  applyRange(owner, model, range, false);
}

/**
 * Makes layers of a model trainable again (R keras' `unfreeze_weights`). Without a range, the
 * whole model. With `from` and/or `to` (both included), the layers in the range become trainable
 * and every other layer is frozen: the usual fine-tuning step after training a new head.
 *
 * @example
 * ```ts
 * unfreezeWeights(base, { from: 'block5_conv1' }); // train the top block, keep the rest frozen
 * ```
 */
export function unfreezeWeights(model: Model<LayerOutput>, range: LayerRange = {}): void {
  applyRange(`unfreezeWeights(Model "${model.name}")`, model, range, true);
}
