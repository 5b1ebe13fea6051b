import type { Tensor } from '@tensorflow/tfjs-core';
import { conv2d, dense, flatten, maxPooling2d, type Functional, type SymbolicTensor } from '@layerwise/layers';
import { finishApplication, imageInput, poolingTail, predictions, type WeightFiles } from './build.js';
import { resolveOptions, type ApplicationOptions } from './options.js';

const BASE_URL = 'https://storage.googleapis.com/tensorflow/keras-applications/';

/** Convolutions per block: VGG16 2-2-3-3-3, VGG19 2-2-4-4-4. */
const BLOCKS = { vgg16: [2, 2, 3, 3, 3], vgg19: [2, 2, 4, 4, 4] } as const;
const FILTERS = [64, 128, 256, 512, 512];

const FILES: Record<keyof typeof BLOCKS, WeightFiles> = {
  vgg16: {
    top: { name: 'vgg16_weights_tf_dim_ordering_tf_kernels.h5', baseUrl: `${BASE_URL}vgg16/`, md5: '64373286793e3c8b2b4e3219cbf3544b' },
    noTop: { name: 'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5', baseUrl: `${BASE_URL}vgg16/`, md5: '6d6bbae143d832006294945121d1f1fc' },
  },
  vgg19: {
    top: { name: 'vgg19_weights_tf_dim_ordering_tf_kernels.h5', baseUrl: `${BASE_URL}vgg19/`, md5: 'cbe5617147190e668d6c5d5026f83318' },
    noTop: { name: 'vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5', baseUrl: `${BASE_URL}vgg19/`, md5: '253f8cb515780f3b799900260a226db6' },
  },
};

async function vgg(family: keyof typeof BLOCKS, options: ApplicationOptions): Promise<Functional<Tensor>> {
  const resolved = resolveOptions({ name: family, defaultSize: 224, minSize: 32 }, options);
  const inputs = imageInput(resolved);
  let x: SymbolicTensor = inputs;
  BLOCKS[family].forEach((convs, b) => {
    for (let c = 1; c <= convs; c++) {
      x = conv2d({ filters: FILTERS[b]!, kernelSize: 3, activation: 'relu', padding: 'same', name: `block${b + 1}_conv${c}` }).apply(x);
    }
    x = maxPooling2d({ poolSize: 2, strides: 2, name: `block${b + 1}_pool` }).apply(x);
  });
  if (resolved.includeTop) {
    x = flatten({ name: 'flatten' }).apply(x);
    x = dense({ units: 4096, activation: 'relu', name: 'fc1' }).apply(x);
    x = dense({ units: 4096, activation: 'relu', name: 'fc2' }).apply(x);
    x = predictions(x, resolved);
  } else {
    x = poolingTail(x, resolved);
  }
  return finishApplication(inputs, x, resolved, FILES[family]);
}

/**
 * VGG16 (Simonyan and Zisserman, 2015) with Keras' layers and names (`block1_conv1` ...
 * `block5_pool`, `flatten`, `fc1`, `fc2`, `predictions`): 138,357,544 parameters with the top,
 * 14,714,688 without. Expects {@link preprocessInput} in `'caffe'` mode (`vgg16.preprocessInput`).
 *
 * @example
 * ```ts
 * const base = await vgg16({ includeTop: false, inputShape: [150, 150, 3] }); // ImageNet weights
 * base.trainable = false;
 * ```
 */
export const vgg16 = (options: ApplicationOptions = {}): Promise<Functional<Tensor>> => vgg('vgg16', options);

/** VGG19: VGG16 with a fourth convolution in blocks 3 to 5 (143,667,240 parameters with the top). See {@link vgg16}. */
export const vgg19 = (options: ApplicationOptions = {}): Promise<Functional<Tensor>> => vgg('vgg19', options);
