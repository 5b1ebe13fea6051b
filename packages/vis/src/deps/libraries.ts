import { lazyModule } from './load-module.js';

/** The parts of `vega` used here. */
export interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options?: { renderer?: 'none' | 'svg' | 'canvas'; container?: Element }) => VegaView;
}

/** The parts of a Vega `View` used here. */
export interface VegaView {
  toSVG(scale?: number): Promise<string>;
  data(name: string, values: readonly object[]): VegaView;
  runAsync(): Promise<VegaView>;
  finalize(): VegaView;
}

/** The parts of `vega-lite` used here. */
export interface VegaLiteModule {
  compile(spec: object): { spec: object };
}

/** The parts of `@hpcc-js/wasm-graphviz` used here. */
export interface GraphvizModule {
  Graphviz: { load(): Promise<{ dot(source: string, format?: 'svg'): string }> };
}

/** The parts of `sharp` used here. */
export type SharpFactory = (input: Uint8Array, options?: { density?: number }) => {
  png(): { toBuffer(): Promise<Uint8Array> };
};

export const loadVega = lazyModule<VegaModule>(() => import('vega'), 'vega', 'rendering charts');
export const loadVegaLite = lazyModule<VegaLiteModule>(() => import('vega-lite'), 'vega-lite', 'rendering charts');
export const loadGraphviz = lazyModule<GraphvizModule>(() => import('@hpcc-js/wasm-graphviz'), '@hpcc-js/wasm-graphviz', 'laying out model graphs');
const sharpSpecifier = 'sharp';
const loadSharpModule = lazyModule<{ default: SharpFactory }>(
  () => import(/* @vite-ignore */ sharpSpecifier),
  sharpSpecifier,
  'writing charts and graphs as PNG in Node',
);

/** sharp's factory (an optional peer dependency: only SVG-to-PNG conversion needs it). */
export async function loadSharp(): Promise<SharpFactory> {
  return (await loadSharpModule()).default;
}
