import { averagePooling2d, batchNormalization, conv2d, dense, lstm, maxPooling2d, type Layer } from '@layerwise/layers';

/** The layers the parity suite compares across backends, with their input shapes. */
export const parityCases: readonly { name: string; make: () => Layer; xShape: readonly number[] }[] = [
  { name: 'Dense', make: () => dense({ units: 5, activation: 'tanh' }) as Layer, xShape: [3, 4] },
  { name: 'Conv2D', make: () => conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }) as Layer, xShape: [2, 6, 6, 2] },
  { name: 'MaxPooling2D', make: () => maxPooling2d({ poolSize: 2 }) as Layer, xShape: [2, 6, 6, 2] },
  { name: 'AveragePooling2D', make: () => averagePooling2d({ poolSize: 2 }) as Layer, xShape: [2, 6, 6, 2] },
  { name: 'BatchNormalization', make: () => batchNormalization({}) as Layer, xShape: [4, 3, 3, 2] },
  { name: 'LSTM', make: () => lstm({ units: 3 }) as Layer, xShape: [2, 4, 3] },
];
