export { L1, L1L2, L2, l1, l1l2, l2, getRegularizer, serializeRegularizer } from './regularizers.js';
export type { L1L2Options, Regularizer, RegularizerIdentifier, SerializedRegularizer } from './regularizers.js';
export { LayerLosses, isLossContributor, totalRegularizationLoss, type LossContributor } from './layer-losses.js';
export { walkLayers } from './layer-tree.js';
export { RegularizedLayer, type RegularizedWeightOptions } from './regularized-layer.js';
