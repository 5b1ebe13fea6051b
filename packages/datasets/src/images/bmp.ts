import { LayerwiseError } from '@layerwise/core';
import type { RawImage } from './raw-image.js';

/** Whether `bytes` start like a BMP file (`BM`). */
export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

/** The shift and width of a channel's bits in a BI_BITFIELDS mask. */
function maskShift(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { shift, max: mask >>> shift };
}

/**
 * Decodes an uncompressed BMP (the format sharp's prebuilt binaries cannot read): 1, 4 and 8-bit
 * palettes, 24-bit, and 16/32-bit with or without bit fields, bottom-up or top-down, into RGBA
 * pixels. RLE-compressed files raise a `LayerwiseError` naming `source`.
 */
export function decodeBmp(bytes: Uint8Array, source: string): RawImage<Uint8Array> {
  const fail = (why: string) => new LayerwiseError(`cannot decode '${source}': ${why}`);
  if (!isBmp(bytes) || bytes.length < 54) throw fail('not a BMP file, or truncated before its header ends');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const bits = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0) throw fail(`bad size ${width}x${rawHeight}`);
  if (compression !== 0 && compression !== 3) throw fail(`compressed BMP (compression ${compression}) is not supported`);
  const stride = Math.ceil((width * bits) / 32) * 4;
  if (dataOffset + stride * height > bytes.length) throw fail(`truncated: ${stride * height} bytes of pixels needed at ${dataOffset}, the file has ${bytes.length}`);
  const paletteAt = 14 + headerSize;
  const colours = view.getUint32(46, true) || (bits <= 8 ? 1 << bits : 0);
  const masks =
    compression === 3
      ? [view.getUint32(54, true), view.getUint32(58, true), view.getUint32(62, true), headerSize >= 56 ? view.getUint32(66, true) : 0]
      : bits === 16
        ? [0x7c00, 0x03e0, 0x001f, 0]
        : [0xff0000, 0xff00, 0xff, 0];
  const fields = masks.map(maskShift);
  const data = new Uint8Array(width * height * 4);
  for (let row = 0; row < height; row++) {
    const y = rawHeight > 0 ? height - 1 - row : row;
    const line = dataOffset + row * stride;
    for (let x = 0; x < width; x++) {
      const out = (y * width + x) * 4;
      if (bits <= 8) {
        const bitOffset = x * bits;
        const index = (bytes[line + (bitOffset >> 3)]! >> (8 - bits - (bitOffset & 7))) & ((1 << bits) - 1);
        if (index >= colours) throw fail(`palette index ${index} out of ${colours} colours`);
        const p = paletteAt + index * 4;
        data.set([bytes[p + 2]!, bytes[p + 1]!, bytes[p]!, 255], out);
      } else if (bits === 24) {
        const p = line + x * 3;
        data.set([bytes[p + 2]!, bytes[p + 1]!, bytes[p]!, 255], out);
      } else if (bits === 16 || bits === 32) {
        const value = bits === 16 ? view.getUint16(line + x * 2, true) : view.getUint32(line + x * 4, true);
        for (let c = 0; c < 4; c++) {
          const { shift, max } = fields[c]!;
          data[out + c] = max === 0 ? 255 : Math.round((((value & masks[c]!) >>> shift) * 255) / max);
        }
      } else {
        throw fail(`${bits} bits per pixel is not supported`);
      }
    }
  }
  return { data, width, height, channels: 4 };
}
