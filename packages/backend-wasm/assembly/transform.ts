// Projective image transform (tfjs' `Transform`, behind `tf.image.transform`) on NHWC float32 images
// n0..n1. Each output pixel (x, y) of image n reads the input at
//   ((t0 x + t1 y + t2) / p, (t3 x + t4 y + t5) / p),  p = t6 x + t7 y + 1,
// with t the image's 8 parameters (or one row shared by every image), mapped into the image by the
// fill mode and sampled by nearest or bilinear interpolation. The arithmetic is tfjs-backend-cpu's
// (which follows TensorFlow's image_ops.h), in float64 as in its JavaScript, in the same order, so
// rounding decisions and results are the same; unlike tfjs-backend-cpu 4.22 it transforms every image
// of a batch, not only the first. SIMD reads and writes two channels at a time (f32 promoted to f64);
// the scalar build runs the per-channel loop only. The output is visited in 16x16 tiles, whose input
// footprint stays in L1 under rotations (row after row, a rotated image's reads miss it), and
// affine rows (t6 = t7 = 0, the usual case) skip the division by the projection, which is exactly 1.

/** Interpolation codes (src/wasm/abi.ts). */
const NEAREST: i32 = 0;
const BILINEAR: i32 = 1;

/** Fill modes (src/wasm/abi.ts); any other code is `constant`, tfjs-backend-cpu's default. */
const FILL_REFLECT: i32 = 1;
const FILL_WRAP: i32 = 2;
const FILL_NEAREST: i32 = 3;

/** tfjs' `util.clamp(0, v, len - 1)`: NaN stays NaN. */
// @ts-ignore: decorator
@inline
function clampCoord(v: f64, len: f64): f64 {
  return max<f64>(0, min<f64>(v, len - 1));
}

/** Maps an input coordinate into `0..len-1` by the fill mode, as tfjs-backend-cpu's mapCoord. */
// @ts-ignore: decorator
@inline
function mapCoord(v: f64, len: f64, mode: i32): f64 {
  if (mode == FILL_REFLECT) {
    // Reflect [abcd] to [dcba|abcd|dcba].
    if (v < 0) {
      if (len <= 1) {
        v = 0;
      } else {
        const sz2 = 2 * len;
        if (v < sz2) v = sz2 * trunc<f64>(-v / sz2) + v;
        v = v < -len ? v + sz2 : -v - 1;
      }
    } else if (v > len - 1) {
      if (len <= 1) {
        v = 0;
      } else {
        const sz2 = 2 * len;
        v -= sz2 * trunc<f64>(v / sz2);
        if (v >= len) v = sz2 - v - 1;
      }
    }
    return clampCoord(v, len);
  }
  if (mode == FILL_WRAP) {
    // Wrap [abcd] to [abcd|abcd|abcd] (with tfjs' period arithmetic).
    if (v < 0) {
      if (len <= 1) {
        v = 0;
      } else {
        const sz = len - 1;
        v += len * (trunc<f64>(-v / sz) + 1);
      }
    } else if (v > len - 1) {
      if (len <= 1) {
        v = 0;
      } else {
        const sz = len - 1;
        v -= len * trunc<f64>(v / sz);
      }
    }
    return clampCoord(v, len);
  }
  if (mode == FILL_NEAREST) return clampCoord(v, len);
  return v;
}

/** JavaScript's Math.round: halves round up (towards +Infinity). */
// @ts-ignore: decorator
@inline
function roundHalfUp(v: f64): f64 {
  const f = floor<f64>(v);
  return v - f >= 0.5 ? f + 1 : f;
}

/** Sets `n` floats at `dst` to `value`. */
// @ts-ignore: decorator
@inline
function fillFloats(dst: usize, n: i32, value: f32): void {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const v = f32x4.splat(value);
    for (; c + 4 <= n; c += 4) v128.store(dst + (<usize>c << 2), v);
  }
  for (; c < n; c++) store<f32>(dst + (<usize>c << 2), value);
}

/** Output tile (rows x columns): a tile's input footprint stays in L1 under rotations. */
const TILE_H: i32 = 16;
const TILE_W: i32 = 16;

