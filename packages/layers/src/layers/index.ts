export { Dense, dense, type DenseArgs } from './dense.js';
export { Flatten, flatten } from './flatten.js';
export { Dropout, dropout, type DropoutArgs } from './dropout.js';
export { Activation, activation, type ActivationArgs } from './activation.js';
