import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@layerwise/core';
import { randomValues } from './compare.js';

type Interpolation = 'nearest' | 'bilinear';
type FillMode = 'constant' | 'reflect' | 'wrap' | 'nearest';

const interpolations: readonly Interpolation[] = ['nearest', 'bilinear'];
const fillModes: readonly FillMode[] = ['constant', 'reflect', 'wrap', 'nearest'];

/** Largest difference allowed from tfjs-backend-cpu (the arithmetic is the same, in float64: these cases come out bit-identical). */
const MAX_ABS_DIFF = 1e-5;

const random = new SeededRandom(4321);

/**
 * A transform row (output pixel to input position) for an h x w image: rotation by `angle`
 * about the centre, scaling, shear, a translation and a small projective term.
 */
function row(h: number, w: number, angle: number, scale: number, shear: number, tx: number, ty: number, p = 0): number[] {
  const cos = Math.cos(angle) / scale;
  const sin = Math.sin(angle) / scale;
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const a0 = cos;
  const a1 = -sin + shear;
  const b0 = sin;
  const b1 = cos;
  return [a0, a1, cx - a0 * cx - a1 * cy + tx, b0, b1, cy - b0 * cx - b1 * cy + ty, p / w, -p / h];
}

/** Three transforms of an h x w image that differ: rotations, a projective one and an exact half-pixel shift. */
function threeRows(h: number, w: number): number[][] {
  return [
    row(h, w, 0.5, 1.1, 0.15, 0.8, -1.3, 0.3),
    row(h, w, -1.2, 0.8, -0.2, -2.5, 1.7, -0.4),
    // Translation by exactly half a pixel: nearest interpolation's rounding of ties (up, as Math.round).
    [1, 0, 0.5, 0, 1, -0.5, 0, 0],
  ];
}

/**
 * tfjs-backend-cpu's Transform run image by image (its kernel only transforms the first image of a
 * batch), on `cpu`; `transforms` has one row per image or one shared row.
 */
async function reference(
  shape: [number, number, number, number], pixels: Float32Array, transforms: number[][],
  interpolation: Interpolation, fillMode: FillMode, fillValue: number, outputShape?: [number, number],
): Promise<Float32Array> {
  await tf.setBackend('cpu');
  const images = tf.tensor4d(pixels, shape);
  const parts = tf.unstack(images).map((image, i) => {
    const t = tf.tensor2d([transforms[transforms.length === 1 ? 0 : i]!], [1, 8]);
    const out = tf.image.transform(tf.expandDims(image, 0) as Tensor4D, t, interpolation, fillMode, fillValue, outputShape);
    const values = out.dataSync() as Float32Array;
    tf.dispose([image, t, out]);
    return values;
  });
  images.dispose();
  const result = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (result.set(p, at), at + p.length), 0);
  return result;
}

/** The whole batch in one `tf.image.transform` on `backend`; checks that no tensor is left behind. */
async function batched(
  backend: string, shape: [number, number, number, number], pixels: Float32Array, transforms: number[][],
  interpolation: Interpolation, fillMode: FillMode, fillValue: number, outputShape?: [number, number],
): Promise<{ values: Float32Array; shape: number[] }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const images = tf.tensor4d(pixels, shape);
  const t = tf.tensor2d(transforms, [transforms.length, 8]);
  const out = tf.image.transform(images, t, interpolation, fillMode, fillValue, outputShape);
  const values = Float32Array.from(await out.data());
  const outShape = out.shape;
  tf.dispose([images, t, out]);
  expect(tf.memory().numTensors).toBe(before);
  return { values, shape: outShape };
}

/** The largest absolute difference (Infinity where exactly one is NaN or the lengths differ). */
function maxAbsDiff(actual: Float32Array, expected: Float32Array): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (Number.isNaN(a) || Number.isNaN(e)) {
      if (Number.isNaN(a) !== Number.isNaN(e)) return Infinity;
      continue;
    }
    if (a === e) continue; // equal infinities
    worst = Math.max(worst, Math.abs(a - e));
  }
  return worst;
}

interface TransformCase {
  shape: [number, number, number, number];
  transforms: number[][];
  interpolation: Interpolation;
  fillMode: FillMode;
  fillValue: number;
  outputShape?: [number, number];
  /** Pixel values are uniform in [-scale, scale). */
  scale?: number;
}

async function check(backend: string, c: TransformCase): Promise<void> {
  const [n, , , channels] = c.shape;
  const pixels = randomValues(random, c.shape.reduce((a, b) => a * b, 1)).map((v) => v * (c.scale ?? 1));
  const expected = await reference(c.shape, pixels, c.transforms, c.interpolation, c.fillMode, c.fillValue, c.outputShape);
  const actual = await batched(backend, c.shape, pixels, c.transforms, c.interpolation, c.fillMode, c.fillValue, c.outputShape);
  const [oh, ow] = c.outputShape ?? [c.shape[1], c.shape[2]];
  expect(actual.shape).toEqual([n, oh, ow, channels]);
  expect(maxAbsDiff(actual.values, expected)).toBeLessThanOrEqual(MAX_ABS_DIFF);
}