/**
 * `y = transform(x)` for images n0..n1 of `x` ([N, H, W, C]) into `y` ([N, OH, OW, C]).
 * `transforms` holds 8 floats per image, `tStride` floats apart (8, or 0 for one shared row);
 * `params` holds the fill value as a float64 (arguments may not be negative, see src/wasm/abi.ts).
 */
export function transform(
  x: usize, transforms: usize, tStride: i32, y: usize, params: usize,
  H: i32, W: i32, C: i32, OH: i32, OW: i32, interpolation: i32, fillMode: i32, n0: i32, n1: i32,
): void {
  for (let n = n0; n < n1; n++) {
    const image = x + (<usize>(n * H * W * C) << 2);
    const t = transforms + (<usize>(n * tStride) << 2);
    const out = y + (<usize>(n * OH * OW * C) << 2);
    // An affine row (t6 = t7 = 0) has a projection of exactly 1 at every pixel, and v / 1 == v.
    const affine = load<f32>(t, 24) == 0 && load<f32>(t, 28) == 0;
    if (interpolation == NEAREST) {
      if (affine) transformImage(image, t, out, params, H, W, C, OH, OW, NEAREST, fillMode, true);
      else transformImage(image, t, out, params, H, W, C, OH, OW, NEAREST, fillMode, false);
    } else {
      if (affine) transformImage(image, t, out, params, H, W, C, OH, OW, BILINEAR, fillMode, true);
      else transformImage(image, t, out, params, H, W, C, OH, OW, BILINEAR, fillMode, false);
    }
  }
}

/**
 * One image: `t` its 8 parameters, `y` its output. Inlined into four copies whose `interpolation`
 * and `affine` are constants, so their branches leave the pixel loop.
 */
