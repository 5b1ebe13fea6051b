export { LayerNormalization, layerNormalization, type LayerNormalizationArgs } from './layer-normalization.js';
export { GroupNormalization, groupNormalization, type GroupNormalizationArgs } from './group-normalization.js';
export { UnitNormalization, unitNormalization, type UnitNormalizationArgs } from './unit-normalization.js';
