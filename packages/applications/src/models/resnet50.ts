import type { Tensor } from '@tensorflow/tfjs-core';
import { activation, add, batchNormalization, conv2d, maxPooling2d, zeroPadding2d, globalAveragePooling2d, type Functional, type SymbolicTensor } from '@layerwise/layers';
import { finishApplication, imageInput, poolingTail, predictions, type WeightFiles } from './build.js';
import { resolveOptions, type ApplicationOptions } from './options.js';

const BASE_URL = 'https://storage.googleapis.com/tensorflow/keras-applications/resnet/';
const FILES: WeightFiles = {
  top: { name: 'resnet50_weights_tf_dim_ordering_tf_kernels.h5', baseUrl: BASE_URL, md5: '2cb95161c43110f7111970584f804107' },
  noTop: { name: 'resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5', baseUrl: BASE_URL, md5: '4d473c1dd8becc155b73f8504c6f6626' },
};

const bn = (name: string) => batchNormalization({ axis: -1, epsilon: 1.001e-5, name });

/** Keras' `residual_block_v1`: a 1x1 / 3x3 / 1x1 bottleneck with an identity or 1x1-convolution shortcut. */
function residualBlock(x: SymbolicTensor, filters: number, name: string, stride = 1, convShortcut = true): SymbolicTensor {
  let shortcut = x;
  if (convShortcut) {
    shortcut = conv2d({ filters: 4 * filters, kernelSize: 1, strides: stride, name: `${name}_0_conv` }).apply(x);
    shortcut = bn(`${name}_0_bn`).apply(shortcut);
  }
  let y = conv2d({ filters, kernelSize: 1, strides: stride, name: `${name}_1_conv` }).apply(x);
  y = bn(`${name}_1_bn`).apply(y);
  y = activation({ activation: 'relu', name: `${name}_1_relu` }).apply(y);
  y = conv2d({ filters, kernelSize: 3, padding: 'same', name: `${name}_2_conv` }).apply(y);
  y = bn(`${name}_2_bn`).apply(y);
  y = activation({ activation: 'relu', name: `${name}_2_relu` }).apply(y);
  y = conv2d({ filters: 4 * filters, kernelSize: 1, name: `${name}_3_conv` }).apply(y);
  y = bn(`${name}_3_bn`).apply(y);
  y = add({ name: `${name}_add` }).apply([shortcut, y]);
  return activation({ activation: 'relu', name: `${name}_out` }).apply(y);
}

/** Keras' `stack_residual_blocks_v1`: a block with a convolution shortcut, then identity blocks. */
function stack(x: SymbolicTensor, filters: number, blocks: number, name: string, stride1 = 2): SymbolicTensor {
  let y = residualBlock(x, filters, `${name}_block1`, stride1);
  for (let i = 2; i <= blocks; i++) y = residualBlock(y, filters, `${name}_block${i}`, 1, false);
  return y;
}

/**
 * ResNet50 (He et al., 2015) with Keras' layers and names (`conv1_pad`, `conv1_conv`, ...,
 * `conv5_block3_out`, `avg_pool`, `predictions`): 25,636,712 parameters with the top. Expects
 * {@link preprocessInput} in `'caffe'` mode.
 *
 * @example
 * ```ts
 * const features = await resnet50({ includeTop: false, pooling: 'avg' }); // 2048 features per image
 * ```
 */
export async function resnet50(options: ApplicationOptions = {}): Promise<Functional<Tensor>> {
  const resolved = resolveOptions({ name: 'resnet50', defaultSize: 224, minSize: 32 }, options);
  const inputs = imageInput(resolved);
  let x = zeroPadding2d({ padding: [[3, 3], [3, 3]], name: 'conv1_pad' }).apply(inputs);
  x = conv2d({ filters: 64, kernelSize: 7, strides: 2, name: 'conv1_conv' }).apply(x);
  x = bn('conv1_bn').apply(x);
  x = activation({ activation: 'relu', name: 'conv1_relu' }).apply(x);
  x = zeroPadding2d({ padding: [[1, 1], [1, 1]], name: 'pool1_pad' }).apply(x);
  x = maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' }).apply(x);
  x = stack(x, 64, 3, 'conv2', 1);
  x = stack(x, 128, 4, 'conv3');
  x = stack(x, 256, 6, 'conv4');
  x = stack(x, 512, 3, 'conv5');
  if (resolved.includeTop) {
    x = predictions(globalAveragePooling2d({ name: 'avg_pool' }).apply(x), resolved);
  } else {
    x = poolingTail(x, resolved, { avg: 'avg_pool', max: 'max_pool' });
  }
  return finishApplication(inputs, x, resolved, FILES);
}
