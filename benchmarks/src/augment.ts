// Augmentation throughput on 150x150x3 images: @layerwise/augment's ImageDataGenerator on whole
// batches (one tf.image.transform per batch, then the pixel-wise steps on the batch) against two
// per-image implementations in the same run: the same generator called image by image, and plain
// JavaScript loops resampling each image (bilinear, nearest fill) through the same matrices.
//
//   node dist/augment.js [--backend layerwise-wasm] [--threads N] [--cpu-transform] [--images 256] [--batch 32] [--size 150] [--rounds 2]
//
// --threads: layerwise-wasm's thread count (default: useBackend's, every core).
// --cpu-transform: give layerwise-wasm tfjs-backend-cpu's Transform kernel instead of its WebAssembly
// one, as before it had one (@layerwise/augment then transforms one image at a time), for comparison.
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { registerWasmBackend, wasmBackendInfo, WASM_BACKEND_NAME } from '@layerwise/backend-wasm';
import { imageDataGenerator, transformMatrix, type Matrix3 } from '@layerwise/augment';
import { describeMachine } from './machine.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const BACKEND = arg('backend', 'layerwise-wasm');
const IMAGES = Number(arg('images', '256'));
const BATCH = Number(arg('batch', '32'));
const SIZE = Number(arg('size', '150'));
const ROUNDS = Number(arg('rounds', '2'));
const THREADS = arg('threads', '');
const CPU_TRANSFORM = process.argv.includes('--cpu-transform');
// The book's training generator (without rescale, which is one multiply).
const OPTIONS = { rotationRange: 40, widthShiftRange: 0.2, heightShiftRange: 0.2, shearRange: 0.2, zoomRange: 0.2, horizontalFlip: true, seed: 1 } as const;

/** Bilinear resampling of one `size` x `size` x 3 image through `m` (output to input), edges clamped (fill mode nearest). */
function resampleInJs(src: Float32Array, size: number, m: Matrix3): Float32Array {
  const out = new Float32Array(src.length);
  const clamp = (v: number) => (v < 0 ? 0 : v > size - 1 ? size - 1 : v);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const y = clamp(m[0] * r + m[1] * c + m[2]);
      const x = clamp(m[3] * r + m[4] * c + m[5]);
      const y0 = Math.floor(y);
      const x0 = Math.floor(x);
      const y1 = Math.min(y0 + 1, size - 1);
      const x1 = Math.min(x0 + 1, size - 1);
      const dy = y - y0;
      const dx = x - x0;
      for (let ch = 0; ch < 3; ch++) {
        const at = (yy: number, xx: number) => src[(yy * size + xx) * 3 + ch]!;
        const top = at(y0, x0) * (1 - dx) + at(y0, x1) * dx;
        const bottom = at(y1, x0) * (1 - dx) + at(y1, x1) * dx;
        out[(r * size + c) * 3 + ch] = top * (1 - dy) + bottom * dy;
      }
    }
  }
  return out;
}

/** Images per second of `run`, best of ROUNDS after one untimed warm-up. */
function rate(run: () => void): number {
  run();
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.max(best, IMAGES / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  return best;
}

if (BACKEND === WASM_BACKEND_NAME && THREADS !== '') registerWasmBackend({ threads: Number(THREADS), enableV8RelaxedSimdFlag: true });
const backend = await useBackend(BACKEND);
if (CPU_TRANSFORM && backend.name !== 'cpu') {
  const cpuTransform = tf.getKernel('Transform', 'cpu');
  if (!cpuTransform) throw new Error('tfjs-backend-cpu is not registered');
  tf.unregisterKernel('Transform', backend.name);
  tf.registerKernel({ ...cpuTransform, backendName: backend.name });
}
const images = tf.tidy(() => tf.mul(tf.randomUniform([IMAGES, SIZE, SIZE, 3], 0, 1, 'float32', 1), 255) as Tensor4D);
const gen = imageDataGenerator(OPTIONS);
const batches = tf.tidy(() => tf.split(images, Math.ceil(IMAGES / BATCH)) as Tensor4D[]);
const singles = tf.tidy(() => tf.split(images, IMAGES) as Tensor4D[]);
const pixels = singles.map((t) => t.dataSync() as Float32Array);
const before = tf.memory().numTensors;

const threads = backend.name === WASM_BACKEND_NAME ? `, ${wasmBackendInfo()?.threads ?? '?'} thread(s)` : '';
console.log(`# Augmented ${SIZE}x${SIZE}x3 images per second, ${IMAGES} images, best of ${ROUNDS} rounds, backend ${backend.name}${threads}${CPU_TRANSFORM ? ", tfjs-backend-cpu's Transform kernel" : ''}`);
console.log(describeMachine());
console.log('| implementation | images/s |');
console.log('| --- | --- |');
const rows: [string, () => void][] = [
  [`ImageDataGenerator.augment, batches of ${BATCH}`, () => batches.forEach((b, i) => gen.augment(b, i).dispose())],
  ['ImageDataGenerator.augment, one image at a time', () => singles.forEach((s, i) => gen.augment(s, i).dispose())],
  ['plain JavaScript loops, one image at a time', () => pixels.forEach((p) => void resampleInJs(p, SIZE, transformMatrix(gen.randomTransform(SIZE, SIZE), SIZE, SIZE)))],
];
for (const [name, run] of rows) console.log(`| ${name} | ${rate(run).toFixed(1)} |`);
if (tf.memory().numTensors !== before) throw new Error(`leaked ${tf.memory().numTensors - before} tensors`);
tf.dispose([images, ...batches, ...singles]);
