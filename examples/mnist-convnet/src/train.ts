import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendReport } from '@layerwise/core';
import { loadMnist, toTensors } from '@layerwise/datasets';
import { conv2d, dense, flatten, initializers, maxPooling2d, sequential } from '@layerwise/layers';
import { adam } from '@layerwise/optimizers';

/** Options of {@link trainMnistConvnet}. */
export interface MnistConvnetOptions {
  /** Training images used (the first N of 60,000). Default all. */
  trainSamples?: number;
  /** Test images evaluated (the first N of 10,000). Default all. */
  testSamples?: number;
  epochs?: number;
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  backend?: string;
  summary?: boolean;
  seed?: number;
}

/** What a run reports. */
export interface MnistConvnetResult {
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly history: Record<string, number[]>;
  readonly backend: BackendReport;
  /** Seconds of training per epoch. */
  readonly secondsPerEpoch: number;
}

/**
 * The convnet of the Fashion-MNIST course, on MNIST: Conv 32 (3x3, same, relu), 2x2 max pooling,
 * Conv 64 (3x3, same, relu), 2x2 max pooling, Flatten, Dense 128 relu, Dense 10 softmax; Adam.
 */
export async function trainMnistConvnet(options: MnistConvnetOptions = {}): Promise<MnistConvnetResult> {
  const { epochs = 2, batchSize = 128, verbose = 1, summary = true, seed = 1 } = options;
  const backend = await useBackend(options.backend ?? 'auto');
  const { train, test } = await loadMnist();
  const trainData = toTensors(train, options.trainSamples ? { count: options.trainSamples } : {});
  const testData = toTensors(test, options.testSamples ? { count: options.testSamples } : {});
  const kernelInitializer = initializers.glorotUniform({ seed });
  const model = sequential([
    conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1], kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 128, activation: 'relu', kernelInitializer }),
    dense({ units: 10, activation: 'softmax', kernelInitializer }),
  ]);
  try {
    if (summary) model.summary();
    model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const started = Date.now();
    const history = await model.fit(trainData.x, trainData.y, { epochs, batchSize, verbose, seed });
    const secondsPerEpoch = (Date.now() - started) / 1000 / epochs;
    const logs = await model.evaluate(testData.x, testData.y, { batchSize: 500 });
    return { testAccuracy: logs['accuracy']!, testLoss: logs['loss']!, history: history.history, backend, secondsPerEpoch };
  } finally {
    model.dispose();
    tf.dispose([trainData.x, trainData.y, testData.x, testData.y]);
  }
}
