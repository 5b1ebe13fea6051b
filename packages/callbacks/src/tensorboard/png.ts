import { checkInteger, concatBytes, invalidArgument } from '@layerwise/core';
import { crc32 } from './crc.js';

/** An 8-bit image in row-major order, channels interleaved (1 grey, 2 grey + alpha, 3 RGB, 4 RGBA). */
export interface PixelImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  /** `height * width * channels` bytes. */
  readonly data: Uint8Array;
}

const COLOR_TYPE = { 1: 0, 2: 4, 3: 2, 4: 6 } as const;
const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Checks an image's dimensions against its data; names the owner and the bad field. */
export function checkPixelImage(owner: string, image: PixelImage): void {
  const { width, height, channels, data } = image;
  checkInteger(owner, 'image.width', width);
  checkInteger(owner, 'image.height', height);
  if (![1, 2, 3, 4].includes(channels)) throw invalidArgument({ owner, argument: 'image.channels', expected: '1, 2, 3 or 4', received: channels });
  if (!(data instanceof Uint8Array) || data.length !== width * height * channels) {
    throw invalidArgument({ owner, argument: 'image.data', expected: `${width * height * channels} bytes (height x width x channels)`, received: data?.length });
  }
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** Encodes an 8-bit image as a PNG file (no filtering, zlib compression). Node only (uses `node:zlib`). */
export async function encodePng(image: PixelImage): Promise<Uint8Array> {
  checkPixelImage('encodePng', image);
  const { width, height, channels, data } = image;
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, COLOR_TYPE[channels], 0, 0, 0], 8);
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const { deflateSync } = await import('node:zlib');
  return concatBytes([SIGNATURE, chunk('IHDR', header), chunk('IDAT', new Uint8Array(deflateSync(raw))), chunk('IEND', new Uint8Array())]);
}
