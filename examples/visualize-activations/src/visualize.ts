import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { decodeImageFile } from '@layerwise/datasets';
import { loadModel } from '@layerwise/io';
import type { LayerOutput, Model } from '@layerwise/layers';
import { encodePng, filterGrid, filterPatterns, gradCam, heatmapOverlay, plotHistory, plotModel, writeActivationGrids, writeOutput } from '@layerwise/vis';
import { defaultImage, defaultModel } from './locations.js';

/** Options of {@link visualize}. */
export interface VisualizeOptions {
  /** The saved model (`model.json`, `.keras`, `.h5`); default darknet-tiny. */
  model?: string;
  /** The photo; default an ant from hymenoptera's validation set. */
  image?: string;
  /** Where the pictures go. */
  outDir: string;
  /** The layer whose filters are drawn (default the model's second convolution). */
  filterLayer?: string;
  /** How many of its filters (default 16). */
  filters?: number;
  /** Gradient-ascent steps per filter (default 20). */
  filterSteps?: number;
  /** A training history (JSON: `{ "loss": [...], ... }`); default `history.json` beside the model, if present. */
  history?: string;
  /** Where the summary and the progress lines go (default `console.log`). */
  print?: (line: string) => void;
}

/** What {@link visualize} wrote and found. */
export interface VisualizeResult {
  readonly files: string[];
  readonly predicted: { readonly index: number; readonly name: string; readonly score: number };
}

/** The class names saved beside a model (darknet-tiny's `imagenet_classes_darknet_order.json`), if any. */
async function classNames(modelPath: string): Promise<string[] | undefined> {
  const file = join(dirname(modelPath), 'imagenet_classes_darknet_order.json');
  return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as string[]) : undefined;
}

/**
 * Loads a saved convnet and a photo, prints the summary, and writes: the model's graph, every
 * feature-map layer's activation grid, a filter grid, a Grad-CAM overlay for the top class, and the
 * training history when one is found. Returns the files written, in order.
 */
export async function visualize(options: VisualizeOptions): Promise<VisualizeResult> {
  const { outDir, print = console.log } = options;
  const modelPath = options.model ?? defaultModel();
  await useBackend('auto');
  const model = (await loadModel(modelPath, { compile: false })) as Model<LayerOutput>;
  const files: string[] = [];
  const tensors: tf.Tensor[] = [];
  try {
    model.summary({ printFn: print });
    const [height, width] = model.inputs[0]!.shape.slice(1, 3) as [number, number];
    const photo = await decodeImageFile(options.image ?? defaultImage(), { imageSize: [height, width], colorMode: 'rgb', interpolation: 'bilinear', cropToAspectRatio: false, padToAspectRatio: false });
    const x = tf.tidy(() => tf.expandDims(tf.div(photo, 255), 0));
    tensors.push(photo, x);

    files.push(await writeOutput(join(outDir, 'model.svg'), await plotModel(model)));
    for (const grid of await writeActivationGrids(model, x, { dir: join(outDir, 'activations'), scale: 1 })) files.push(grid.path);

    const convs = model.layers.filter((l) => l.className === 'Conv2D').map((l) => l.name);
    const filterLayer = options.filterLayer ?? convs[1] ?? convs[0]!;
    const count = Math.min(options.filters ?? 16, model.getLayer(filterLayer).weights[0]!.variable.shape.at(-1)!);
    const found = await filterPatterns(model, { layer: filterLayer, filters: Array.from({ length: count }, (_, i) => i), steps: options.filterSteps ?? 20 });
    tensors.push(found.patterns);
    files.push(await writeOutput(join(outDir, 'filters', `${filterLayer}.png`), await encodePng(await filterGrid(found.patterns))));

    const cam = await gradCam(model, x);
    tensors.push(cam.heatmap);
    const names = await classNames(modelPath);
    const predicted = { index: cam.classIndex, name: names?.[cam.classIndex] ?? String(cam.classIndex), score: cam.score };
    print(`Top class: ${predicted.name} (${predicted.index}), score ${predicted.score.toFixed(2)}; Grad-CAM on layer ${cam.layer}`);
    files.push(await writeOutput(join(outDir, 'grad-cam.png'), await encodePng(await heatmapOverlay(photo, cam.heatmap))));

    const historyFile = options.history ?? join(dirname(modelPath), 'history.json');
    if (existsSync(historyFile)) {
      const history = JSON.parse(await readFile(historyFile, 'utf8')) as Record<string, number[]>;
      files.push(await writeOutput(join(outDir, 'history.png'), await plotHistory(history, { format: 'png' })));
    } else {
      print(`No training history beside the model (${historyFile}); skipped the history plot`);
    }
    return { files, predicted };
  } finally {
    tf.dispose(tensors);
    model.dispose();
  }
}
