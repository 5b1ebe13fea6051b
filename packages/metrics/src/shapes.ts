// Target and prediction checks live in @layerwise/core, shared with the losses.
export { alignTargets, checkTensor, sparseLabels, toFloat } from '@layerwise/core';
