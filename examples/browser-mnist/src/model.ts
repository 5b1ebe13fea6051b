import { conv2d, dense, flatten, initializers, maxPooling2d, sequential, type Sequential } from '@layerwise/layers';
import { adam } from '@layerwise/optimizers';

/**
 * A small convnet that trains in seconds in a browser: Conv 8 (3x3, relu), 2x2 max pooling,
 * Conv 16 (3x3, relu), 2x2 max pooling, Flatten, Dense 10 softmax (5,258 weights); Adam at 0.01.
 */
export function buildModel(seed = 1): Sequential {
  const kernelInitializer = initializers.glorotUniform({ seed });
  const model = sequential([
    conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1], kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 10, activation: 'softmax', kernelInitializer }),
  ]);
  model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}
