/** The reshaping layers. */
export { Reshape, reshape, type ReshapeArgs } from './reshape.js';
export type { SidePairs } from './pairs.js';
export { BaseZeroPadding, type ZeroPaddingArgs } from './base-zero-padding.js';
export { ZeroPadding1D, zeroPadding1d, type ZeroPadding1DArgs } from './zero-padding1d.js';
export { ZeroPadding2D, zeroPadding2d, type ZeroPadding2DArgs } from './zero-padding2d.js';
export { ZeroPadding3D, zeroPadding3d, type ZeroPadding3DArgs } from './zero-padding3d.js';
export { BaseCropping, type CroppingArgs } from './base-cropping.js';
export { Cropping1D, cropping1d, type Cropping1DArgs } from './cropping1d.js';
export { Cropping2D, cropping2d, type Cropping2DArgs } from './cropping2d.js';
export { Cropping3D, cropping3d, type Cropping3DArgs } from './cropping3d.js';
export { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling.js';
export { UpSampling1D, upSampling1d, type UpSampling1DArgs } from './up-sampling1d.js';
export { UpSampling2D, upSampling2d, type UpSampling2DArgs } from './up-sampling2d.js';
export { UpSampling3D, upSampling3d, type UpSampling3DArgs } from './up-sampling3d.js';
