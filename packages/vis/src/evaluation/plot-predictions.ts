import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, checkOptions, LayerwiseError } from '@layerwise/core';
import { encodePng } from '@layerwise/callbacks';
import type { FigureFormat, FigureOf, FigureOptions } from '../figure/format.js';
import { renderVegaLite } from '../figure/vega-lite.js';
import { batchToPixels } from '../image/tensor-pixels.js';
import { tileGrid } from '../image/tile-grid.js';
import { classNamesOf } from './class-names.js';
import { toLabels, type ClassLabels } from './confusion-matrix.js';

/** Options of {@link plotPredictions}. */
export interface PlotPredictionsOptions<F extends FigureFormat = FigureFormat> extends FigureOptions<F> {
  /** The true classes (labels, or score rows). */
  trueLabels: ClassLabels;
  /** The predicted classes (labels, or the model's score rows). */
  predictedLabels: ClassLabels;
  /** A name per class (default the class indices). */
  classNames?: readonly string[];
  /** Images per row (default 8). */
  columns?: number;
  /** Each image is enlarged this many times, nearest neighbour (default: to at least 64 pixels). */
  scale?: number;
}

const GAP = 8;
const LABEL_HEIGHT = 30;
/** The narrowest column, so that captions of small images do not run into the next image. */
const MIN_COLUMN = 110;

/**
 * A grid of images, each captioned with its true and predicted class, the prediction in green when
 * right and red when wrong (as the classic "plot the test images with their predictions" figure).
 * Returns SVG (images embedded as PNG), PNG or HTML. Node (the images are encoded with `node:zlib`).
 *
 * @example
 * ```ts
 * const svg = await plotPredictions(testImages.slice(0, 24), { trueLabels, predictedLabels: scores, classNames });
 * ```
 */
export async function plotPredictions<F extends FigureFormat = 'svg'>(images: Tensor, options: PlotPredictionsOptions<F>): Promise<FigureOf<F>> {
  const owner = 'plotPredictions';
  checkOptions(owner, options, ['trueLabels', 'predictedLabels', 'classNames', 'columns', 'scale', 'format', 'pngScale', 'title']);
  const pixels = await batchToPixels(owner, 'images', images);
  const truth = await toLabels(owner, 'trueLabels', options.trueLabels);
  const predicted = await toLabels(owner, 'predictedLabels', options.predictedLabels);
  if (truth.length !== pixels.length || predicted.length !== pixels.length) {
    throw new LayerwiseError(`${owner}: ${pixels.length} images need as many labels; received ${truth.length} true and ${predicted.length} predicted labels`);
  }
  const names = classNamesOf(owner, Math.max(...truth, ...predicted) + 1, options.classNames);
  const columns = checkInteger(owner, 'columns', options.columns ?? 8);
  const { width, height } = pixels[0]!;
  const scale = checkInteger(owner, 'scale', options.scale ?? Math.max(1, Math.ceil(64 / Math.max(width, height))));
  const [w, h] = [width * scale, height * scale];
  const step = Math.max(w, MIN_COLUMN) + GAP;
  const values = await Promise.all(
    pixels.map(async (image, i) => {
      const png = await encodePng(tileGrid(owner, [image], { scale, padding: 0 }));
      const [col, row] = [i % columns, Math.floor(i / columns)];
      return {
        url: `data:image/png;base64,${Buffer.from(png).toString('base64')}`,
        x: col * step,
        y: row * (h + LABEL_HEIGHT + GAP),
        caption: `true: ${names[truth[i]!]}`,
        prediction: `predicted: ${names[predicted[i]!]}`,
        correct: truth[i] === predicted[i],
      };
    }),
  );
  const rows = Math.ceil(pixels.length / columns);
  const position = { x: { field: 'x', type: 'quantitative', scale: null, axis: null }, y: { field: 'y', type: 'quantitative', scale: null, axis: null } };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    data: { values },
    width: Math.min(columns, pixels.length) * step,
    height: rows * (h + LABEL_HEIGHT + GAP),
    view: { stroke: null },
    layer: [
      { mark: { type: 'image', width: w, height: h, align: 'left', baseline: 'top' }, encoding: { ...position, url: { field: 'url', type: 'nominal' } } },
      { mark: { type: 'text', align: 'left', baseline: 'top', dy: h + 2, fontSize: 10 }, encoding: { ...position, text: { field: 'caption' } } },
      {
        mark: { type: 'text', align: 'left', baseline: 'top', dy: h + 14, fontSize: 10, fontWeight: 'bold' },
        encoding: { ...position, text: { field: 'prediction' }, color: { field: 'correct', type: 'nominal', scale: { domain: [true, false], range: ['#1a7f37', '#cf222e'] }, legend: null } },
      },
    ],
  };
  return (await renderVegaLite(owner, spec, options, 'Predictions')) as FigureOf<F>;
}
