// Streaming memory of imageDatasetFromDirectory: a folder of many small generated JPEGs (far more
// pixels than are ever held at once) read for several epochs; reports the peak RSS of each epoch
// and fails when it grows across epochs.
//
//   node dist/datasets-streaming.js [--images 30000] [--epochs 3] [--dir /tmp/layerwise-streaming]
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { imageDatasetFromDirectory } from '@layerwise/datasets';
import sharp from 'sharp';
import { describeMachine } from './machine.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const IMAGES = Number(arg('images', '30000'));
const EPOCHS = Number(arg('epochs', '3'));
const SIDE = 64;
const CLASSES = 10;
const DIR = arg('dir', join(tmpdir(), `layerwise-streaming-${IMAGES}`));

/** Writes `IMAGES` JPEGs of 64x64 noise-and-gradient pixels, `IMAGES / 10` per class folder (kept for later runs). */
async function generate(): Promise<void> {
  const existing = await readdir(DIR).then((classes) => classes.length, () => 0);
  if (existing === CLASSES) return;
  const started = Date.now();
  for (let c = 0; c < CLASSES; c++) await mkdir(join(DIR, `class${c}`), { recursive: true });
  const raw = Buffer.alloc(SIDE * SIDE * 3);
  for (let i = 0; i < IMAGES; i++) {
    for (let p = 0; p < raw.length; p++) raw[p] = (p * (i % 7 + 1) + ((i * 2654435761 + p * 40503) >>> 24)) & 255;
    const jpeg = await sharp(raw, { raw: { width: SIDE, height: SIDE, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
    await writeFile(join(DIR, `class${i % CLASSES}`, `img${i}.jpg`), jpeg);
  }
  console.log(`generated ${IMAGES} JPEGs in ${DIR} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

await generate();
await useBackend('cpu');
console.log(`# imageDatasetFromDirectory streaming: ${IMAGES} JPEGs of ${SIDE}x${SIDE}, ${EPOCHS} epochs, batch 32, prefetch 2`);
console.log(describeMachine());
const dataset = (await imageDatasetFromDirectory(DIR, { imageSize: [SIDE, SIDE], batchSize: 32, seed: 1, verbose: false })).prefetch(2);
const peaks: number[] = [];
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const started = Date.now();
  let peak = 0;
  let images = 0;
  for await (const { x, y } of dataset) {
    images += x.shape[0]!;
    tf.dispose([x, y!]);
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (Date.now() - started) / 1000;
  peaks.push(peak);
  console.log(
    `epoch ${epoch}: ${images} images in ${seconds.toFixed(1)} s (${(images / seconds).toFixed(0)} images/s), peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, tensors ${tf.memory().numTensors}`,
  );
}
const growth = peaks.at(-1)! / peaks[0]! - 1;
console.log(`peak RSS growth from epoch 1 to epoch ${EPOCHS}: ${(growth * 100).toFixed(1)}%`);
if (growth > 0.1) {
  console.error('FAILED: peak RSS grew by more than 10% across epochs');
  process.exit(1);
}
