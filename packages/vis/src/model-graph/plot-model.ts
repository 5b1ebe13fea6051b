import { checkBoolean, checkOneOf, checkOptions, invalidArgument } from '@layerwise/core';
import { Model, type LayerOutput } from '@layerwise/layers';
import { loadGraphviz } from '../deps/libraries.js';
import type { FigureFormat, FigureOf, FigureOptions } from '../figure/format.js';
import { svgFigure } from '../figure/svg-figure.js';
import { MODEL_DOT_KEYS, modelToDot, type ModelDotOptions } from './model-dot.js';

/** Options of {@link plotModel}. */
export type PlotModelOptions<F extends FigureFormat = FigureFormat> = ModelDotOptions & FigureOptions<F>;

/** Lays a DOT graph out with Graphviz (`dot`, its WebAssembly build) and returns the SVG. */
export async function dotToSvg(dot: string): Promise<string> {
  const { Graphviz } = await loadGraphviz();
  const graphviz = await Graphviz.load();
  return graphviz.dot(dot, 'svg');
}

/**
 * Draws a model's graph as Keras' `plot_model` does: a box per layer with its name, class, output
 * shape and parameter count, arrows along the functional graph, nested models as one box or
 * expanded (`expandNested`). Laid out by Graphviz's WebAssembly build; returns SVG (default),
 * PNG bytes (`format: 'png'`, Node with `sharp`) or an HTML page.
 *
 * @example
 * ```ts
 * await writeFile('model.svg', await plotModel(model));
 * await writeFile('model.png', await plotModel(model, { format: 'png', expandNested: true }));
 * ```
 */
export async function plotModel<F extends FigureFormat = 'svg'>(model: Model<LayerOutput>, options: PlotModelOptions<F> = {}): Promise<FigureOf<F>> {
  checkOptions('plotModel', options, [...MODEL_DOT_KEYS, 'format', 'pngScale', 'title']);
  if (!(model instanceof Model)) throw invalidArgument({ owner: 'plotModel', argument: 'model', expected: 'a model (Sequential, Functional or a Model subclass)', received: model });
  for (const key of ['showShapes', 'showLayerTypes', 'showParams', 'expandNested'] as const) {
    if (options[key] !== undefined) checkBoolean('plotModel', key, options[key]);
  }
  if (options.rankdir !== undefined) checkOneOf('plotModel', 'rankdir', options.rankdir, ['TB', 'LR']);
  const { format, pngScale, title, ...dotOptions } = options;
  const svg = await dotToSvg(modelToDot(model, dotOptions));
  return (await svgFigure('plotModel', svg, { format, pngScale, title }, `Model "${model.name}"`)) as FigureOf<F>;
}
