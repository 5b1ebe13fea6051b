import { checkInteger, LayerwiseError } from '@layerwise/core';

/** Decoded pixels: `height` rows of `width` pixels of `channels` values, row after row. */
export interface RawImage<D extends Uint8Array | Float32Array = Uint8Array | Float32Array> {
  readonly data: D;
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

/** A rectangle of an image: its top-left corner and size. */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly height: number;
  readonly width: number;
}

/** Keras' `crop_to_aspect_ratio` box: the largest centred rectangle of `size` with the aspect ratio of `height` x `width`. */
export function cropBox(size: { width: number; height: number }, height: number, width: number): Box {
  const cropHeight = Math.max(Math.min(size.height, Math.floor((size.width * height) / width)), 1);
  const cropWidth = Math.max(Math.min(size.width, Math.floor((size.height * width) / height)), 1);
  return { top: Math.floor((size.height - cropHeight) / 2), left: Math.floor((size.width - cropWidth) / 2), height: cropHeight, width: cropWidth };
}

/** Keras' `pad_to_aspect_ratio`: the padded canvas' size, and where the image sits in it. */
export function padBox(size: { width: number; height: number }, height: number, width: number): Box {
  const padHeight = Math.max(size.height, Math.floor((size.width * height) / width));
  const padWidth = Math.max(size.width, Math.floor((size.height * width) / height));
  return { top: Math.floor((padHeight - size.height) / 2), left: Math.floor((padWidth - size.width) / 2), height: padHeight, width: padWidth };
}

function copyBox<D extends Uint8Array | Float32Array>(image: RawImage<D>, box: Box, into: RawImage<D>, at: { top: number; left: number }): void {
  const c = image.channels;
  for (let y = 0; y < box.height; y++) {
    const from = ((box.top + y) * image.width + box.left) * c;
    into.data.set(image.data.subarray(from, from + box.width * c), ((at.top + y) * into.width + at.left) * c);
  }
}

/** The centred crop of `image` with the aspect ratio of `height` x `width`, as Keras' `crop_to_aspect_ratio`. */
export function cropToAspectRatio<D extends Uint8Array | Float32Array>(image: RawImage<D>, height: number, width: number): RawImage<D> {
  const box = cropBox(image, height, width);
  const out = { data: new (image.data.constructor as new (n: number) => D)(box.height * box.width * image.channels), height: box.height, width: box.width, channels: image.channels };
  copyBox(image, box, out, { top: 0, left: 0 });
  return out;
}

/** `image` centred on a black canvas with the aspect ratio of `height` x `width`, as Keras' `pad_to_aspect_ratio`. */
export function padToAspectRatio<D extends Uint8Array | Float32Array>(image: RawImage<D>, height: number, width: number): RawImage<D> {
  const pad = padBox(image, height, width);
  const out = { data: new (image.data.constructor as new (n: number) => D)(pad.height * pad.width * image.channels), height: pad.height, width: pad.width, channels: image.channels };
  copyBox(image, { top: 0, left: 0, height: image.height, width: image.width }, out, { top: pad.top, left: pad.left });
  return out;
}

/** For each output index, the input indices it covers and their weights (fractions of one output cell). */
function areaWeights(inSize: number, outSize: number): { index: number; weight: number }[][] {
  const scale = inSize / outSize;
  return Array.from({ length: outSize }, (_, o) => {
    const start = o * scale;
    const end = (o + 1) * scale;
    const cells: { index: number; weight: number }[] = [];
    for (let i = Math.floor(start); i < Math.min(Math.ceil(end), inSize); i++) {
      const overlap = Math.min(end, i + 1) - Math.max(start, i);
      if (overlap > 0) cells.push({ index: i, weight: overlap / scale });
    }
    return cells;
  });
}

/**
 * Resizes by area averaging (`'area'` interpolation): each output pixel is the mean of the input
 * pixels it covers, weighted by how much of each it covers. The right filter for shrinking; pure
 * JavaScript, so it runs the same in Node and browsers.
 *
 * @example
 * ```ts
 * const small = resizeArea({ data, width: 640, height: 480, channels: 3 }, { height: 150, width: 150 });
 * small.data; // Float32Array of 150*150*3 values
 * ```
 */
export function resizeArea(image: RawImage, size: { height: number; width: number }): RawImage<Float32Array> {
  const height = checkInteger('resizeArea', 'height', size.height);
  const width = checkInteger('resizeArea', 'width', size.width);
  const c = image.channels;
  if (image.data.length !== image.width * image.height * c) {
    throw new LayerwiseError(
      `resizeArea: an image of ${image.height}x${image.width}x${c} needs ${image.width * image.height * c} values, got ${image.data.length}`,
    );
  }
  // Separable: columns first into a [image.height, width] buffer, then rows.
  const cols = areaWeights(image.width, width);
  const rows = areaWeights(image.height, height);
  const across = new Float32Array(image.height * width * c);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * c;
      for (const { index, weight } of cols[x]!) {
        const from = (y * image.width + index) * c;
        for (let k = 0; k < c; k++) across[out + k]! += image.data[from + k]! * weight;
      }
    }
  }
  const data = new Float32Array(height * width * c);
  for (let y = 0; y < height; y++) {
    for (const { index, weight } of rows[y]!) {
      const from = index * width * c;
      const out = y * width * c;
      for (let i = 0; i < width * c; i++) data[out + i]! += across[from + i]! * weight;
    }
  }
  return { data, width, height, channels: c };
}
