import { rgb } from 'd3-color';
import { interpolateCividis, interpolateGreys, interpolateInferno, interpolateMagma, interpolatePlasma, interpolateTurbo, interpolateViridis } from 'd3-scale-chromatic';
import { checkOneOf } from '@layerwise/core';

/** Colour maps for single-channel pictures (d3-scale-chromatic's, as matplotlib's); `'gray'` is black to white. */
export type ColormapName = 'viridis' | 'magma' | 'inferno' | 'plasma' | 'cividis' | 'turbo' | 'gray';

const interpolators: Record<ColormapName, (t: number) => string> = {
  viridis: interpolateViridis,
  magma: interpolateMagma,
  inferno: interpolateInferno,
  plasma: interpolatePlasma,
  cividis: interpolateCividis,
  turbo: interpolateTurbo,
  gray: (t) => interpolateGreys(1 - t),
};

export const COLORMAPS = Object.keys(interpolators) as ColormapName[];

const tables = new Map<ColormapName, Uint8Array>();

/**
 * A colour map as a 256-entry RGB table (768 bytes): entry `i` is the map's colour at `i / 255`,
 * from d3-scale-chromatic's interpolators. A value `t` in [0, 1] is drawn as entry `round(t * 255)`.
 */
export function colormapTable(owner: string, name: unknown = 'viridis'): Uint8Array {
  const checked = checkOneOf(owner, 'colormap', name, COLORMAPS);
  let table = tables.get(checked);
  if (!table) {
    table = new Uint8Array(256 * 3);
    for (let i = 0; i < 256; i++) {
      const { r, g, b } = rgb(interpolators[checked](i / 255));
      table.set([Math.round(r), Math.round(g), Math.round(b)], i * 3);
    }
    tables.set(checked, table);
  }
  return table;
}

/** Colours values in [0, 1] (clamped; NaN as 0) with a colour table; returns RGB bytes. */
export function applyColormap(values: ArrayLike<number>, table: Uint8Array): Uint8Array {
  const out = new Uint8Array(values.length * 3);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const index = Math.round((v > 0 ? (v < 1 ? v : 1) : 0) * 255) * 3;
    out[i * 3] = table[index]!;
    out[i * 3 + 1] = table[index + 1]!;
    out[i * 3 + 2] = table[index + 2]!;
  }
  return out;
}
