/** The pooling layers. */
export { BasePooling, type PoolingArgs } from './base-pooling.js';
export { MaxPooling1D, maxPooling1d, type MaxPooling1DArgs } from './max-pooling1d.js';
export { MaxPooling2D, maxPooling2d, AveragePooling2D, averagePooling2d, type Pooling2DArgs } from './pooling2d.js';
export { MaxPooling3D, maxPooling3d, type MaxPooling3DArgs } from './max-pooling3d.js';
export { AveragePooling1D, averagePooling1d, type AveragePooling1DArgs } from './average-pooling1d.js';
export { AveragePooling3D, averagePooling3d, type AveragePooling3DArgs } from './average-pooling3d.js';
export { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';
export { GlobalMaxPooling1D, globalMaxPooling1d, type GlobalMaxPooling1DArgs } from './global-max-pooling1d.js';
export { GlobalAveragePooling1D, globalAveragePooling1d, type GlobalAveragePooling1DArgs } from './global-average-pooling1d.js';
export { GlobalAveragePooling2D, globalAveragePooling2d, GlobalMaxPooling2D, globalMaxPooling2d, type GlobalPooling2DArgs } from './global-pooling2d.js';
export { GlobalMaxPooling3D, globalMaxPooling3d, type GlobalMaxPooling3DArgs } from './global-max-pooling3d.js';
export { GlobalAveragePooling3D, globalAveragePooling3d, type GlobalAveragePooling3DArgs } from './global-average-pooling3d.js';
