// The option checks live in @layerwise/core, shared by every package.
export { checkBoolean, checkOneOf, checkOptions } from '@layerwise/core';
