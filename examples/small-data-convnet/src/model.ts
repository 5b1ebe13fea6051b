import { conv2d, dense, dropout, flatten, initializers, maxPooling2d, sequential, type Sequential } from '@layerwise/layers';

/**
 * The book's small-data convnet (Deep Learning with Python, 5.2.3): four Conv2D + MaxPooling2D
 * blocks (32, 64, 128, 128 filters), Flatten, Dense 512 relu and one sigmoid unit for the two
 * classes; with `dropout`, a Dropout(0.5) before the dense layers (5.2.5).
 */
export function smallDataConvnet(options: { imageSize: number; dropout: boolean; seed: number }): Sequential {
  const kernelInitializer = initializers.glorotUniform({ seed: options.seed });
  const block = (filters: number) => [conv2d({ filters, kernelSize: 3, activation: 'relu', kernelInitializer }), maxPooling2d({ poolSize: 2 })];
  return sequential([
    conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [options.imageSize, options.imageSize, 3], kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    ...block(64),
    ...block(128),
    ...block(128),
    flatten(),
    ...(options.dropout ? [dropout({ rate: 0.5, seed: options.seed })] : []),
    dense({ units: 512, activation: 'relu', kernelInitializer }),
    dense({ units: 1, activation: 'sigmoid', kernelInitializer }),
  ]);
}
