import { describe, expect, it } from 'vitest';
import { cropToAspectRatio, padToAspectRatio, resizeArea } from './raw-image.js';

const image = (width: number, height: number, channels: number, value: (x: number, y: number, c: number) => number) => {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = value(x, y, c);
  return { data, width, height, channels };
};

describe('resizeArea', () => {
  it('averages whole blocks when shrinking by an integer factor', () => {
    const src = image(4, 2, 2, (x, y, c) => x + 4 * y + 100 * c);
    const out = resizeArea(src, { height: 1, width: 2 });
    // Block (0..1, 0..1): values 0,1,4,5 -> 2.5; block (2..3): 2,3,6,7 -> 4.5; channel 1 adds 100.
    expect(Array.from(out.data)).toEqual([2.5, 102.5, 4.5, 104.5]);
  });

  it('weights partly covered pixels by their coverage (3 -> 2)', () => {
    const out = resizeArea(image(3, 1, 1, (x) => [0, 30, 90][x]!), { height: 1, width: 2 });
    // Output 0 covers [0, 1.5): 0 + 30/2 over 1.5 = 10; output 1 covers [1.5, 3): 30/2 + 90 over 1.5 = 70.
    expect(Array.from(out.data).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([10, 70]);
  });

  it('repeats pixels when enlarging, and keeps a constant image constant', () => {
    expect(Array.from(resizeArea(image(2, 1, 1, (x) => x * 10), { height: 2, width: 4 }).data)).toEqual([0, 0, 10, 10, 0, 0, 10, 10]);
    expect(resizeArea(image(7, 5, 3, () => 42), { height: 3, width: 2 }).data.every((v) => Math.abs(v - 42) < 1e-4)).toBe(true);
  });

  it('rejects a bad size or inconsistent pixels', () => {
    expect(() => resizeArea(image(2, 2, 1, () => 0), { height: 0, width: 2 })).toThrow(/resizeArea: .*`height`.*Received: height=0/);
    expect(() => resizeArea({ data: new Uint8Array(3), width: 2, height: 2, channels: 1 }, { height: 1, width: 1 })).toThrow(
      'resizeArea: an image of 2x2x1 needs 4 values, got 3',
    );
  });
});

describe('crop and pad to an aspect ratio, as Keras', () => {
  it('crops the centre', () => {
    const src = image(6, 2, 1, (x) => x);
    const out = cropToAspectRatio(src, 1, 1);
    expect([out.height, out.width]).toEqual([2, 2]);
    expect(Array.from(out.data)).toEqual([2, 3, 2, 3]);
  });

  it('pads with black around the centred image', () => {
    // Keras puts the image at int((padded - size) / 2): row 0 of 2 here, column 1 of 3 below.
    const wide = padToAspectRatio(image(2, 1, 1, () => 9), 1, 1);
    expect([wide.height, wide.width]).toEqual([2, 2]);
    expect(Array.from(wide.data)).toEqual([9, 9, 0, 0]);
    const tall = padToAspectRatio(image(1, 3, 1, () => 9), 1, 1);
    expect(Array.from(tall.data)).toEqual([0, 9, 0, 0, 9, 0, 0, 9, 0]);
  });
});
