// Feature extraction with a frozen pretrained base, as in the transfer-learning example: darknet-tiny
// (ImageNet-pretrained, TensorFlow.js format) cut at leaky_re_lu_15 and globally averaged, run over
// the 398 hymenoptera images (245 train + 153 val) at 224x224 on the fast CPU backend
// (useBackend('auto'): layerwise-wasm). Images are decoded first (timed apart), then the base runs
// over them in memory in batches of 32: prints images per second.
//   pnpm --filter @layerwise/benchmarks feature-extraction [--quick]   (--quick: 64 images, one pass)
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { extractFeatures, featureExtractor } from '@layerwise/applications';
import { useBackend, type Batch } from '@layerwise/core';
import { imageDatasetFromDirectory } from '@layerwise/datasets';
import { loadModel } from '@layerwise/io';
import { describeMachine } from './machine.js';
import { median } from './stats.js';

const datasets = resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(import.meta.dirname, '../../../shared/datasets'));
const models = resolve(process.env['LAYERWISE_MODELS_DIR'] ?? join(datasets, '..', 'models'));
const BATCH = 32;

async function decode(split: string, limit: number | undefined): Promise<Batch[]> {
  const images = await imageDatasetFromDirectory(join(datasets, 'hymenoptera', split), { imageSize: [224, 224], batchSize: BATCH, shuffle: false });
  const batches: Batch[] = [];
  for await (const batch of limit === undefined ? images : images.take(Math.ceil(limit / BATCH))) {
    batches.push({ x: tf.tidy(() => tf.div(batch.x, 255)), y: batch.y! });
    batch.x.dispose();
  }
  return batches;
}

const copy = (batches: readonly Batch[]): Batch[] => batches.map((b) => ({ x: tf.clone(b.x), y: tf.clone(b.y!) }));

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const backend = await useBackend('auto');
  console.log(`# Feature extraction: darknet-tiny to leaky_re_lu_15 + global average pooling, hymenoptera 224x224\n\n${describeMachine()}\nBackend: ${backend.name} (${backend.reason})\n`);
  const darknet = await loadModel(join(models, 'darknet-tiny', 'model.json'), { compile: false });
  const base = featureExtractor(darknet, { outputLayer: 'leaky_re_lu_15', pooling: 'avg' });
  let started = performance.now();
  const images = [...(await decode('train', quick ? 32 : undefined)), ...(await decode('val', quick ? 32 : undefined))];
  const count = images.reduce((n, b) => n + b.x.shape[0]!, 0);
  console.log(`decoded ${count} images in ${((performance.now() - started) / 1000).toFixed(1)} s (sharp, resized to 224x224)`);
  const rates: number[] = [];
  for (let pass = 0; pass < (quick ? 1 : 3); pass++) {
    started = performance.now();
    const { features, labels } = await extractFeatures(base, copy(images));
    const seconds = (performance.now() - started) / 1000;
    rates.push(count / seconds);
    console.log(`pass ${pass + 1}: ${count} images in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(1)} images/s, features ${features.shape.join('x')}`);
    tf.dispose([features, labels]);
  }
  console.log(`\nmedian: ${median(rates).toFixed(1)} images/s`);
  tf.dispose(images.flatMap((b) => [b.x, b.y!]));
  darknet.dispose();
}

await main();
