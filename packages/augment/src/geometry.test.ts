import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageDataGenerator } from './generator/image-data-generator.js';
import { randomFlip } from './layers/random-flip.js';
import { randomRotation } from './layers/random-rotation.js';
import { randomTranslation } from './layers/random-translation.js';
import { randomZoom } from './layers/random-zoom.js';
import type { FillMode } from './geometry/fill-mode.js';
import { checkerboard, imageOf, rounded, rowsOf } from './testing/images.js';

const SQUARE = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
  [13, 14, 15, 16],
];
/** numpy's rot90 (a quarter turn counter-clockwise). */
const rot90 = (rows: number[][]) => rows[0]!.map((_, c) => rows.map((row) => row[row.length - 1 - c]!));

beforeAll(async () => {
  await useBackend('cpu');
});

/** The rows `fn` outputs, checking that it leaves no tensor behind. */
function run(fn: () => Tensor4D): number[][] {
  const before = tf.memory().numTensors;
  const out = fn();
  const rows = rounded(rowsOf(out));
  out.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return rows;
}

describe('exact geometry', () => {
  it('a quarter turn of RandomRotation is numpy rot90 (counter-clockwise), bilinear or nearest', () => {
    for (const interpolation of ['bilinear', 'nearest'] as const) {
      const x = imageOf(SQUARE);
      const layer = randomRotation({ factor: [0.25, 0.25], interpolation, seed: 1 });
      expect(run(() => layer.apply(x, { training: true }) as Tensor4D)).toEqual(rot90(SQUARE));
      x.dispose();
    }
  });

  it("the generator's theta of 90 degrees turns clockwise (Keras' matrix), 270 is rot90", () => {
    const gen = imageDataGenerator({});
    const x = imageOf(SQUARE);
    expect(run(() => gen.applyTransform(x, { theta: 270 }))).toEqual(rot90(SQUARE));
    expect(run(() => gen.applyTransform(x, { theta: 90 }))).toEqual(rot90(rot90(rot90(SQUARE))));
    x.dispose();
  });

  it('a shift by a whole number of pixels moves every pixel by it', () => {
    const gen = imageDataGenerator({ fillMode: 'constant', cval: -1 });
    const x = imageOf(SQUARE);
    // Keras' tx samples one row below: the content moves up by one row.
    expect(run(() => gen.applyTransform(x, { tx: 1 }))).toEqual([...SQUARE.slice(1), [-1, -1, -1, -1]]);
    expect(run(() => gen.applyTransform(x, { ty: -2 }))).toEqual(SQUARE.map((r) => [-1, -1, r[0]!, r[1]!]));
    // RandomTranslation: a positive factor moves the image down (a quarter of 4 rows = 1 row).
    const layer = randomTranslation({ heightFactor: [0.25, 0.25], widthFactor: 0, fillMode: 'constant', fillValue: -1 });
    expect(run(() => layer.apply(x, { training: true }) as Tensor4D)).toEqual([[-1, -1, -1, -1], ...SQUARE.slice(0, 3)]);
    x.dispose();
  });

  it('a flip mirrors exactly', () => {
    const gen = imageDataGenerator({});
    const x = imageOf(SQUARE);
    expect(run(() => gen.applyTransform(x, { flipHorizontal: true }))).toEqual(SQUARE.map((r) => [...r].reverse()));
    expect(run(() => gen.applyTransform(x, { flipVertical: true }))).toEqual([...SQUARE].reverse());
    const layer = randomFlip({ mode: 'horizontal', seed: 3 });
    const batch = tf.tile(x, [16, 1, 1, 1]) as Tensor4D;
    const out = layer.apply(batch, { training: true });
    const images = tf.tidy(() => tf.unstack(out).map((t) => rowsOf(tf.expandDims(t, 0))));
    const mirrored = images.filter((rows) => JSON.stringify(rows) === JSON.stringify(SQUARE.map((r) => [...r].reverse()))).length;
    const unchanged = images.filter((rows) => JSON.stringify(rows) === JSON.stringify(SQUARE)).length;
    expect(mirrored + unchanged).toBe(16);
    expect(mirrored).toBeGreaterThan(2);
    expect(unchanged).toBeGreaterThan(2);
    tf.dispose([out, batch, x]);
  });

  it('a zoom of 2 on a checkerboard halves its squares; a zoom of 1/2 doubles them', () => {
    // 9x9 board of 2-pixel squares; zooming out by 2 about the centre (4, 4) samples rows and
    // columns 2 * out - 4: the middle 5x5 becomes a board of 1-pixel squares.
    const board = imageOf(checkerboard(9, 2));
    const out = run(() => imageDataGenerator({ fillMode: 'constant', cval: 7 }).applyTransform(board, { zx: 2, zy: 2 }));
    const middle = out.slice(2, 7).map((r) => r.slice(2, 7));
    expect(middle).toEqual(checkerboard(5, 1));
    expect(out[0]).toEqual(Array(9).fill(7));
    board.dispose();
    // 8x8 board of 1-pixel squares zoomed in by 2 (Keras 3 RandomZoom height factor -0.5): squares of 2 pixels.
    const fine = imageOf(checkerboard(8, 1));
    const layer = randomZoom({ heightFactor: [-0.5, -0.5], interpolation: 'nearest' });
    const zoomed = run(() => layer.apply(fine, { training: true }) as Tensor4D);
    expect(zoomed).toEqual(checkerboard(8, 2));
    fine.dispose();
  });

  it.each<[FillMode, number[]]>([
    ['constant', [9, 9, 1, 2]],
    ['nearest', [1, 1, 1, 2]],
    ['reflect', [2, 1, 1, 2]],
    ['wrap', [3, 4, 1, 2]],
  ])('fill mode %s at the border', (fillMode, expected) => {
    const x = imageOf([[1, 2, 3, 4]]);
    const gen = imageDataGenerator({ fillMode, cval: 9, interpolation: 'nearest' });
    expect(run(() => gen.applyTransform(x, { ty: -2 }))).toEqual([expected]);
    x.dispose();
  });
});

describe('batches on every CPU backend', () => {
  it.each(['cpu', 'layerwise-wasm', 'wasm'])('%s transforms each image of a batch with its own matrix', async (backend) => {
    await useBackend(backend);
    const x = tf.concat([imageOf(SQUARE), imageOf(SQUARE), imageOf(SQUARE)]) as Tensor4D;
    const gen = imageDataGenerator({});
    const before = tf.memory().numTensors;
    const out = gen.applyTransform(x, [{ theta: 270 }, { flipHorizontal: true }, {}]);
    const images = tf.tidy(() => tf.unstack(out).map((t) => rounded(rowsOf(tf.expandDims(t, 0)))));
    expect(images).toEqual([rot90(SQUARE), SQUARE.map((r) => [...r].reverse()), SQUARE]);
    tf.dispose(out);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    await useBackend('cpu');
  });
});