/** Transform (`tf.image.transform`) on `backend` against tfjs-backend-cpu run image by image. */
export function describeTransform(backend: string): void {
  describe(`${backend}: Transform`, () => {
    for (const interpolation of interpolations) {
      for (const fillMode of fillModes) {
        it(`${interpolation}, fill ${fillMode}: a batch of 3 with different transforms`, async () => {
          await check(backend, { shape: [3, 7, 9, 3], transforms: threeRows(7, 9), interpolation, fillMode, fillValue: -0.37 });
        });

        it(`${interpolation}, fill ${fillMode}: one shared transform row, outputShape [5, 11]`, async () => {
          await check(backend, {
            shape: [3, 8, 6, 2], transforms: [row(8, 6, 0.9, 1.3, 0.1, 0.4, -0.6, 0.2)], interpolation, fillMode, fillValue: 0.25,
            outputShape: [5, 11],
          });
        });

        it(`${interpolation}, fill ${fillMode}: coordinates several periods outside the image (reflect and wrap arithmetic)`, async () => {
          await check(backend, {
            shape: [2, 5, 6, 5],
            transforms: [[3, 0.5, -31.5, -0.25, 2.5, 17.25, 0, 0], [-2, 0, 40.5, 0, -3, -12, 0, 0]],
            interpolation, fillMode, fillValue: 2,
          });
        });
      }
    }

    for (const channels of [1, 2, 3, 4, 5, 7, 8]) {
      for (const interpolation of interpolations) {
        it(`${interpolation}: ${channels} channel${channels > 1 ? 's' : ''}, outputShape [12, 4]`, async () => {
          await check(backend, {
            shape: [3, 9, 7, channels], transforms: threeRows(9, 7), interpolation, fillMode: 'reflect', fillValue: 0,
            outputShape: [12, 4],
          });
        });
      }
    }

    it('fills pixels whose projection is exactly 0, and survives huge and NaN coordinates', async () => {
      const transforms = [
        [1, 0, 0, 0, 1, 0, -0.5, 0], // projection 0 at x = 2
        [1e12, 0, -3e12, 0, -1e12, 1e9, 0, 0],
        [NaN, 0, 0, 0, 1, 0, 0, 0],
        [1, 0, 0, 0, 1, 0, 1e-3, -2e-3],
      ];
      for (const interpolation of interpolations) {
        for (const fillMode of fillModes) {
          await check(backend, { shape: [4, 6, 6, 3], transforms, interpolation, fillMode, fillValue: -1 });
        }
      }
    });

    it('is exact on 0-255 pixel values (float64 arithmetic, as tfjs-backend-cpu)', async () => {
      for (const interpolation of interpolations) {
        await check(backend, {
          shape: [3, 10, 10, 3], transforms: threeRows(10, 10), interpolation, fillMode: 'nearest', fillValue: 0.1, scale: 255,
        });
      }
    });

    it('a batch large enough to split over threads (8 images of 128x128x3 to 120x136, partial 16x16 tiles)', async () => {
      // Half affine (the kernel's division-free copy), half projective.
      const transforms = Array.from({ length: 8 }, (_, i) =>
        row(128, 128, 0.3 * i - 1, 0.8 + 0.05 * i, 0.1, 3 * i - 10, 7 - 2 * i, i % 2 === 0 ? 0 : 0.05 * i),
      );
      for (const interpolation of interpolations) {
        await check(backend, {
          shape: [8, 128, 128, 3], transforms, interpolation, fillMode: 'nearest', fillValue: 0, outputShape: [120, 136],
        });
      }
    });

    it('an empty batch', async () => {
      await tf.setBackend(backend);
      const before = tf.memory().numTensors;
      const shape = tf.tidy(() => tf.image.transform(tf.zeros([0, 4, 4, 3]) as Tensor4D, tf.zeros([1, 8]) as tf.Tensor2D).shape);
      expect(shape).toEqual([0, 4, 4, 3]);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('int32 images go to tfjs-backend-cpu (through the kernel: the op takes float32 only)', async () => {
      const pixels = Int32Array.from({ length: 2 * 3 * 3 }, (_, i) => i);
      const run = async (name: string) => {
        await tf.setBackend(name);
        const images = tf.tensor4d(pixels, [1, 3, 3, 2], 'int32');
        const t = tf.tensor2d([[0, 1, 0, 1, 0, 0, 0, 0]]);
        // tf.image.transform takes float32 only; the kernel itself runs on any numeric dtype.
        const attrs = { interpolation: 'nearest', fillMode: 'wrap', fillValue: 0 };
        const out = tf.engine().runKernel('Transform', { image: images, transforms: t }, attrs) as tf.Tensor;
        const result = { dtype: out.dtype, values: Array.from(await out.data()) };
        tf.dispose([images, t, out]);
        return result;
      };
      expect(await run(backend)).toEqual(await run('cpu'));
    });
  });
}
