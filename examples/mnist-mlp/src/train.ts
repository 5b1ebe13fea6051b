import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendReport } from '@layerwise/core';
import { loadMnist, toTensors } from '@layerwise/datasets';
import { dense, dropout, initializers, sequential } from '@layerwise/layers';
import { rmsprop } from '@layerwise/optimizers';

/** Options of {@link trainMnistMlp}. */
export interface MnistMlpOptions {
  /** Training images used (the first N of 60,000). Default all. */
  trainSamples?: number;
  /** Test images evaluated (the first N of 10,000). Default all. */
  testSamples?: number;
  epochs?: number;
  batchSize?: number;
  /** 0 silent, 1 progress bar, 2 a line per epoch. */
  verbose?: 0 | 1 | 2;
  /** Backend name for `useBackend`. Default `'auto'`. */
  backend?: string;
  /** Prints the model summary. Default true. */
  summary?: boolean;
  seed?: number;
}

/** What a run reports. */
export interface MnistMlpResult {
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly history: Record<string, number[]>;
  readonly backend: BackendReport;
  readonly seconds: number;
}

/**
 * The classic Keras MNIST MLP (Keras' `mnist_mlp.py`): 784 inputs, two hidden Dense layers of 512
 * ReLU units each followed by Dropout(0.2), 10 softmax outputs, RMSprop, trained on the MNIST
 * training images and evaluated on the test images.
 */
export async function trainMnistMlp(options: MnistMlpOptions = {}): Promise<MnistMlpResult> {
  const { epochs = 5, batchSize = 128, verbose = 1, summary = true, seed = 1 } = options;
  const backend = await useBackend(options.backend ?? 'auto');
  const { train, test } = await loadMnist();
  const trainData = toTensors(train, { flatten: true, ...(options.trainSamples ? { count: options.trainSamples } : {}) });
  const testData = toTensors(test, { flatten: true, ...(options.testSamples ? { count: options.testSamples } : {}) });
  const kernelInitializer = initializers.glorotUniform({ seed });
  const model = sequential([
    dense({ units: 512, activation: 'relu', inputShape: [784], kernelInitializer }),
    dropout({ rate: 0.2, seed }),
    dense({ units: 512, activation: 'relu', kernelInitializer }),
    dropout({ rate: 0.2, seed: seed + 1 }),
    dense({ units: 10, activation: 'softmax', kernelInitializer }),
  ]);
  try {
    if (summary) model.summary();
    model.compile({ optimizer: rmsprop(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const started = Date.now();
    const history = await model.fit(trainData.x, trainData.y, { epochs, batchSize, verbose, seed });
    const seconds = (Date.now() - started) / 1000;
    const logs = await model.evaluate(testData.x, testData.y, { batchSize: 1000 });
    return { testAccuracy: logs['accuracy']!, testLoss: logs['loss']!, history: history.history, backend, seconds };
  } finally {
    model.dispose();
    tf.dispose([trainData.x, trainData.y, testData.x, testData.y]);
  }
}
