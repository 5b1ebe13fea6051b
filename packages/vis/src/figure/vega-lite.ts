import { loadVega, loadVegaLite, type VegaView } from '../deps/libraries.js';
import type { FigureOptions } from './format.js';
import { svgFigure } from './svg-figure.js';

/** A Vega-Lite specification (a plain JSON object; see https://vega.github.io/vega-lite/). */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * Compiles a Vega-Lite specification to a Vega view, headless (`container` absent) or drawing
 * SVG into a DOM element (browsers).
 */
export async function vegaLiteView(spec: VegaLiteSpec, container?: Element): Promise<VegaView> {
  const [vega, vegaLite] = await Promise.all([loadVega(), loadVegaLite()]);
  const runtime = vega.parse(vegaLite.compile(spec).spec);
  return new vega.View(runtime, container ? { renderer: 'svg', container } : { renderer: 'none' });
}

/** Renders a Vega-Lite specification to SVG text with Vega's own SVG renderer (no canvas, no browser). */
export async function vegaLiteToSvg(spec: VegaLiteSpec): Promise<string> {
  const view = await vegaLiteView(spec);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Renders a Vega-Lite specification to the format in `options`. */
export async function renderVegaLite(owner: string, spec: VegaLiteSpec, options: FigureOptions, defaultTitle: string): Promise<string | Uint8Array> {
  return svgFigure(owner, await vegaLiteToSvg(spec), options, defaultTitle);
}
