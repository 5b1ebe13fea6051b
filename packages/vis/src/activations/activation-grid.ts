import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, checkOptions, invalidArgument } from '@layerwise/core';
import type { PixelImage } from '@layerwise/callbacks';
import { applyColormap, colormapTable, type ColormapName } from '../image/colormap.js';
import { channelValues, readFeatureMap, type FeatureMap } from '../image/feature-map.js';
import { normalizationOf, normalizeChannel, type ChannelNormalization } from '../image/normalize.js';
import { tileGrid, type TileGridOptions } from '../image/tile-grid.js';

/** How a channel is drawn: its normalisation and colour map. */
export interface ChannelImageOptions {
  /** Colour map (default `'viridis'`, as matplotlib's default). */
  colormap?: ColormapName;
  /** How each channel is scaled to [0, 1] (default `'minmax'`). */
  normalize?: ChannelNormalization;
  /** Each value is drawn as `scale x scale` pixels (default 1). */
  scale?: number;
  /** Which sample of a batch (default 0). */
  sample?: number;
}

/** Options of {@link activationGrid}. */
export type ActivationGridOptions = Omit<ChannelImageOptions, 'scale'> & TileGridOptions;

const CHANNEL_KEYS = ['colormap', 'normalize', 'scale', 'sample'] as const;
export const GRID_KEYS = ['colormap', 'normalize', 'sample', 'columns', 'padding', 'scale', 'background'] as const;

function channelTile(owner: string, map: FeatureMap, channel: number, options: ChannelImageOptions): PixelImage {
  const values = normalizeChannel(channelValues(map, channel), normalizationOf(owner, options.normalize));
  return { width: map.width, height: map.height, channels: 3, data: applyColormap(values, colormapTable(owner, options.colormap)) };
}

/**
 * One channel of a feature map as a picture: normalised for display, coloured with a colour map
 * (as `plt.matshow(activation[0, :, :, channel], cmap='viridis')`). Returns RGB pixels; `encodePng`
 * makes a PNG, {@link drawToCanvas} shows them in a browser.
 */
export async function channelImage(activation: Tensor, channel: number, options: ChannelImageOptions = {}): Promise<PixelImage> {
  checkOptions('channelImage', options, CHANNEL_KEYS);
  const map = await readFeatureMap('channelImage', activation, options.sample);
  checkInteger('channelImage', 'channel', channel, 0);
  if (channel >= map.channels) throw invalidArgument({ owner: 'channelImage', argument: 'channel', expected: `a channel below ${map.channels}`, received: channel });
  const tile = channelTile('channelImage', map, channel, options);
  return tileGrid('channelImage', [tile], { scale: options.scale ?? 1, padding: 0 });
}

/**
 * Every channel of a feature map side by side, as Deep Learning with Python displays a layer's
 * activation: a grid of `columns` (default 16) tiles per row, channel `i` at row
 * `floor(i / columns)`, column `i % columns`, each channel normalised on its own and coloured with
 * the colour map, tiles separated by `padding` white pixels.
 *
 * @example
 * ```ts
 * const [conv] = layerActivations(model, image, { layers: ['conv2d'] });
 * await writeFile('conv2d.png', await encodePng(await activationGrid(conv.activation, { scale: 2 })));
 * ```
 */
export async function activationGrid(activation: Tensor, options: ActivationGridOptions = {}): Promise<PixelImage> {
  checkOptions('activationGrid', options, GRID_KEYS);
  const { colormap, normalize, sample, ...grid } = options;
  const map = await readFeatureMap('activationGrid', activation, sample);
  const tiles = Array.from({ length: map.channels }, (_, c) => channelTile('activationGrid', map, c, { colormap, normalize }));
  return tileGrid('activationGrid', tiles, grid);
}
