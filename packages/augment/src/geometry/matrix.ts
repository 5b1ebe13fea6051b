/**
 * A 3x3 homogeneous matrix in image coordinates `(row, col, 1)`, row-major. Augmentations describe
 * each image's geometry with one: it maps an *output* pixel to the *input* position sampled there,
 * as Keras' `apply_affine_transform` (scipy's `affine_transform`) and `tf.image.transform` do.
 */
export type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

/** The identity. */
export const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

/** `a · b` (apply `b` first, then `a`, to output coordinates). */
export function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const out = new Array<number>(9);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) out[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  }
  return out as unknown as Matrix3;
}

/** The product of `matrices` from left to right. */
export function compose(...matrices: readonly Matrix3[]): Matrix3 {
  return matrices.reduce(multiply, IDENTITY);
}

/** Keras' rotation matrix for `theta` radians (counter-clockwise on screen for positive angles). */
export function rotation(theta: number): Matrix3 {
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  return [cos, -sin, 0, sin, cos, 0, 0, 0, 1];
}

/** Keras' shift matrix: samples `rows` below and `cols` right of each output pixel (content moves up and left for positive values). */
export function shift(rows: number, cols: number): Matrix3 {
  return [1, 0, rows, 0, 1, cols, 0, 0, 1];
}

/** Keras' shear matrix for a shear angle of `angle` radians. */
export function shear(angle: number): Matrix3 {
  return [1, -Math.sin(angle), 0, 0, Math.cos(angle), 0, 0, 0, 1];
}

/** Keras' zoom matrix: factors above 1 sample a wider area (zoom out), below 1 a narrower one (zoom in). */
export function zoom(rows: number, cols: number): Matrix3 {
  return [rows, 0, 0, 0, cols, 0, 0, 0, 1];
}

/** A mirror image: `horizontal` swaps left and right, `vertical` top and bottom (about the centre, once centred). */
export function flip(horizontal: boolean, vertical: boolean): Matrix3 {
  return [vertical ? -1 : 1, 0, 0, 0, horizontal ? -1 : 1, 0, 0, 0, 1];
}

/**
 * `m` applied about the exact centre of a `height` x `width` image, `((height - 1) / 2, (width - 1) / 2)`,
 * so that a quarter turn or a flip maps pixels exactly onto pixels.
 */
export function aboutCentre(m: Matrix3, height: number, width: number): Matrix3 {
  const cr = (height - 1) / 2;
  const cc = (width - 1) / 2;
  return compose(shift(cr, cc), m, shift(-cr, -cc));
}

/** Whether `m` is the identity. */
export function isIdentity(m: Matrix3): boolean {
  return m.every((v, i) => v === IDENTITY[i]);
}

/**
 * `m` as a row of `tf.image.transform`: `[a0, a1, a2, b0, b1, b2, c0, c1]` mapping output `(x, y)` =
 * `(col, row)` to input `(a0 x + a1 y + a2, b0 x + b1 y + b2)`.
 */
export function toTransformRow(m: Matrix3): number[] {
  return [m[4], m[3], m[5], m[1], m[0], m[2], 0, 0];
}
