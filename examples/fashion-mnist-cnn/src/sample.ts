import { decodeIdxSplit, fetchDatasetFile, FASHION_MNIST_DATASET, type MnistSplit } from '@layerwise/datasets';

/** The 900-image Fashion-MNIST sample (90 real images per class, labels 0..9 in order) kept beside the full files. */
const SAMPLE = {
  images: { name: 'sprite900-images-idx3-ubyte.gz', md5: '3c8b55f8d36401f81b9a92757efdbaa7' },
  labels: { name: 'sprite900-labels-idx1-ubyte.gz', md5: '5da082d66201022764900384f225a853' },
} as const;

/** The items `indices` of a split, copied into a new split. */
export function pick(split: MnistSplit, indices: readonly number[]): MnistSplit {
  const size = split.rows * split.cols;
  const images = new Uint8Array(indices.length * size);
  indices.forEach((item, i) => images.set(split.images.subarray(item * size, (item + 1) * size), i * size));
  return { ...split, images, labels: Uint8Array.from(indices, (item) => split.labels[item]!), count: indices.length };
}

/**
 * Reads the sample from the offline directory (`LAYERWISE_DATASETS_DIR/fashion-mnist/`) and
 * splits each class 80/20: 720 training and 180 test images, 72 and 18 of every class.
 */
export async function loadSample(): Promise<{ train: MnistSplit; test: MnistSplit }> {
  const get = async (file: { name: string; md5: string }) =>
    (await fetchDatasetFile({ ...file, dataset: FASHION_MNIST_DATASET, mirrors: [] })).bytes;
  const all = await decodeIdxSplit({
    images: await get(SAMPLE.images),
    labels: await get(SAMPLE.labels),
    imagesSource: SAMPLE.images.name,
    labelsSource: SAMPLE.labels.name,
  });
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < all.count; i++) (i % 90 < 72 ? train : test).push(i);
  return { train: pick(all, train), test: pick(all, test) };
}
