import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { rgb } from 'd3-color';
import { interpolateViridis } from 'd3-scale-chromatic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { conv2d, dense, flatten, maxPooling2d, sequential, type Sequential } from '@layerwise/layers';
import { encodePng } from '@layerwise/callbacks';
import { activationModel, layerActivations } from './activation-model.js';
import { activationGrid, channelImage } from './activation-grid.js';
import { writeActivationGrids } from './write-activation-grids.js';
import { decodePng } from '../testing/png.js';

// A 6x6 image with a bright vertical bar and a bright top row, and two hand-set 3x3 kernels: a
// vertical-edge detector and a horizontal-edge detector (no bias, no activation).
const IMAGE = Array.from({ length: 6 }, (_, y) => Array.from({ length: 6 }, (_, x) => (x === 2 || y === 0 ? 1 : 0)));
const KERNELS = [
  [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]],
  [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
];

/** The valid 3x3 correlation of the image with a kernel, computed by hand: 4x4 values. */
function correlate(kernel: number[][]): number[] {
  const out: number[] = [];
  for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) {
    let sum = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) sum += IMAGE[y + i]![x + j]! * kernel[i]![j]!;
    out.push(sum);
  }
  return out;
}

/** Min-max normalisation and the viridis colour of each value, straight from d3. */
function expectedColours(values: number[]): number[][] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return values.map((v) => {
    const c = rgb(interpolateViridis(Math.round(((v - lo) / (hi - lo)) * 255) / 255));
    return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
  });
}

let model: Sequential;
let image: tf.Tensor4D;

beforeAll(async () => {
  await useBackend('cpu');
  model = sequential([
    conv2d({ filters: 2, kernelSize: 3, useBias: false, inputShape: [6, 6, 1], name: 'edges' }),
    maxPooling2d({ poolSize: 2, name: 'pool' }),
    flatten({ name: 'flat' }),
    dense({ units: 2, name: 'out' }),
  ]);
  // Conv2D kernel layout: [height, width, in, out].
  const kernel = tf.tensor4d(KERNELS.flatMap((k, o) => k.flat().map((v, i) => ({ v, i, o }))).sort((a, b) => a.i - b.i || a.o - b.o).map((e) => e.v), [3, 3, 1, 2]);
  model.getLayer('edges').setWeights([kernel]);
  kernel.dispose();
  image = tf.tensor4d(IMAGE.flat(), [1, 6, 6, 1]);
});

afterAll(() => {
  model.dispose();
  image.dispose();
});

describe('activationModel', () => {
  it('returns every layer activation for an input, named after the layers', () => {
    const before = tf.memory().numTensors;
    const acts = layerActivations(model, image);
    expect(acts.map((a) => [a.name, a.className, a.activation.shape])).toEqual([
      ['edges', 'Conv2D', [1, 4, 4, 2]],
      ['pool', 'MaxPooling2D', [1, 2, 2, 2]],
      ['flat', 'Flatten', [1, 8]],
      ['out', 'Dense', [1, 2]],
    ]);
    expect(Array.from(acts[0]!.activation.dataSync()).filter((_, i) => i % 2 === 0)).toEqual(correlate(KERNELS[0]!));
    tf.dispose(acts.map((a) => a.activation));
    expect(activationModel(model, { layers: ['pool'] }).outputNames).toEqual(['pool']);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a missing layer and a model without a graph', () => {
    expect(() => activationModel(model, { layers: ['conv'] })).toThrow(/no layer named 'conv'. Its layers are: edges, pool, flat, out/);
    expect(() => activationModel(sequential([dense({ units: 1 })]))).toThrow(/has no graph of layers.*inputShape/);
  });
});

describe('activationGrid', () => {
  it('draws each channel as a tile equal to the normalised, colour-mapped channel (pixel exact)', async () => {
    const [conv] = layerActivations(model, image, { layers: ['edges'] });
    const png = await encodePng(await activationGrid(conv!.activation, { scale: 2, padding: 1 }));
    conv!.activation.dispose();
    const decoded = await decodePng(png);
    // Two 4x4 channels drawn 8x8, one white pixel between them.
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([17, 8, 3]);
    const pixel = (x: number, y: number) => Array.from(decoded.data.subarray((y * 17 + x) * 3, (y * 17 + x) * 3 + 3));
    KERNELS.forEach((kernel, channel) => {
      const colours = expectedColours(correlate(kernel));
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
        expect(pixel(channel * 9 + x, y)).toEqual(colours[Math.floor(y / 2) * 4 + Math.floor(x / 2)]);
      }
    });
    for (let y = 0; y < 8; y++) expect(pixel(8, y)).toEqual([255, 255, 255]);
  });

  it('lays out 16 tiles per row by default and draws one channel alone', async () => {
    const many = tf.randomUniform([1, 3, 3, 20], 0, 1, 'float32', 1);
    const grid = await activationGrid(many, { colormap: 'gray', normalize: 'standardize' });
    expect([grid.width, grid.height]).toEqual([16 * 3 + 15, 2 * 3 + 1]);
    const single = await channelImage(many, 19, { scale: 3 });
    expect([single.width, single.height]).toEqual([9, 9]);
    const values = Array.from(many.dataSync()).filter((_, i) => i % 20 === 19);
    expect(Array.from(single.data.subarray(0, 3))).toEqual(expectedColours(values)[0]);
    // The second sample of a batch, on a black background.
    const two = tf.concat([tf.zeros([1, 2, 2, 2]), tf.tensor4d([0, 1, 1, 0, 1, 0, 0, 1], [1, 2, 2, 2])]);
    const second = await activationGrid(two, { sample: 1, background: [0, 0, 0], padding: 2, colormap: 'gray' });
    expect([second.width, second.height]).toEqual([6, 2]);
    expect(Array.from(second.data.subarray(0, 18)).filter((_, i) => i % 3 === 0)).toEqual([0, 255, 0, 0, 255, 0]);
    await expect(activationGrid(two, { sample: 2 })).rejects.toThrow(/`sample`, expected a sample index below the batch size 2. Received: sample=2/);
    two.dispose();
    await expect(channelImage(many, 20)).rejects.toThrow(/`channel`, expected a channel below 20. Received: channel=20/);
    await expect(activationGrid(tf.zeros([2, 2]) as never)).rejects.toThrow(/`activation`, expected a feature map tensor.*Received: activation='\(2, 2\)'/);
    await expect(activationGrid(many, { colormap: 'jet' as 'gray' })).rejects.toThrow(/`colormap`.*Received: colormap='jet'/);
    many.dispose();
  });
});

describe('writeActivationGrids', () => {
  it('writes one PNG per feature-map layer, named after it, leaking no tensors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vis-act-'));
    try {
      const before = tf.memory().numTensors;
      const written = await writeActivationGrids(model, image, { dir, scale: 4 });
      expect(tf.memory().numTensors).toBe(before);
      expect(written.map((w) => [w.layer, w.path, w.shape])).toEqual([
        ['edges', join(dir, 'edges.png'), [1, 4, 4, 2]],
        ['pool', join(dir, 'pool.png'), [1, 2, 2, 2]],
      ]);
      const pool = await decodePng(new Uint8Array(await readFile(join(dir, 'pool.png'))));
      expect([pool.width, pool.height]).toEqual([17, 8]);
      await expect(writeActivationGrids(model, image, { dir, layers: ['flat'] })).rejects.toThrow(/layer "flat" outputs shape \[null,8\], not a feature map/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
