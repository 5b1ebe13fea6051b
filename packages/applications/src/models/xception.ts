import type { Tensor } from '@tensorflow/tfjs-core';
import { activation, add, batchNormalization, conv2d, globalAveragePooling2d, maxPooling2d, separableConv2d, type Functional, type SymbolicTensor } from '@layerwise/layers';
import { finishApplication, imageInput, poolingTail, predictions, type WeightFiles } from './build.js';
import { resolveOptions, type ApplicationOptions } from './options.js';

const BASE_URL = 'https://storage.googleapis.com/tensorflow/keras-applications/xception/';
const FILES: WeightFiles = {
  top: { name: 'xception_weights_tf_dim_ordering_tf_kernels.h5', baseUrl: BASE_URL, md5: '0a58e3b7378bc2990ea3b43d5981f1f6' },
  noTop: { name: 'xception_weights_tf_dim_ordering_tf_kernels_notop.h5', baseUrl: BASE_URL, md5: 'b0042744bf5b25fce3cb969f33bebb97' },
};

/**
 * Keras leaves the shortcut convolutions, their batch normalisations and the additions unnamed;
 * they get the names a fresh Keras session gives them (`conv2d`, `conv2d_1`, ..., `add_11`), not
 * this process' counters, so that the same model always has the same names.
 */
class KerasNames {
  private readonly counts = new Map<string, number>();
  next(base: string): string {
    const n = this.counts.get(base) ?? 0;
    this.counts.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  }
}

const relu = (name: string) => activation({ activation: 'relu', name });
const bn = (name: string) => batchNormalization({ axis: -1, name });
const sepconv = (filters: number, name: string) => separableConv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, name });

/** The strided 1x1 convolution shortcut of an entry- or exit-flow block. */
function shortcut(x: SymbolicTensor, filters: number, names: KerasNames): SymbolicTensor {
  const y = conv2d({ filters, kernelSize: 1, strides: 2, padding: 'same', useBias: false, name: names.next('conv2d') }).apply(x);
  return bn(names.next('batch_normalization')).apply(y);
}

/** A downsampling block: [relu] sepconv bn relu sepconv bn, max pooling, plus the shortcut. */
function downBlock(x: SymbolicTensor, block: number, filters: readonly [number, number], names: KerasNames, firstRelu: boolean): SymbolicTensor {
  const residual = shortcut(x, filters[1], names);
  let y = firstRelu ? relu(`block${block}_sepconv1_act`).apply(x) : x;
  y = sepconv(filters[0], `block${block}_sepconv1`).apply(y);
  y = bn(`block${block}_sepconv1_bn`).apply(y);
  y = relu(`block${block}_sepconv2_act`).apply(y);
  y = sepconv(filters[1], `block${block}_sepconv2`).apply(y);
  y = bn(`block${block}_sepconv2_bn`).apply(y);
  y = maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: `block${block}_pool` }).apply(y);
  return add({ name: names.next('add') }).apply([y, residual]);
}

/** A middle-flow block: three relu-sepconv-bn units of 728 channels and an identity shortcut. */
function middleBlock(x: SymbolicTensor, block: number, names: KerasNames): SymbolicTensor {
  let y = x;
  for (let i = 1; i <= 3; i++) {
    y = relu(`block${block}_sepconv${i}_act`).apply(y);
    y = sepconv(728, `block${block}_sepconv${i}`).apply(y);
    y = bn(`block${block}_sepconv${i}_bn`).apply(y);
  }
  return add({ name: names.next('add') }).apply([y, x]);
}

/**
 * Xception (Chollet, 2017) with Keras' layers and names (`block1_conv1` ... `block14_sepconv2_act`,
 * `avg_pool`, `predictions`): 22,910,480 parameters with the top; default input 299x299x3, at
 * least 71x71. Expects {@link preprocessInput} in `'tf'` mode (values in [-1, 1]).
 *
 * @example
 * ```ts
 * const model = await xception({ weights: null, classes: 10, inputShape: [128, 128, 3] });
 * ```
 */
export async function xception(options: ApplicationOptions = {}): Promise<Functional<Tensor>> {
  const resolved = resolveOptions({ name: 'xception', defaultSize: 299, minSize: 71 }, options);
  const names = new KerasNames();
  const inputs = imageInput(resolved);
  let x = conv2d({ filters: 32, kernelSize: 3, strides: 2, useBias: false, name: 'block1_conv1' }).apply(inputs);
  x = relu('block1_conv1_act').apply(bn('block1_conv1_bn').apply(x));
  x = conv2d({ filters: 64, kernelSize: 3, useBias: false, name: 'block1_conv2' }).apply(x);
  x = relu('block1_conv2_act').apply(bn('block1_conv2_bn').apply(x));
  x = downBlock(x, 2, [128, 128], names, false);
  x = downBlock(x, 3, [256, 256], names, true);
  x = downBlock(x, 4, [728, 728], names, true);
  for (let block = 5; block <= 12; block++) x = middleBlock(x, block, names);
  x = downBlock(x, 13, [728, 1024], names, true);
  x = sepconv(1536, 'block14_sepconv1').apply(x);
  x = relu('block14_sepconv1_act').apply(bn('block14_sepconv1_bn').apply(x));
  x = sepconv(2048, 'block14_sepconv2').apply(x);
  x = relu('block14_sepconv2_act').apply(bn('block14_sepconv2_bn').apply(x));
  if (resolved.includeTop) {
    x = predictions(globalAveragePooling2d({ name: 'avg_pool' }).apply(x), resolved);
  } else {
    x = poolingTail(x, resolved);
  }
  return finishApplication(inputs, x, resolved, FILES);
}
