import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { encodePng } from '@layerwise/callbacks';
import { conv2d, dense, globalAveragePooling2d, input, model as functional } from '@layerwise/layers';
import { browserUnavailable, runInBrowser } from '@layerwise/browser-harness';
import { plotHistory } from '../history/plot-history.js';
import { plotModel } from '../model-graph/plot-model.js';
import { activationGrid, channelImage } from '../activations/activation-grid.js';
import { layerActivations } from '../activations/activation-model.js';
import { filterPatterns } from '../filters/filter-patterns.js';
import { filterGrid } from '../filters/filter-grid.js';
import { gradCam } from '../gradcam/grad-cam.js';
import { heatmapOverlay } from '../gradcam/heatmap-overlay.js';
import { plotConfusionMatrix, plotPerClassAccuracy } from '../evaluation/plot-confusion.js';
import { plotPredictions } from '../evaluation/plot-predictions.js';
import { writeOutput } from '../node/write-output.js';
import { decodePng, distinctColours } from '../testing/png.js';

const unavailable = browserUnavailable();
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
let dir: string;

beforeAll(async () => {
  await useBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'vis-chromium-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every kind of picture the package makes, written to files by Node. */
async function writeEveryPicture(): Promise<string[]> {
  const history = { loss: [1, 0.6, 0.4], val_loss: [1.1, 0.8, 0.7], accuracy: [0.5, 0.7, 0.8], val_accuracy: [0.45, 0.6, 0.7] };
  const image = input({ shape: [12, 12, 3] });
  const features = conv2d({ filters: 4, kernelSize: 3, name: 'conv' }).apply(image);
  const net = functional({ inputs: image, outputs: dense({ units: 3, name: 'scores' }).apply(globalAveragePooling2d().apply(features)), name: 'tiny' });
  const photo = tf.randomUniform([1, 12, 12, 3], 0, 1, 'float32', 7);
  const [conv] = layerActivations(net, photo, { layers: ['conv'] });
  const { patterns } = await filterPatterns(net, { layer: 'conv', steps: 5 });
  const cam = await gradCam(net, photo, { classIndex: 1 });
  const matrix = [[4, 1, 0], [1, 3, 1], [0, 0, 5]];
  const files: [string, string | Uint8Array][] = [
    ['history.svg', await plotHistory(history)],
    ['history.png', await plotHistory(history, { format: 'png' })],
    ['history.html', await plotHistory(history, { format: 'html' })],
    ['model.svg', await plotModel(net)],
    ['model.png', await plotModel(net, { format: 'png' })],
    ['activations.png', await encodePng(await activationGrid(conv!.activation, { scale: 4 }))],
    ['channel.png', await encodePng(await channelImage(conv!.activation, 2, { scale: 4 }))],
    ['filters.png', await encodePng(await filterGrid(patterns, { scale: 4 }))],
    ['grad-cam.png', await encodePng(await heatmapOverlay(photo, cam.heatmap))],
    ['confusion.svg', await plotConfusionMatrix(matrix)],
    ['per-class.svg', await plotPerClassAccuracy(matrix)],
    ['predictions.svg', await plotPredictions(tf.slice(photo, 0, 1), { trueLabels: [1], predictedLabels: [2] })],
  ];
  tf.dispose([photo, conv!.activation, patterns, cam.heatmap]);
  net.dispose();
  return Promise.all(files.map(([name, content]) => writeOutput(join(dir, name), content)));
}

describe.skipIf(unavailable)('pictures in headless Chromium', () => {
  it('shows every picture the package makes, none of them blank', async () => {
    const paths = await writeEveryPicture();
    const files = Object.fromEntries(paths.map((p) => [`/pictures/${basename(p)}`, p]));
    const screenshot = join(dir, 'page.png');
    const { result } = await runInBrowser<{ name: string; width: number; height: number; colours: number }[]>({
      entry: fixture('pictures.ts'),
      args: { pictures: paths.map((p) => ({ name: basename(p), url: `/pictures/${basename(p)}` })) },
      files,
      screenshot,
    });
    expect(result.map((r) => r.name)).toEqual(paths.map((p) => basename(p)));
    for (const picture of result) {
      expect(picture.width * picture.height, picture.name).toBeGreaterThan(100);
      expect(picture.colours, picture.name).toBeGreaterThan(3);
    }
    const page = await decodePng(await (await import('node:fs/promises')).readFile(screenshot));
    expect(distinctColours(page.data, page.channels)).toBeGreaterThan(50);
  }, 120_000);

  it('redraws the live history chart after every epoch and draws pixels on a canvas', async () => {
    const screenshot = join(dir, 'live.png');
    const { result } = await runInBrowser<{ pointsPerEpoch: number[]; chart: { colours: number }; grid: { width: number; height: number; colours: number }; pixel: number[] }>({ entry: fixture('live.ts'), screenshot });
    // Four values per epoch: loss, val_loss, accuracy, val_accuracy.
    expect(result.pointsPerEpoch).toEqual([4, 8, 12, 16]);
    expect(result.chart.colours).toBeGreaterThan(3);
    expect([result.grid.width, result.grid.height]).toEqual([3 * 32 + 2, 32]);
    expect(result.grid.colours).toBeGreaterThan(3);
    expect(result.pixel[3]).toBe(255);
    const page = await decodePng(await (await import('node:fs/promises')).readFile(screenshot));
    expect(distinctColours(page.data, page.channels)).toBeGreaterThan(20);
  }, 120_000);
});
