import * as tf from '@tensorflow/tfjs-core';
import type { Tensor4D } from '@tensorflow/tfjs-core';
import { SeededRandom, useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageDataGenerator } from './generator/image-data-generator.js';
import { resolveGeneratorOptions } from './generator/options.js';
import { drawTransformParams } from './generator/transform-params.js';
import { randomBrightness } from './layers/random-brightness.js';
import { randomContrast } from './layers/random-contrast.js';
import { randomRotation } from './layers/random-rotation.js';

beforeAll(async () => {
  await useBackend('cpu');
});

const images = () => tf.tidy(() => tf.mul(tf.randomUniform([4, 12, 12, 3], 0, 1, 'float32', 5), 255) as Tensor4D);
const BOOK = { rotationRange: 40, widthShiftRange: 0.2, heightShiftRange: 0.2, shearRange: 20, zoomRange: 0.2, horizontalFlip: true, channelShiftRange: 30, brightnessRange: [0.5, 1.5] as const };

function same(a: tf.Tensor, b: tf.Tensor): boolean {
  return tf.tidy(() => tf.all(tf.equal(a, b)).dataSync()[0] === 1);
}

describe('seeds', () => {
  it('the same seed gives the same images, a different seed different ones (generator and layers), leaking nothing', () => {
    const x = images();
    const before = tf.memory().numTensors;
    const gen = imageDataGenerator(BOOK);
    const [a, b, c] = [gen.augment(x, 1), gen.augment(x, 1), gen.augment(x, 2)];
    expect(same(a, b)).toBe(true);
    expect(same(a, c)).toBe(false);
    tf.dispose([a, b, c]);
    const layerRun = (seed: number) => randomRotation({ factor: 0.2, seed }).apply(x, { training: true });
    const [d, e, f] = [layerRun(7), layerRun(7), layerRun(8)];
    expect(same(d, e)).toBe(true);
    expect(same(d, f)).toBe(false);
    tf.dispose([d, e, f]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('two flows with the same seed yield the same batches', () => {
    const x = images();
    const y = tf.tensor1d([0, 1, 0, 1]);
    const gen = imageDataGenerator({ ...BOOK, seed: 3 });
    const first = [...gen.flow(x, y, { batchSize: 2 })];
    const second = [...gen.flow(x, y, { batchSize: 2 })];
    expect(first.every((batch, i) => same(batch.x, second[i]!.x) && same(batch.y!, second[i]!.y!))).toBe(true);
    const other = [...gen.flow(x, y, { batchSize: 2, seed: 4 })];
    expect(same(first[0]!.x, other[0]!.x)).toBe(false);
    tf.dispose([first, second, other, x, y] as never);
  });
});

describe('the sampled parameters stay inside their ranges', () => {
  it('generator: 4000 draws cover each range and never leave it', () => {
    const o = resolveGeneratorOptions({ ...BOOK, widthShiftRange: 3 });
    const random = new SeededRandom(11);
    const draws = Array.from({ length: 4000 }, () => drawTransformParams(o, 50, 100, random));
    const check = (values: number[], low: number, high: number) => {
      expect(Math.min(...values)).toBeGreaterThanOrEqual(low);
      expect(Math.max(...values)).toBeLessThanOrEqual(high);
      // Uniform: close to both ends, mean in the middle.
      expect(Math.min(...values)).toBeLessThan(low + (high - low) * 0.01);
      expect(Math.max(...values)).toBeGreaterThan(high - (high - low) * 0.01);
      expect(Math.abs(values.reduce((s, v) => s + v, 0) / values.length - (low + high) / 2)).toBeLessThan((high - low) * 0.03);
    };
    check(draws.map((p) => p.theta), -40, 40);
    check(draws.map((p) => p.tx), -0.2 * 50, 0.2 * 50);
    check(draws.map((p) => p.shear), -20, 20);
    check(draws.map((p) => p.zx), 0.8, 1.2);
    check(draws.map((p) => p.zy), 0.8, 1.2);
    check(draws.map((p) => p.channelShiftIntensity), -30, 30);
    check(draws.map((p) => p.brightness!), 0.5, 1.5);
    // A whole number of pixels (3): Keras' choice of 0, 1 or 2 with a random sign.
    expect(new Set(draws.map((p) => p.ty))).toEqual(new Set([0, 1, 2, -1, -2]));
    const flips = draws.filter((p) => p.flipHorizontal).length / draws.length;
    expect(flips).toBeGreaterThan(0.45);
    expect(flips).toBeLessThan(0.55);
    expect(draws.every((p) => !p.flipVertical)).toBe(true);
  });

  it('layers: brightness deltas and contrast factors stay inside their ranges', () => {
    const flat = tf.fill([400, 1, 1, 1], 100) as Tensor4D;
    const bright = randomBrightness({ factor: 0.2, seed: 1 }).apply(flat, { training: true });
    const values = Array.from(bright.dataSync());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(100 - 0.2 * 255);
    expect(Math.max(...values)).toBeLessThanOrEqual(100 + 0.2 * 255);
    expect(Math.min(...values)).toBeLessThan(100 - 0.18 * 255);
    expect(Math.max(...values)).toBeGreaterThan(100 + 0.18 * 255);
    // Contrast: one image [0, 200] per batch entry; the factor f maps it to [100 - 100 f, 100 + 100 f].
    const pair = tf.tile(tf.tensor4d([0, 200], [1, 1, 2, 1]), [400, 1, 1, 1]) as Tensor4D;
    const contrast = randomContrast({ factor: 0.5, seed: 2 }).apply(pair, { training: true });
    const factors = Array.from(contrast.dataSync()).filter((_, i) => i % 2 === 1).map((v) => (v - 100) / 100);
    expect(Math.min(...factors)).toBeGreaterThanOrEqual(0.5 - 1e-5);
    expect(Math.max(...factors)).toBeLessThanOrEqual(1.5 + 1e-5);
    expect(Math.min(...factors)).toBeLessThan(0.53);
    expect(Math.max(...factors)).toBeGreaterThan(1.47);
    tf.dispose([flat, bright, pair, contrast]);
  });
});
