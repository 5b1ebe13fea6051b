import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkOptions, disposeAll, LayerwiseError, type Batch } from '@layerwise/core';
import type { Model } from '@layerwise/layers';

/** Options of {@link extractFeatures}. */
export interface ExtractFeaturesOptions {
  /** Applied to each batch of images before the extractor (e.g. `(x) => tf.div(x, 255)`); its result is disposed. */
  preprocess?: (images: Tensor) => Tensor;
  /** Called after each batch with the number of images done. */
  onBatch?: (done: number) => void;
}

/** Features and labels of a whole dataset, in its order: the caller's to dispose. */
export interface ExtractedFeatures {
  readonly features: Tensor;
  readonly labels: Tensor;
}

/**
 * The first feature-extraction path of the transfer-learning recipe: runs a frozen extractor once
 * over every batch of a dataset (in inference mode) and keeps only its outputs, so that a small
 * classifier can then be trained on them for many epochs at almost no cost. The batches are
 * disposed as they are consumed (they belong to the receiver).
 *
 * @example
 * ```ts
 * const { features, labels } = await extractFeatures(base, train, { preprocess: (x) => tf.div(x, 255) });
 * await head.fit(features, labels, { epochs: 30 });
 * ```
 */
export async function extractFeatures(extractor: Model, data: Iterable<Batch> | AsyncIterable<Batch>, options: ExtractFeaturesOptions = {}): Promise<ExtractedFeatures> {
  const owner = `extractFeatures(Model "${extractor.name}")`;
  checkOptions(owner, options, ['preprocess', 'onBatch']);
  const features: Tensor[] = [];
  const labels: Tensor[] = [];
  let done = 0;
  try {
    for await (const batch of data) {
      try {
        if (batch.y === undefined) throw new LayerwiseError(`${owner}: batch ${labels.length} has no labels (y)`);
        features.push(
          tf.tidy(() => {
            const images = options.preprocess ? options.preprocess(batch.x) : batch.x;
            return extractor.apply(images, { training: false });
          }),
        );
        labels.push(tf.clone(batch.y as Tensor));
      } finally {
        disposeAll([batch.x, batch.y]);
      }
      done += features.at(-1)!.shape[0]!;
      options.onBatch?.(done);
    }
    if (features.length === 0) throw new LayerwiseError(`${owner}: the dataset yielded no batches`);
    return { features: tf.concat(features, 0), labels: tf.concat(labels, 0) };
  } finally {
    disposeAll([...features, ...labels]);
  }
}
