export { Dataset, type ShuffleOptions, type SplitOptions } from './dataset.js';
export { fromArrays, fromGenerator, fromIterable, fromTensors, zip } from './sources.js';
export { disposeElement, tensorsIn, type Element } from './elements.js';
