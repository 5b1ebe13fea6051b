// Decoding throughput to 150x150 RGB float32 tensors: sharp (native libvips, through
// @layerwise/datasets' decoder) against the simplest pure-JavaScript route (jpeg-js, then an area
// resize in JavaScript), on the same real JPEG photos in the same run.
//
//   node dist/datasets-decode.js [--dir ../../shared/datasets/hymenoptera] [--limit 200] [--rounds 2]
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { decodeImageFile, resizeArea } from '@layerwise/datasets';
import jpeg from 'jpeg-js';
import { describeMachine } from './machine.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const DIR = arg('dir', resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? '../../shared/datasets', 'hymenoptera'));
const LIMIT = Number(arg('limit', '200'));
const ROUNDS = Number(arg('rounds', '2'));
const SIZE = { height: 150, width: 150 };

async function jpegsUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await jpegsUnder(path)));
    else if (/\.jpe?g$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

async function viaSharp(file: string): Promise<tf.Tensor> {
  return decodeImageFile(file, { imageSize: [SIZE.height, SIZE.width], colorMode: 'rgb', interpolation: 'bilinear', cropToAspectRatio: false, padToAspectRatio: false });
}

async function viaJpegJs(file: string): Promise<tf.Tensor> {
  const decoded = jpeg.decode(await readFile(file), { useTArray: true, formatAsRGBA: false, maxMemoryUsageInMB: 1024 });
  const resized = resizeArea({ data: decoded.data, width: decoded.width, height: decoded.height, channels: 3 }, SIZE);
  return tf.tensor3d(resized.data, [SIZE.height, SIZE.width, 3]);
}

/** Images per second over `files`, `concurrency` decodes in flight; failures are counted, not timed out. */
async function measure(decode: (file: string) => Promise<tf.Tensor>, files: string[], concurrency: number): Promise<{ rate: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < files.length) {
        const file = files[next++]!;
        try {
          (await decode(file)).dispose();
        } catch {
          failures++;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: (files.length - failures) / seconds, failures };
}

await useBackend('cpu');
const files = (await jpegsUnder(DIR)).slice(0, LIMIT);
console.log(`# JPEG decode + resize to 150x150 RGB: ${files.length} photos from ${DIR}, best of ${ROUNDS} rounds`);
console.log(describeMachine());
console.log('| decoder | concurrency | images/s | failed |');
console.log('| --- | --- | --- | --- |');
for (const [name, decode, concurrency] of [
  ['sharp (libvips), bilinear', viaSharp, 1],
  ['sharp (libvips), bilinear', viaSharp, 4],
  ['jpeg-js + JS area resize', viaJpegJs, 1],
] as const) {
  let best = { rate: 0, failures: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const result = await measure(decode, files, concurrency);
    if (result.rate > best.rate) best = result;
  }
  console.log(`| ${name} | ${concurrency} | ${best.rate.toFixed(1)} | ${best.failures} |`);
}
