export { Dense, dense, type DenseArgs } from './dense.js';
export { Flatten, flatten } from './flatten.js';
export { Dropout, dropout, type DropoutArgs } from './dropout.js';
export { Activation, activation, type ActivationArgs } from './activation.js';
export { Conv2D, conv2d, type Conv2DArgs } from './convolutional/conv2d.js';
export { MaxPooling2D, maxPooling2d, AveragePooling2D, averagePooling2d, type Pooling2DArgs } from './pooling/pooling2d.js';
export { GlobalAveragePooling2D, globalAveragePooling2d, GlobalMaxPooling2D, globalMaxPooling2d, type GlobalPooling2DArgs } from './pooling/global-pooling2d.js';
export { BatchNormalization, batchNormalization, type BatchNormalizationArgs } from './normalization/batch-normalization.js';
