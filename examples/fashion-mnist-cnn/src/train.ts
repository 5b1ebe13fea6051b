import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendReport } from '@layerwise/core';
import { toTensors, type MnistSplit } from '@layerwise/datasets';
import { adam } from '@layerwise/optimizers';
import { buildModel, type FashionModel } from './models.js';

/** Options of {@link trainFashionModel}. */
export interface TrainOptions {
  readonly model: FashionModel;
  readonly train: MnistSplit;
  readonly test: MnistSplit;
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly verbose?: 0 | 1 | 2;
  readonly seed?: number;
  readonly backend?: string;
  readonly summary?: boolean;
}

/** What a run reports. */
export interface TrainResult {
  readonly testAccuracy: number;
  readonly testLoss: number;
  readonly backend: BackendReport;
  /** Seconds of training per epoch. */
  readonly secondsPerEpoch: number;
}

/** Trains one of the course's models (Adam, sparse categorical cross-entropy, pixels / 255) and evaluates it on `test`. */
export async function trainFashionModel(options: TrainOptions): Promise<TrainResult> {
  const { epochs = 5, batchSize = 32, verbose = 1, seed = 1, summary = true } = options;
  const backend = await useBackend(options.backend ?? 'auto');
  const train = toTensors(options.train);
  const test = toTensors(options.test);
  const model = buildModel(options.model, seed);
  try {
    if (summary) model.summary();
    model.compile({ optimizer: adam(), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const started = Date.now();
    await model.fit(train.x, train.y, { epochs, batchSize, verbose, seed });
    const secondsPerEpoch = (Date.now() - started) / 1000 / epochs;
    const logs = await model.evaluate(test.x, test.y, { batchSize: 500 });
    return { testAccuracy: logs['accuracy']!, testLoss: logs['loss']!, backend, secondsPerEpoch };
  } finally {
    model.dispose();
    tf.dispose([train.x, train.y, test.x, test.y]);
  }
}
