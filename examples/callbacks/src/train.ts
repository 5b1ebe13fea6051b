import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type BackendReport } from '@layerwise/core';
import { CSVLogger, EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, TensorBoard } from '@layerwise/callbacks';
import { loadMnist, toTensors } from '@layerwise/datasets';
import { loadModel } from '@layerwise/io';
import { conv2d, dense, flatten, initializers, maxPooling2d, sequential } from '@layerwise/layers';
import { adam } from '@layerwise/optimizers';
import { ActivationSaver } from './activation-saver.js';

/** Options of {@link trainWithCallbacks}. */
export interface CallbacksExampleOptions {
  /** Where every file goes. */
  outDir: string;
  /** Training images used (the first N of 60,000). Default all. */
  trainSamples?: number;
  /** Test images evaluated (the first N of 10,000). Default all. */
  testSamples?: number;
  /** At most this many epochs (EarlyStopping may stop sooner). Default 12. */
  epochs?: number;
  batchSize?: number;
  verbose?: 0 | 1 | 2;
  seed?: number;
}

/** What a run reports. */
export interface CallbacksExampleResult {
  readonly backend: BackendReport;
  readonly epochsRun: number;
  /** The epoch (from 1) with the lowest validation loss. */
  readonly bestEpoch: number;
  readonly bestValLoss: number;
  /** The epoch (from 1) EarlyStopping stopped at, or 0 when training ran all epochs. */
  readonly stoppedEpoch: number;
  readonly learningRates: number[];
  readonly history: Record<string, number[]>;
  /** Test accuracy of the checkpoint reloaded from disk. */
  readonly checkpointTestAccuracy: number;
  /** Test accuracy of the model after training (best weights restored by EarlyStopping). */
  readonly testAccuracy: number;
  readonly files: { checkpoints: readonly string[]; csv: string; tensorboard: string[]; activations: readonly string[] };
}

/**
 * The MNIST convnet trained with the callbacks of Deep Learning with Python's chapter 7 together:
 * ModelCheckpoint keeps the best model by validation loss, EarlyStopping stops after 3 epochs
 * without improvement and restores the best weights, ReduceLROnPlateau halves the learning rate
 * after 1 flat epoch, CSVLogger and TensorBoard log every epoch, and the book's custom callback
 * saves every layer's activation for the first validation image as .npy files.
 */
export async function trainWithCallbacks(options: CallbacksExampleOptions): Promise<CallbacksExampleResult> {
  const { outDir, epochs = 12, batchSize = 128, verbose = 1, seed = 1 } = options;
  const backend = await useBackend('auto');
  const { train, test } = await loadMnist();
  const trainData = toTensors(train, options.trainSamples ? { count: options.trainSamples } : {});
  const testData = toTensors(test, options.testSamples ? { count: options.testSamples } : {});
  const kernelInitializer = initializers.glorotUniform({ seed });
  const model = sequential([
    conv2d({ filters: 16, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1], kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 64, activation: 'relu', kernelInitializer }),
    dense({ units: 10, activation: 'softmax', kernelInitializer }),
  ]);
  const validationCount = Math.round(trainData.x.shape[0] * 0.1);
  const firstValidation = tf.slice(trainData.x, trainData.x.shape[0] - validationCount, 1);
  const checkpoint = new ModelCheckpoint({ filepath: `${outDir}/checkpoints/best.keras`, monitor: 'val_loss', saveBestOnly: true, verbose: verbose > 0 ? 1 : 0 });
  const stopping = new EarlyStopping({ monitor: 'val_loss', patience: 3, restoreBestWeights: true, verbose: verbose > 0 ? 1 : 0 });
  const tensorboard = new TensorBoard({ logDir: `${outDir}/logs`, histogramFreq: 1 });
  const activations = new ActivationSaver(model, firstValidation, `${outDir}/activations`);
  try {
    model.compile({ optimizer: adam({ learningRate: 0.002 }), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const history = await model.fit(trainData.x, trainData.y, {
      epochs,
      batchSize,
      verbose,
      seed,
      validationSplit: 0.1,
      callbacks: [
        checkpoint,
        stopping,
        new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 1, verbose: verbose > 0 ? 1 : 0 }),
        new CSVLogger(`${outDir}/training.csv`),
        tensorboard,
        activations,
      ],
    });
    const valLoss = history.history['val_loss']!;
    const best = valLoss.indexOf(Math.min(...valLoss));
    const evaluation = await model.evaluate(testData.x, testData.y, { batchSize: 500 });
    const reloaded = await loadModel(`${outDir}/checkpoints/best.keras`);
    const reloadedEvaluation = await reloaded.evaluate(testData.x, testData.y, { batchSize: 500 });
    reloaded.dispose();
    return {
      backend,
      epochsRun: valLoss.length,
      bestEpoch: best + 1,
      bestValLoss: valLoss[best]!,
      stoppedEpoch: stopping.stoppedEpoch === 0 ? 0 : stopping.stoppedEpoch + 1,
      learningRates: history.history['learning_rate'] ?? [],
      history: history.history,
      checkpointTestAccuracy: reloadedEvaluation['accuracy']!,
      testAccuracy: evaluation['accuracy']!,
      files: {
        checkpoints: checkpoint.savedPaths,
        csv: `${outDir}/training.csv`,
        tensorboard: [tensorboard.trainEventFile!, tensorboard.validationEventFile!],
        activations: activations.written,
      },
    };
  } finally {
    model.dispose();
    tf.dispose([trainData.x, trainData.y, testData.x, testData.y, firstValidation]);
  }
}
