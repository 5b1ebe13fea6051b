export { Merge } from './merge.js';
export { Add, add } from './add.js';
export { Subtract, subtract } from './subtract.js';
export { Multiply, multiply } from './multiply.js';
export { Average, average } from './average.js';
export { Maximum, maximum } from './maximum.js';
export { Minimum, minimum } from './minimum.js';
export { Concatenate, concatenate, type ConcatenateArgs } from './concatenate.js';
export { Dot, dot, type DotArgs } from './dot.js';
