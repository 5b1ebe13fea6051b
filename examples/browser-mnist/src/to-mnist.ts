/** A greyscale picture: `width * height` values in [0, 1], row by row (1 = ink). */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Float32Array;
}

/** Pixels at or above this count as ink when finding the digit's bounding box. */
const INK = 0.1;

function boundingBox(image: GreyImage): { x0: number; y0: number; x1: number; y1: number } | undefined {
  const { width, height, pixels } = image;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x]! < INK) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < 0 ? undefined : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Area-average resampling of the box [x0, x1) x [y0, y1) of `image` to `w` x `h` pixels. */
function resampleBox(image: GreyImage, box: { x0: number; y0: number; x1: number; y1: number }, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  const sx = (box.x1 - box.x0) / w;
  const sy = (box.y1 - box.y0) / h;
  for (let oy = 0; oy < h; oy++) {
    const top = box.y0 + oy * sy;
    const bottom = top + sy;
    for (let ox = 0; ox < w; ox++) {
      const left = box.x0 + ox * sx;
      const right = left + sx;
      let sum = 0;
      for (let y = Math.floor(top); y < Math.ceil(bottom); y++) {
        const wy = Math.min(bottom, y + 1) - Math.max(top, y);
        for (let x = Math.floor(left); x < Math.ceil(right); x++) {
          const wx = Math.min(right, x + 1) - Math.max(left, x);
          sum += image.pixels[y * image.width + x]! * wx * wy;
        }
      }
      out[oy * w + ox] = sum / (sx * sy);
    }
  }
  return out;
}

/**
 * Turns a drawing into what the network was trained on, the way MNIST's digits were made: the
 * ink's bounding box scaled (keeping its aspect ratio, by area averaging) to fit 20x20, placed in a
 * 28x28 field so that its centre of mass is at the centre. Returns 784 values in [0, 1], or
 * undefined for a blank drawing.
 */
export function toMnistDigit(image: GreyImage): Float32Array | undefined {
  if (image.pixels.length !== image.width * image.height) {
    throw new Error(`toMnistDigit: ${image.pixels.length} pixels for a ${image.width}x${image.height} image`);
  }
  const box = boundingBox(image);
  if (!box) return undefined;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  const scale = 20 / Math.max(bw, bh);
  const w = Math.max(1, Math.round(bw * scale));
  const h = Math.max(1, Math.round(bh * scale));
  const small = resampleBox(image, box, w, h);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  // Top-left corner that puts the centre of mass at (14, 14), kept inside the field.
  const left = Math.min(28 - w, Math.max(0, Math.round(14 - mx / mass)));
  const top = Math.min(28 - h, Math.max(0, Math.round(14 - my / mass)));
  const digit = new Float32Array(784);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) digit[(top + y) * 28 + left + x] = Math.min(1, small[y * w + x]!);
  }
  return digit;
}
