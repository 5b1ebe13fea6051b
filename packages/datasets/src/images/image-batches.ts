import type { Tensor, Tensor3D } from '@tensorflow/tfjs-core';
import { LayerwiseError } from '@layerwise/core';
import { Dataset } from '../pipeline/dataset.js';
import { fromArrays } from '../pipeline/sources.js';
import { decodeImageFile, type DecodeImageOptions } from './decode-image.js';
import type { ImageFile } from './list-files.js';

/** Decoded images and their class indices: one image (`x` `[h, w, c]`, `y` a number) or a batch (`x` `[n, h, w, c]`, `y` `[n]` float32). */
export interface LabelledImages {
  readonly x: Tensor;
  readonly y: Tensor | number;
}

/** What {@link decodedImages} reads and how. */
export interface DecodedImagesSpec {
  /** Who asks, named in errors and warnings. */
  readonly owner: string;
  readonly files: readonly ImageFile[];
  readonly decode: DecodeImageOptions;
  /** Decodes one file. Default: sharp, from its path (Node). */
  readonly decoder?: (file: ImageFile, options: DecodeImageOptions) => Promise<Tensor3D>;
  /** Visit the files in a new order each pass (seeded when `seed` is given). */
  readonly shuffle: boolean;
  readonly seed: number | undefined;
  /** Images per batch, or `null` for single images. */
  readonly batchSize: number | null;
  /** Files decoded at once. */
  readonly concurrency: number;
  /** `'error'`: an unreadable file ends the pass with an error naming it; `'skip'`: it is left out and counted in a warning. */
  readonly onError: 'error' | 'skip';
}

/**
 * The files decoded (`concurrency` at a time, order kept), with their labels, batched: the part
 * `imageDatasetFromDirectory` and `flowFromDirectory` share. Each pass is one epoch; with
 * `onError: 'skip'` the files skipped in a pass are named in one `console.warn` at its end.
 */
export function decodedImages(spec: DecodedImagesSpec): Dataset<LabelledImages> {
  const { owner, files, onError, batchSize } = spec;
  const decoder = spec.decoder ?? ((file: ImageFile, options: DecodeImageOptions) => decodeImageFile(file.path, options));
  let skipped: string[] = [];
  let ds: Dataset<ImageFile> = fromArrays(files);
  if (spec.shuffle) ds = ds.shuffle(files.length, spec.seed === undefined ? {} : { seed: spec.seed });
  let images = ds
    .mapAsync(
      async (file) => {
        try {
          return { file, x: (await decoder(file, spec.decode)) as Tensor | undefined };
        } catch (error) {
          if (onError === 'error') throw new LayerwiseError(`${owner}: ${(error as Error).message}`);
          skipped.push(file.path);
          return { file, x: undefined };
        }
      },
      { concurrency: spec.concurrency },
    )
    .filter((e) => e.x !== undefined)
    .map(({ file, x }): LabelledImages => ({ x: x!, y: file.label }));
  if (batchSize !== null) images = images.batch(batchSize);
  const size = onError === 'skip' ? undefined : batchSize === null ? files.length : Math.ceil(files.length / batchSize);
  return new Dataset<LabelledImages>(async function* () {
    skipped = [];
    yield* images;
    if (skipped.length > 0) console.warn(`${owner}: skipped ${skipped.length} unreadable image(s): ${skipped.join(', ')}`);
  }, size);
}
