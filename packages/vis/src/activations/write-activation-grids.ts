import * as tf from '@tensorflow/tfjs-core';
import { checkOptions, invalidArgument, type BatchTensors } from '@layerwise/core';
import { encodePng } from '@layerwise/callbacks';
import { featureMapTensors, type GraphModel } from './graph-tensors.js';
import { activationModelOf } from './activation-model.js';
import { activationGrid, GRID_KEYS, type ActivationGridOptions } from './activation-grid.js';
import { fileNameOf, writeOutput } from '../node/write-output.js';

/** Options of {@link writeActivationGrids}. */
export interface WriteActivationGridsOptions extends ActivationGridOptions {
  /** The folder the PNG files are written to (created if needed). */
  dir: string;
  /** The layers drawn (default every layer whose output is a feature map: convolutions, pooling, their activations...). */
  layers?: readonly string[];
}

/** A file written by {@link writeActivationGrids}. */
export interface WrittenGrid {
  readonly layer: string;
  readonly path: string;
  /** The activation's shape (batch first). */
  readonly shape: readonly number[];
}

/**
 * Runs the model on one input and writes, for every layer producing feature maps, the grid of all
 * its channels ({@link activationGrid}) as `<dir>/<layer name>.png`. Node. Returns the files in graph order.
 *
 * @example
 * ```ts
 * const files = await writeActivationGrids(model, image, { dir: 'activations', scale: 2 });
 * // activations/conv2d.png, activations/max_pooling2d.png, ...
 * ```
 */
export async function writeActivationGrids(model: GraphModel, x: BatchTensors, options: WriteActivationGridsOptions): Promise<WrittenGrid[]> {
  checkOptions('writeActivationGrids', options, ['dir', 'layers', ...GRID_KEYS]);
  const { dir, layers, ...grid } = options;
  if (typeof dir !== 'string' || dir === '') throw invalidArgument({ owner: 'writeActivationGrids', argument: 'dir', expected: 'a folder path', received: dir });
  const tensors = featureMapTensors('writeActivationGrids', model, layers);
  const values = activationModelOf(model, tensors).predictOnBatch(x);
  try {
    const written: WrittenGrid[] = [];
    for (const [i, t] of tensors.entries()) {
      const png = await encodePng(await activationGrid(values[i]!, grid));
      const path = await writeOutput(`${dir}/${fileNameOf(t.name)}.png`, png);
      written.push({ layer: t.name, path, shape: values[i]!.shape });
    }
    return written;
  } finally {
    tf.dispose(values);
  }
}
