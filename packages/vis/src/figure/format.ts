import { checkOneOf } from '@layerwise/core';

/** What a chart or graph is rendered to: SVG text, PNG bytes, or a self-contained HTML page (text). */
export type FigureFormat = 'svg' | 'png' | 'html';

/** The value a {@link FigureFormat} renders to: bytes for PNG, text otherwise. */
export type FigureOf<F extends FigureFormat> = F extends 'png' ? Uint8Array : string;

/** Options every chart and graph takes. */
export interface FigureOptions<F extends FigureFormat = FigureFormat> {
  /** What to return: `'svg'` (default), `'png'` (Node, needs `sharp`) or `'html'`. */
  format?: F;
  /** Pixel density of PNG output relative to the SVG (default 2, for sharp text). */
  pngScale?: number;
  /** The page title of HTML output. */
  title?: string;
}

export const FIGURE_FORMATS: readonly FigureFormat[] = ['svg', 'png', 'html'];

/** The format asked for, checked (default `'svg'`). */
export function figureFormat(owner: string, format: unknown): FigureFormat {
  return format === undefined ? 'svg' : checkOneOf(owner, 'format', format, FIGURE_FORMATS);
}
