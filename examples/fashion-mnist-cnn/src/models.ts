import { conv2d, dense, flatten, initializers, maxPooling2d, sequential, type Sequential } from '@layerwise/layers';

/** The course's two models. */
export type FashionModel = 'dense' | 'conv';

/**
 * The Fashion-MNIST course's models, for 28x28x1 images in [0, 1] and 10 classes:
 * - `'dense'`: Flatten, Dense 128 relu, Dense 10 softmax;
 * - `'conv'`: Conv 32 (3x3, same, relu), 2x2 max pooling, Conv 64 (3x3, same, relu), 2x2 max
 *   pooling, Flatten, Dense 128 relu, Dense 10 softmax.
 */
export function buildModel(kind: FashionModel, seed: number): Sequential {
  const kernelInitializer = initializers.glorotUniform({ seed });
  if (kind === 'dense') {
    return sequential([
      flatten({ inputShape: [28, 28, 1] }),
      dense({ units: 128, activation: 'relu', kernelInitializer }),
      dense({ units: 10, activation: 'softmax', kernelInitializer }),
    ]);
  }
  return sequential([
    conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1], kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 128, activation: 'relu', kernelInitializer }),
    dense({ units: 10, activation: 'softmax', kernelInitializer }),
  ]);
}
