import { checkNumber } from '@layerwise/core';
import { loadSharp } from '../deps/libraries.js';
import { figureFormat, type FigureFormat, type FigureOptions } from './format.js';
import { htmlPage } from './html-page.js';

/** Rasterises an SVG to PNG bytes with sharp (Node; `scale` 2 doubles the pixel density). */
export async function svgToPng(svg: string, scale = 2): Promise<Uint8Array> {
  checkNumber('svgToPng', 'scale', scale, { min: 0, minExclusive: true, max: 16 });
  const sharp = await loadSharp();
  return new Uint8Array(await sharp(new TextEncoder().encode(svg), { density: 72 * scale }).png().toBuffer());
}

/** Turns an SVG picture into the format asked for in `options` (SVG, PNG or an HTML page). */
export async function svgFigure(owner: string, svg: string, options: FigureOptions, defaultTitle: string): Promise<string | Uint8Array> {
  const format: FigureFormat = figureFormat(owner, options.format);
  if (format === 'svg') return svg;
  if (format === 'html') return htmlPage(svg, options.title ?? defaultTitle);
  return svgToPng(svg, options.pngScale ?? 2);
}
