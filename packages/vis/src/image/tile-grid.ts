import { checkInteger, invalidArgument, LayerwiseError } from '@layerwise/core';
import type { PixelImage } from '@layerwise/callbacks';

/** Options of {@link tileGrid}. */
export interface TileGridOptions {
  /** Tiles per row (default 16, fewer when there are fewer tiles). */
  columns?: number;
  /** Pixels between tiles (default 1). */
  padding?: number;
  /** Each tile is enlarged this many times, nearest neighbour (default 1). */
  scale?: number;
  /** RGB of the padding (default white). */
  background?: readonly [number, number, number];
}

/**
 * Lays equally sized RGB tiles out in a grid, row by row: tile `i` sits at column `i % columns`,
 * row `floor(i / columns)`, its top-left pixel at `(col * (width * scale + padding), row * (height * scale + padding))`.
 */
export function tileGrid(owner: string, tiles: readonly PixelImage[], options: TileGridOptions = {}): PixelImage {
  if (tiles.length === 0) throw new LayerwiseError(`${owner}: there are no tiles to lay out`);
  const { width, height } = tiles[0]!;
  tiles.forEach((t, i) => {
    if (t.width !== width || t.height !== height || t.channels !== 3) {
      throw invalidArgument({ owner, argument: `tiles[${i}]`, expected: `an RGB tile of ${height}x${width}`, received: `${t.height}x${t.width}x${t.channels}` });
    }
  });
  const columns = Math.min(checkInteger(owner, 'columns', options.columns ?? 16), tiles.length);
  const padding = checkInteger(owner, 'padding', options.padding ?? 1, 0);
  const scale = checkInteger(owner, 'scale', options.scale ?? 1);
  const [br, bg, bb] = options.background ?? [255, 255, 255];
  const rows = Math.ceil(tiles.length / columns);
  const tileW = width * scale;
  const tileH = height * scale;
  const out: PixelImage = { width: columns * tileW + (columns - 1) * padding, height: rows * tileH + (rows - 1) * padding, channels: 3, data: new Uint8Array(0) };
  const data = new Uint8Array(out.width * out.height * 3);
  for (let i = 0; i < data.length; i += 3) data.set([br, bg, bb], i);
  tiles.forEach((tile, i) => {
    const x0 = (i % columns) * (tileW + padding);
    const y0 = Math.floor(i / columns) * (tileH + padding);
    for (let y = 0; y < tileH; y++) {
      for (let x = 0; x < tileW; x++) {
        const from = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 3;
        data.set(tile.data.subarray(from, from + 3), ((y0 + y) * out.width + x0 + x) * 3);
      }
    }
  });
  return { ...out, data };
}
