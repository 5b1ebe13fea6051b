// The benchmark networks built with the Layerwise model API and with tfjs-layers (the same layer
// stacks), and their fixed random training data. PyTorch's copies are in pytorch/bench.py.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { conv2d, dense, flatten, maxPooling2d, separableConv2d, sequential, type Sequential } from '@layerwise/layers';

/** The networks: MLP 784-512-512-10, the MNIST convnet, a separable MNIST convnet, the book's 150x150 convnet. */
export type ApiModelName = 'mlp' | 'convnet' | 'separable' | 'smalldata150';

export const inputShape: Record<ApiModelName, number[]> = {
  mlp: [784],
  convnet: [28, 28, 1],
  separable: [28, 28, 1],
  smalldata150: [150, 150, 3],
};

/** The loss each network trains with. */
export function lossOf(name: ApiModelName): 'binaryCrossentropy' | 'categoricalCrossentropy' {
  return name === 'smalldata150' ? 'binaryCrossentropy' : 'categoricalCrossentropy';
}

/** The network built with `@layerwise/layers`. */
export function layerwiseModel(name: ApiModelName): Sequential {
  if (name === 'mlp') {
    return sequential([dense({ units: 512, activation: 'relu', inputShape: [784] }), dense({ units: 512, activation: 'relu' }), dense({ units: 10, activation: 'softmax' })]);
  }
  if (name === 'convnet') {
    return sequential([
      conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      flatten(),
      dense({ units: 128, activation: 'relu' }),
      dense({ units: 10, activation: 'softmax' }),
    ]);
  }
  if (name === 'separable') {
    return sequential([
      conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
      separableConv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      separableConv2d({ filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      flatten(),
      dense({ units: 10, activation: 'softmax' }),
    ]);
  }
  return sequential([
    conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [150, 150, 3] }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 512, activation: 'relu' }),
    dense({ units: 1, activation: 'sigmoid' }),
  ]);
}

/** The same network built with `@tensorflow/tfjs-layers`. */
export function tfjsLayersModel(name: ApiModelName): tfl.Sequential {
  const L = tfl.layers;
  if (name === 'mlp') {
    return tfl.sequential({ layers: [L.dense({ units: 512, activation: 'relu', inputShape: [784] }), L.dense({ units: 512, activation: 'relu' }), L.dense({ units: 10, activation: 'softmax' })] });
  }
  if (name === 'convnet') {
    return tfl.sequential({
      layers: [
        L.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
        L.maxPooling2d({ poolSize: 2 }),
        L.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.flatten(),
        L.dense({ units: 128, activation: 'relu' }),
        L.dense({ units: 10, activation: 'softmax' }),
      ],
    });
  }
  if (name === 'separable') {
    return tfl.sequential({
      layers: [
        L.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1] }),
        L.separableConv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.separableConv2d({ filters: 128, kernelSize: 3, padding: 'same', activation: 'relu' }),
        L.maxPooling2d({ poolSize: 2 }),
        L.flatten(),
        L.dense({ units: 10, activation: 'softmax' }),
      ],
    });
  }
  const blocks = [32, 64, 128, 128].flatMap((filters, i) => [
    L.conv2d({ filters, kernelSize: 3, activation: 'relu', ...(i === 0 ? { inputShape: [150, 150, 3] } : {}) }),
    L.maxPooling2d({ poolSize: 2 }),
  ]);
  return tfl.sequential({ layers: [...blocks, L.flatten(), L.dense({ units: 512, activation: 'relu' }), L.dense({ units: 1, activation: 'sigmoid' })] });
}

/** A fixed random batch: inputs in [0, 1) and one-hot labels (binary ones for smalldata150). */
export function batchData(name: ApiModelName, batch: number): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.randomUniform([batch, ...inputShape[name]], 0, 1, 'float32', 1);
  const y =
    name === 'smalldata150'
      ? tf.cast(tf.randomUniform([batch, 1], 0, 2, 'int32', 2), 'float32')
      : tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2), 10);
  return { x, y };
}

/** A training step (`trainOnBatch`, SGD) with one of the two APIs, and its disposal. */
export interface ApiStep {
  step(): Promise<void>;
  dispose(): void;
}

/** A Layerwise model's training step on `x`, `y`. */
export function layerwiseStep(name: ApiModelName, x: tf.Tensor, y: tf.Tensor): ApiStep {
  const model = layerwiseModel(name);
  model.compile({ optimizer: 'sgd', loss: lossOf(name) });
  return { step: async () => void (await model.trainOnBatch(x, y)), dispose: () => model.dispose() };
}

/** A tfjs-layers model's training step on `x`, `y`. */
export function tfjsLayersStep(name: ApiModelName, x: tf.Tensor, y: tf.Tensor): ApiStep {
  const model = tfjsLayersModel(name);
  model.compile({ optimizer: tf.train.sgd(0.01), loss: lossOf(name) });
  return { step: async () => void (await model.trainOnBatch(x, y)), dispose: () => model.dispose() };
}
