import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useBackend, type BackendReport } from '@layerwise/core';
import { rmsprop } from '@layerwise/optimizers';
import { historyCsv, textPlot, type History } from './curves.js';
import { hymenopteraFlows } from './data.js';
import { smallDataConvnet } from './model.js';

/** Options of {@link runSmallDataConvnet}. */
export interface SmallDataOptions {
  /** Side of the square images. Default 150 (the book's). */
  imageSize?: number;
  batchSize?: number;
  /** Epochs of the plain run (no augmentation, no dropout). Default 30 (the book's). */
  plainEpochs?: number;
  /** Epochs of the run with augmentation and dropout. Default 60 (the book runs 100 on 10x the images). */
  augmentedEpochs?: number;
  /** Learning rate of RMSprop. Default 1e-4 (the book's). */
  learningRate?: number;
  /** Where the curves (CSV) and the augmented model (`.keras`) go. Default `out`. */
  outDir?: string;
  verbose?: 0 | 1 | 2;
  seed?: number;
}

/** One run's result. */
export interface RunResult {
  /** Validation accuracy after the last epoch. */
  readonly valAccuracy: number;
  /** The best validation accuracy over the epochs. */
  readonly bestValAccuracy: number;
  readonly history: History;
  readonly seconds: number;
}

/** What {@link runSmallDataConvnet} reports. */
export interface SmallDataResult {
  readonly plain: RunResult;
  readonly augmented: RunResult;
  readonly backend: BackendReport;
  /** The CSV of both runs' curves, the text plot, and the saved model. */
  readonly files: { readonly curves: string; readonly model: string };
  readonly plot: string;
}

async function trainRun(augment: boolean, o: Required<Omit<SmallDataOptions, 'outDir'>>, epochs: number): Promise<{ result: RunResult; model: ReturnType<typeof smallDataConvnet> }> {
  const { train, val } = await hymenopteraFlows({ imageSize: o.imageSize, batchSize: o.batchSize, augment, seed: o.seed });
  const model = smallDataConvnet({ imageSize: o.imageSize, dropout: augment, seed: o.seed });
  model.compile({ optimizer: rmsprop({ learningRate: o.learningRate }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  const started = Date.now();
  const history = await model.fit(train, { epochs, validationData: val, verbose: o.verbose, seed: o.seed });
  const valAccuracy = history.history['val_accuracy']!;
  return {
    model,
    result: { valAccuracy: valAccuracy.at(-1)!, bestValAccuracy: Math.max(...valAccuracy), history: history.history, seconds: (Date.now() - started) / 1000 },
  };
}

/**
 * The classic small-data workflow (Deep Learning with Python, 5.2) on hymenoptera (245 training,
 * 153 validation images of ants and bees): the four-block convnet trained from scratch, first
 * plainly (it overfits), then with the book's augmentation and dropout. Writes both runs' curves
 * to `curves.csv` and saves the second model as `small-data-convnet.keras` in `outDir`.
 */
export async function runSmallDataConvnet(options: SmallDataOptions = {}): Promise<SmallDataResult> {
  const o = {
    imageSize: options.imageSize ?? 150,
    batchSize: options.batchSize ?? 20,
    plainEpochs: options.plainEpochs ?? 30,
    augmentedEpochs: options.augmentedEpochs ?? 60,
    learningRate: options.learningRate ?? 1e-4,
    verbose: options.verbose ?? 1,
    seed: options.seed ?? 1,
  };
  const outDir = options.outDir ?? 'out';
  const backend = await useBackend('auto');
  const plainRun = await trainRun(false, o, o.plainEpochs);
  plainRun.model.dispose();
  const augmentedRun = await trainRun(true, o, o.augmentedEpochs);
  await mkdir(outDir, { recursive: true });
  const files = { curves: join(outDir, 'curves.csv'), model: join(outDir, 'small-data-convnet.keras') };
  try {
    await augmentedRun.model.save(files.model);
  } finally {
    augmentedRun.model.dispose();
  }
  await writeFile(files.curves, historyCsv({ plain: plainRun.result.history, augmented: augmentedRun.result.history }));
  const plot = textPlot({
    'plain validation accuracy': plainRun.result.history['val_accuracy']!,
    'augmented validation accuracy': augmentedRun.result.history['val_accuracy']!,
  });
  return { plain: plainRun.result, augmented: augmentedRun.result, backend, files, plot };
}