// @ts-ignore: decorator
@inline
function transformImage(
  image: usize, t: usize, y: usize, params: usize, H: i32, W: i32, C: i32, OH: i32, OW: i32,
  interpolation: i32, fillMode: i32, affine: bool,
): void {
  const fill = load<f64>(params);
  const fill32 = <f32>fill;
  const fH = <f64>H;
  const fW = <f64>W;
  const rowFloats = W * C;
  const t0 = <f64>load<f32>(t);
  const t1 = <f64>load<f32>(t, 4);
  const t2 = <f64>load<f32>(t, 8);
  const t3 = <f64>load<f32>(t, 12);
  const t4 = <f64>load<f32>(t, 16);
  const t5 = <f64>load<f32>(t, 20);
  const t6 = <f64>load<f32>(t, 24);
  const t7 = <f64>load<f32>(t, 28);
  for (let tileY = 0; tileY < OH; tileY += TILE_H) {
    const oyEnd = min(OH, tileY + TILE_H);
    for (let tileX = 0; tileX < OW; tileX += TILE_W) {
      const oxEnd = min(OW, tileX + TILE_W);
      for (let oy = tileY; oy < oyEnd; oy++) {
        const fy = <f64>oy;
        let out = y + (<usize>((oy * OW + tileX) * C) << 2);
        for (let ox = tileX; ox < oxEnd; ox++, out += <usize>C << 2) {
          const fx = <f64>ox;
          let inX: f64;
          let inY: f64;
          if (affine) {
            inX = t0 * fx + t1 * fy + t2;
            inY = t3 * fx + t4 * fy + t5;
          } else {
            const projection = t6 * fx + t7 * fy + 1;
            if (projection == 0) {
              // Infinite coordinates: outside the image.
              fillFloats(out, C, fill32);
              continue;
            }
            inX = (t0 * fx + t1 * fy + t2) / projection;
            inY = (t3 * fx + t4 * fy + t5) / projection;
          }
          inX = mapCoord(inX, fW, fillMode);
          inY = mapCoord(inY, fH, fillMode);
          if (interpolation == NEAREST) {
            const rx = roundHalfUp(inX);
            const ry = roundHalfUp(inY);
            if (ry >= 0 && ry < fH && rx >= 0 && rx < fW) {
              const src = image + (<usize>((<i32>ry * W + <i32>rx) * C) << 2);
              let c = 0;
              if (ASC_FEATURE_SIMD) {
                for (; c + 4 <= C; c += 4) v128.store(out + (<usize>c << 2), v128.load(src + (<usize>c << 2)));
              }
              for (; c < C; c++) store<f32>(out + (<usize>c << 2), load<f32>(src + (<usize>c << 2)));
            } else {
              fillFloats(out, C, fill32);
            }
            continue;
          }
          // Bilinear: the four neighbours, each the fill value when outside the image. An outside
          // neighbour's address is the image's first pixel, so every load stays in bounds and the
          // choice between the loaded value and the fill value needs no branch.
          const xFloor = floor<f64>(inX);
          const yFloor = floor<f64>(inY);
          const xCeil = xFloor + 1;
          const yCeil = yFloor + 1;
          const okX0 = xFloor >= 0 && xFloor < fW;
          const okX1 = xCeil >= 0 && xCeil < fW;
          const okY0 = yFloor >= 0 && yFloor < fH;
          const okY1 = yCeil >= 0 && yCeil < fH;
          let col0 = 0;
          let col1 = 0;
          let row0 = 0;
          let row1 = 0;
          if (okX0) col0 = <i32>xFloor * C;
          if (okX1) col1 = <i32>xCeil * C;
          if (okY0) row0 = <i32>yFloor * rowFloats;
          if (okY1) row1 = <i32>yCeil * rowFloats;
          const ok00 = okY0 && okX0;
          const ok01 = okY0 && okX1;
          const ok10 = okY1 && okX0;
          const ok11 = okY1 && okX1;
          const p00 = image + (<usize>(ok00 ? row0 + col0 : 0) << 2);
          const p01 = image + (<usize>(ok01 ? row0 + col1 : 0) << 2);
          const p10 = image + (<usize>(ok10 ? row1 + col0 : 0) << 2);
          const p11 = image + (<usize>(ok11 ? row1 + col1 : 0) << 2);
          const wx0 = xCeil - inX;
          const wx1 = inX - xFloor;
          const wy0 = yCeil - inY;
          const wy1 = inY - yFloor;
          let c = 0;
          if (ASC_FEATURE_SIMD) {
            const vfill = f64x2.splat(fill);
            const vwx0 = f64x2.splat(wx0);
            const vwx1 = f64x2.splat(wx1);
            const vwy0 = f64x2.splat(wy0);
            const vwy1 = f64x2.splat(wy1);
            for (; c + 2 <= C; c += 2) {
              const o = <usize>c << 2;
              const a = ok00 ? f64x2.promote_low_f32x4(v128.load64_zero(p00 + o)) : vfill;
              const b = ok01 ? f64x2.promote_low_f32x4(v128.load64_zero(p01 + o)) : vfill;
              const d = ok10 ? f64x2.promote_low_f32x4(v128.load64_zero(p10 + o)) : vfill;
              const e = ok11 ? f64x2.promote_low_f32x4(v128.load64_zero(p11 + o)) : vfill;
              const top = f64x2.add(f64x2.mul(vwx0, a), f64x2.mul(vwx1, b));
              const bottom = f64x2.add(f64x2.mul(vwx0, d), f64x2.mul(vwx1, e));
              const value = f64x2.add(f64x2.mul(vwy0, top), f64x2.mul(vwy1, bottom));
              v128.store64_lane(out + o, f32x4.demote_f64x2_zero(value), 0);
            }
          }
          for (; c < C; c++) {
            const o = <usize>c << 2;
            const a = ok00 ? <f64>load<f32>(p00 + o) : fill;
            const b = ok01 ? <f64>load<f32>(p01 + o) : fill;
            const d = ok10 ? <f64>load<f32>(p10 + o) : fill;
            const e = ok11 ? <f64>load<f32>(p11 + o) : fill;
            const top = wx0 * a + wx1 * b;
            const bottom = wx0 * d + wx1 * e;
            store<f32>(out + o, <f32>(wy0 * top + wy1 * bottom));
          }
        }
      }
    }
  }
}
