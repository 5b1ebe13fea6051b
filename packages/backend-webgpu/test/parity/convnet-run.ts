import * as tf from '@tensorflow/tfjs-core';
import { conv2d, dense, flatten, maxPooling2d, sequential } from '@layerwise/layers';
import { fixedValues } from './layer-case.js';

const fixed = (seed: number) => ({
  className: 'Fixed',
  apply: (shape: readonly number[]) => tf.tensor(fixedValues(shape.reduce((a, b) => a * b, 1), seed, -0.4, 0.4), [...shape]),
  getConfig: () => ({ seed }),
});

/**
 * A short training run of a small convnet through `fit` on the active backend: 32 8x8 images in
 * 3 classes, 3 epochs of RMSprop. Returns the loss and accuracy curves.
 */
export async function trainSmallConvnet(): Promise<number[]> {
  const x = tf.tensor(fixedValues(32 * 8 * 8, 3), [32, 8, 8, 1]);
  const labels = Array.from({ length: 32 }, (_, i) => (i * 7) % 3);
  const y = tf.tensor1d(labels, 'float32');
  const model = sequential([
    conv2d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 8, 1], kernelInitializer: fixed(4) }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 3, activation: 'softmax', kernelInitializer: fixed(5) }),
  ]);
  model.compile({ optimizer: 'rmsprop', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  try {
    const history = await model.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0 });
    return [...history.history['loss']!, ...history.history['accuracy']!];
  } finally {
    model.dispose();
    tf.dispose([x, y]);
  }
}
