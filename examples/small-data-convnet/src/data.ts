import { join, resolve } from 'node:path';
import { imageDataGenerator, type ImageDataGeneratorOptions } from '@layerwise/augment';
import { flowFromDirectory, type DirectoryFlow } from '@layerwise/datasets';

/** `LAYERWISE_DATASETS_DIR` (CI: `../shared/datasets`), else `../shared/datasets` beside the repository. */
export const datasetsDir = () => resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(import.meta.dirname, '../../../../shared/datasets'));

/** The book's training augmentation (Deep Learning with Python, 5.2.5), on top of `rescale`. */
export const BOOK_AUGMENTATION: ImageDataGeneratorOptions = {
  rotationRange: 40,
  widthShiftRange: 0.2,
  heightShiftRange: 0.2,
  shearRange: 0.2,
  zoomRange: 0.2,
  horizontalFlip: true,
  fillMode: 'nearest',
};

/** What {@link hymenopteraFlows} reads. */
export interface FlowsOptions {
  imageSize: number;
  batchSize: number;
  /** Augment the training images (the validation images never are). */
  augment: boolean;
  seed: number;
}

/**
 * hymenoptera's `train/` and `val/` folders (ants vs bees) as the book's generators: pixels
 * rescaled to [0, 1], binary labels, the training flow shuffled and (with `augment`) augmented; the
 * validation flow goes through a generator with no augmentation options.
 */
export async function hymenopteraFlows(options: FlowsOptions): Promise<{ train: DirectoryFlow; val: DirectoryFlow }> {
  const root = join(datasetsDir(), 'hymenoptera');
  const common = { targetSize: [options.imageSize, options.imageSize] as const, batchSize: options.batchSize, classMode: 'binary' as const };
  const trainGen = imageDataGenerator({ rescale: 1 / 255, ...(options.augment ? BOOK_AUGMENTATION : {}) });
  const valGen = imageDataGenerator({ rescale: 1 / 255 });
  const train = await flowFromDirectory(join(root, 'train'), { ...common, augment: trainGen, shuffle: true, seed: options.seed });
  const val = await flowFromDirectory(join(root, 'val'), { ...common, augment: valGen, shuffle: false });
  return { train, val };
}
