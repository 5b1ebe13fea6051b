import type { Tensor } from '@tensorflow/tfjs-core';
import { add, batchNormalization, conv2d, depthwiseConv2d, globalAveragePooling2d, reLU, zeroPadding2d, type Functional, type SymbolicTensor } from '@layerwise/layers';
import { finishApplication, imageInput, poolingTail, predictions, type WeightFiles } from './build.js';
import { resolveOptions, type ApplicationOptions } from './options.js';

const BASE_URL = 'https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/';
/** Sizes Keras publishes ImageNet weights for. */
const PUBLISHED_SIZES = [96, 128, 160, 192, 224];

/** Keras publishes no checksums for MobileNetV2's files: they are loaded unverified (their layer shapes are still checked). */
const files = (rows: number): WeightFiles => ({
  top: { name: `mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_${rows}.h5`, baseUrl: BASE_URL, md5: null },
  noTop: { name: `mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_${rows}_no_top.h5`, baseUrl: BASE_URL, md5: null },
});

const bn = (name: string) => batchNormalization({ axis: -1, epsilon: 1e-3, momentum: 0.999, name });
const relu6 = (name: string) => reLU({ maxValue: 6, name });

/** Keras' `correct_pad`: the zero padding before a stride-2 3x3 depthwise convolution. */
function correctPad(x: SymbolicTensor): [[number, number], [number, number]] {
  const [height, width] = [x.shape[1], x.shape[2]];
  const adjust = (size: number | null | undefined) => (size === null || size === undefined ? 1 : 1 - (size % 2));
  return [[1 - adjust(height), 1], [1 - adjust(width), 1]];
}

/** Keras' `_inverted_res_block` (with alpha 1): expand 1x1, depthwise 3x3, project 1x1, residual when shapes allow. */
function invertedResBlock(inputs: SymbolicTensor, expansion: number, stride: number, filters: number, blockId: number): SymbolicTensor {
  const inChannels = inputs.shape[3]!;
  let x = inputs;
  let prefix = `block_${blockId}_`;
  if (blockId) {
    x = conv2d({ filters: expansion * inChannels, kernelSize: 1, padding: 'same', useBias: false, name: `${prefix}expand` }).apply(x);
    x = bn(`${prefix}expand_BN`).apply(x);
    x = relu6(`${prefix}expand_relu`).apply(x);
  } else {
    prefix = 'expanded_conv_';
  }
  if (stride === 2) x = zeroPadding2d({ padding: correctPad(x), name: `${prefix}pad` }).apply(x);
  x = depthwiseConv2d({ kernelSize: 3, strides: stride, useBias: false, padding: stride === 1 ? 'same' : 'valid', name: `${prefix}depthwise` }).apply(x);
  x = bn(`${prefix}depthwise_BN`).apply(x);
  x = relu6(`${prefix}depthwise_relu`).apply(x);
  x = conv2d({ filters, kernelSize: 1, padding: 'same', useBias: false, name: `${prefix}project` }).apply(x);
  x = bn(`${prefix}project_BN`).apply(x);
  if (inChannels === filters && stride === 1) return add({ name: `${prefix}add` }).apply([inputs, x]);
  return x;
}

/** [filters, stride, expansion] of blocks 0 to 16. */
const BLOCKS: readonly (readonly [number, number, number])[] = [
  [16, 1, 1], [24, 2, 6], [24, 1, 6], [32, 2, 6], [32, 1, 6], [32, 1, 6], [64, 2, 6], [64, 1, 6], [64, 1, 6],
  [64, 1, 6], [96, 1, 6], [96, 1, 6], [96, 1, 6], [160, 2, 6], [160, 1, 6], [160, 1, 6], [320, 1, 6],
];

/** The square size an input shape asks for, when it is one Keras publishes weights for (else 224, as Keras). */
function publishedSize(shape: ApplicationOptions['inputShape']): number {
  const [rows, cols] = shape ?? [];
  return typeof rows === 'number' && rows === cols && PUBLISHED_SIZES.includes(rows) ? rows : 224;
}

/**
 * MobileNetV2 (Sandler et al., 2018; width multiplier 1.0) with Keras' layers and names (`Conv1`,
 * `bn_Conv1`, `expanded_conv_depthwise`, `block_1_expand` ... `block_16_project_BN`, `Conv_1`,
 * `out_relu`, `predictions`): 3,538,984 parameters with the top. ImageNet weights exist for square
 * inputs of 96, 128, 160, 192 and 224 pixels (others load the 224 ones, as Keras does). Expects
 * {@link preprocessInput} in `'tf'` mode (values in [-1, 1]).
 *
 * @example
 * ```ts
 * const base = await mobileNetV2({ includeTop: false, inputShape: [160, 160, 3], pooling: 'avg' });
 * ```
 */
export async function mobileNetV2(options: ApplicationOptions = {}): Promise<Functional<Tensor>> {
  const size = publishedSize(options.inputShape);
  const resolved = resolveOptions({ name: `mobilenetv2_1.00_${size}`, defaultSize: size, minSize: 32 }, options);
  const inputs = imageInput(resolved);
  let x = conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', useBias: false, name: 'Conv1' }).apply(inputs);
  x = bn('bn_Conv1').apply(x);
  x = relu6('Conv1_relu').apply(x);
  BLOCKS.forEach(([filters, stride, expansion], id) => {
    x = invertedResBlock(x, expansion, stride, filters, id);
  });
  x = conv2d({ filters: 1280, kernelSize: 1, useBias: false, name: 'Conv_1' }).apply(x);
  x = bn('Conv_1_bn').apply(x);
  x = relu6('out_relu').apply(x);
  if (resolved.includeTop) {
    x = predictions(globalAveragePooling2d({ name: 'global_average_pooling2d' }).apply(x), resolved);
  } else {
    x = poolingTail(x, resolved);
  }
  return finishApplication(inputs, x, resolved, files(size));
}
