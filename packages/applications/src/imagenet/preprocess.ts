import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkOneOf, formatShape, LayerwiseError } from '@layerwise/core';

/**
 * How an ImageNet network wants its input, as Keras' `imagenet_utils.preprocess_input` names it:
 * `'caffe'` (RGB to BGR, minus the ImageNet mean per channel, no scaling: VGG, ResNet), `'tf'`
 * (scaled to [-1, 1]: MobileNetV2, Xception), `'torch'` (scaled to [0, 1], then normalised by the
 * ImageNet mean and standard deviation per channel).
 */
export type PreprocessMode = 'caffe' | 'tf' | 'torch';

const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68];
const TORCH_MEAN = [0.485, 0.456, 0.406];
const TORCH_STD = [0.229, 0.224, 0.225];

/**
 * Keras' `preprocess_input` for channels-last images with values in [0, 255] (any rank, 3 channels
 * last): returns a new float32 tensor; the input is not disposed.
 *
 * @example
 * ```ts
 * const x = preprocessInput(images, 'caffe'); // for vgg16 and resnet50
 * ```
 */
export function preprocessInput(x: Tensor, mode: PreprocessMode): Tensor {
  const owner = 'preprocessInput';
  checkOneOf(owner, 'mode', mode, ['caffe', 'tf', 'torch']);
  if (!(x instanceof tf.Tensor)) throw new LayerwiseError(`${owner}: expected a tensor of images. Received: ${String(x)}`);
  if (mode !== 'tf' && x.shape.at(-1) !== 3) {
    throw new LayerwiseError(`${owner}: mode '${mode}' needs 3 channels last (RGB). Received a tensor of shape ${formatShape(x.shape)}`);
  }
  return tf.tidy(() => {
    const values = tf.cast(x, 'float32');
    if (mode === 'tf') return tf.sub(tf.div(values, 127.5), 1);
    if (mode === 'torch') return tf.div(tf.sub(tf.div(values, 255), tf.tensor1d(TORCH_MEAN)), tf.tensor1d(TORCH_STD));
    const bgr = tf.reverse(values, -1);
    return tf.sub(bgr, tf.tensor1d(CAFFE_MEAN_BGR));
  });
}

/** The preprocessing of each family (Keras' `<family>.preprocess_input`). */
export const preprocessModes = {
  vgg16: 'caffe',
  vgg19: 'caffe',
  resnet50: 'caffe',
  mobileNetV2: 'tf',
  xception: 'tf',
} as const satisfies Record<string, PreprocessMode>;
