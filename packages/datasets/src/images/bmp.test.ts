import { describe, expect, it } from 'vitest';
import { decodeBmp } from './bmp.js';

/** A BMP with a 40-byte info header; `pixels` are the rows as stored (padded), `palette` BGRA entries. */
function bmp(o: { width: number; height: number; bits: number; compression?: number; palette?: number[][]; masks?: number[]; pixels: number[] }): Uint8Array {
  const extra = o.masks ? o.masks.length * 4 : 0;
  const paletteBytes = (o.palette?.length ?? 0) * 4;
  const offset = 54 + extra + paletteBytes;
  const out = new Uint8Array(offset + o.pixels.length);
  const view = new DataView(out.buffer);
  out.set([0x42, 0x4d]);
  view.setUint32(2, out.length, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, o.width, true);
  view.setInt32(22, o.height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, o.bits, true);
  view.setUint32(30, o.compression ?? 0, true);
  view.setUint32(46, o.palette?.length ?? 0, true);
  o.masks?.forEach((m, i) => view.setUint32(54 + i * 4, m, true));
  o.palette?.forEach((entry, i) => out.set(entry, 54 + extra + i * 4));
  out.set(o.pixels, offset);
  return out;
}

describe('decodeBmp', () => {
  it('reads an 8-bit palette, bottom-up', () => {
    const image = decodeBmp(bmp({ width: 2, height: 2, bits: 8, palette: [[0, 0, 255, 0], [255, 0, 0, 0]], pixels: [0, 1, 0, 0, 0, 0, 0, 0] }), 'p.bmp');
    // The last stored row is the top one.
    // Stored rows: [red, blue] (bottom), then [red, red] (top); palette 0 is red (BGRA 0,0,255), 1 blue.
    expect(Array.from(image.data)).toEqual([255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255]);
    expect(image).toMatchObject({ width: 2, height: 2, channels: 4 });
  });

  it('reads a 1-bit palette and 32-bit bit fields, top-down', () => {
    const mono = decodeBmp(bmp({ width: 3, height: 1, bits: 1, palette: [[0, 0, 0, 0], [255, 255, 255, 0]], pixels: [0b10100000, 0, 0, 0] }), 'm.bmp');
    expect(Array.from(mono.data)).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 255, 255, 255, 255]);
    const fields = decodeBmp(bmp({ width: 1, height: -1, bits: 32, compression: 3, masks: [0xff, 0xff00, 0xff0000], pixels: [10, 20, 30, 0] }), 'f.bmp');
    expect(Array.from(fields.data)).toEqual([10, 20, 30, 255]);
  });

  it('names the file when it cannot read it', () => {
    expect(() => decodeBmp(bmp({ width: 1, height: 1, bits: 8, compression: 1, pixels: [0, 0, 0, 0] }), 'rle.bmp')).toThrow(
      "cannot decode 'rle.bmp': compressed BMP (compression 1) is not supported",
    );
    expect(() => decodeBmp(bmp({ width: 4, height: 4, bits: 24, pixels: [1, 2, 3] }), 'cut.bmp')).toThrow(/cannot decode 'cut\.bmp': truncated/);
  });
});
