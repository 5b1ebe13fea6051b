/** The convolution layers. */
export { BaseConv, type ConvArgs } from './base-conv.js';
export { Conv1D, conv1d, type Conv1DArgs } from './conv1d.js';
export { Conv2D, conv2d, type Conv2DArgs } from './conv2d.js';
export { Conv3D, conv3d, type Conv3DArgs } from './conv3d.js';
export { BaseConvTranspose, type ConvTransposeArgs } from './base-conv-transpose.js';
export { Conv1DTranspose, conv1dTranspose, type Conv1DTransposeArgs } from './conv1d-transpose.js';
export { Conv2DTranspose, conv2dTranspose, type Conv2DTransposeArgs } from './conv2d-transpose.js';
export { Conv3DTranspose, conv3dTranspose, type Conv3DTransposeArgs } from './conv3d-transpose.js';
export { BaseDepthwiseConv, type DepthwiseConvArgs } from './base-depthwise-conv.js';
export { DepthwiseConv1D, depthwiseConv1d, type DepthwiseConv1DArgs } from './depthwise-conv1d.js';
export { DepthwiseConv2D, depthwiseConv2d, type DepthwiseConv2DArgs } from './depthwise-conv2d.js';
export { BaseSeparableConv, type SeparableConvArgs } from './base-separable-conv.js';
export { SeparableConv1D, separableConv1d, type SeparableConv1DArgs } from './separable-conv1d.js';
export { SeparableConv2D, separableConv2d, type SeparableConv2DArgs } from './separable-conv2d.js';
