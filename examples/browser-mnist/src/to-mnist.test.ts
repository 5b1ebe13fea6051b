import { describe, expect, it } from 'vitest';
import { toMnistDigit, type GreyImage } from './to-mnist.js';

function blank(width: number, height: number): GreyImage {
  return { width, height, pixels: new Float32Array(width * height) };
}

function fillRect(image: GreyImage, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) image.pixels[y * image.width + x] = 1;
}

function centreOfMass(digit: Float32Array): [number, number] {
  let mass = 0;
  let mx = 0;
  let my = 0;
  digit.forEach((v, i) => {
    mass += v;
    mx += v * ((i % 28) + 0.5);
    my += v * (Math.floor(i / 28) + 0.5);
  });
  return [mx / mass, my / mass];
}

describe('toMnistDigit', () => {
  it('is undefined for a blank drawing', () => {
    expect(toMnistDigit(blank(280, 280))).toBeUndefined();
  });

  it('scales a tall stroke drawn in a corner to 20 rows, keeping its aspect, centred by mass', () => {
    const image = blank(280, 280);
    fillRect(image, 10, 20, 40, 170); // 30 wide, 150 tall: 4x20 after scaling
    const digit = toMnistDigit(image)!;
    const rows = Array.from({ length: 28 }, (_, y) => digit.slice(y * 28, y * 28 + 28).some((v) => v > 0.5));
    const cols = Array.from({ length: 28 }, (_, x) => Array.from({ length: 28 }, (_, y) => digit[y * 28 + x]!).some((v) => v > 0.5));
    expect(rows.filter(Boolean)).toHaveLength(20);
    expect(cols.filter(Boolean)).toHaveLength(4);
    const [cx, cy] = centreOfMass(digit);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...digit)).toBeCloseTo(1, 6);
  });

  it('averages areas: a half-covered output pixel is grey', () => {
    const image = blank(40, 40);
    fillRect(image, 0, 0, 21, 40); // ink in columns 0-20; with a dot at (39, 39) the box is 40x40: 2x2 input pixels per output pixel
    fillRect(image, 39, 39, 40, 40);
    const digit = toMnistDigit(image)!;
    const values = new Set(Array.from(digit).map((v) => Math.round(v * 100) / 100));
    expect([...values].sort()).toEqual([0, 0.25, 0.5, 1]); // inside, the column half inked, the dot's quarter
  });

  it('names a size mismatch', () => {
    expect(() => toMnistDigit({ width: 10, height: 10, pixels: new Float32Array(5) })).toThrow(/5 pixels for a 10x10 image/);
  });
});
