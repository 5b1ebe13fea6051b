// NHWC max and average pooling and their gradients for images n0..n1, with the geometry from
// setGeometry (KH x KW is the window). Results match tfjs-backend-cpu: max takes the first strictly
// greater value (NaN never wins), the average divides by the number of in-bounds pixels, and the
// average's gradient divides by the full window size KH*KW. SIMD runs across four channels at a
// time; the scalar build runs the per-channel tail loops only.

import { gH, gW, gC, gKH, gKW, gSH, gSW, gDH, gDW, gPT, gPL, gOH, gOW } from './geometry';
import { zeroFloats, madd } from './simd';

/** `y = maxPool(x)` for images n0..n1. */
export function maxPool(x: usize, y: usize, n0: i32, n1: i32): void {
  const C = gC;
  for (let n = n0; n < n1; n++) {
    const image = x + (<usize>(n * gH * gW * C) << 2);
    for (let oh = 0; oh < gOH; oh++) {
      for (let ow = 0; ow < gOW; ow++) {
        const out = y + (<usize>(((n * gOH + oh) * gOW + ow) * C) << 2);
        let c = 0;
        if (ASC_FEATURE_SIMD) {
          for (; c + 4 <= C; c += 4) v128.store(out + (<usize>c << 2), f32x4.splat(-Infinity));
        }
        for (; c < C; c++) store<f32>(out + (<usize>c << 2), -Infinity);
        for (let kh = 0; kh < gKH; kh++) {
          const ih = oh * gSH - gPT + kh * gDH;
          if (ih < 0 || ih >= gH) continue;
          for (let kw = 0; kw < gKW; kw++) {
            const iw = ow * gSW - gPL + kw * gDW;
            if (iw < 0 || iw >= gW) continue;
            const src = image + (<usize>((ih * gW + iw) * C) << 2);
            c = 0;
            if (ASC_FEATURE_SIMD) {
              for (; c + 4 <= C; c += 4) {
                const o = out + (<usize>c << 2);
                v128.store(o, f32x4.pmax(v128.load(o), v128.load(src + (<usize>c << 2))));
              }
            }
            for (; c < C; c++) {
              const o = out + (<usize>c << 2);
              const v = load<f32>(src + (<usize>c << 2));
              if (v > load<f32>(o)) store<f32>(o, v);
            }
          }
        }
      }
    }
  }
}

/** `y = avgPool(x)` for images n0..n1 (the mean over the in-bounds pixels of each window). */
export function avgPool(x: usize, y: usize, n0: i32, n1: i32): void {
  const C = gC;
  for (let n = n0; n < n1; n++) {
    const image = x + (<usize>(n * gH * gW * C) << 2);
    for (let oh = 0; oh < gOH; oh++) {
      for (let ow = 0; ow < gOW; ow++) {
        const out = y + (<usize>(((n * gOH + oh) * gOW + ow) * C) << 2);
        zeroFloats(out, C);
        let count = 0;
        for (let kh = 0; kh < gKH; kh++) {
          const ih = oh * gSH - gPT + kh * gDH;
          if (ih < 0 || ih >= gH) continue;
          for (let kw = 0; kw < gKW; kw++) {
            const iw = ow * gSW - gPL + kw * gDW;
            if (iw < 0 || iw >= gW) continue;
            count++;
            const src = image + (<usize>((ih * gW + iw) * C) << 2);
            let c = 0;
            if (ASC_FEATURE_SIMD) {
              for (; c + 4 <= C; c += 4) {
                const o = out + (<usize>c << 2);
                v128.store(o, f32x4.add(v128.load(o), v128.load(src + (<usize>c << 2))));
              }
            }
            for (; c < C; c++) {
              const o = out + (<usize>c << 2);
              store<f32>(o, load<f32>(o) + load<f32>(src + (<usize>c << 2)));
            }
          }
        }
        const div = <f32>count;
        let c = 0;
        if (ASC_FEATURE_SIMD) {
          const vdiv = f32x4.splat(div);
          for (; c + 4 <= C; c += 4) {
            const o = out + (<usize>c << 2);
            v128.store(o, f32x4.div(v128.load(o), vdiv));
          }
        }
        for (; c < C; c++) {
          const o = out + (<usize>c << 2);
          store<f32>(o, load<f32>(o) / div);
        }
      }
    }
  }
}

/**
 * Gradient of max pooling for images n0..n1: each `dy` value goes to the position of its window's
 * maximum in `x` (the first one, in row-major window order; none when every value is NaN).
 * Overwrites those images of `dx`. Four channels at a time: a running maximum and its pixel
 * offset per lane, then a scalar scatter.
 */
export function maxPoolGrad(x: usize, dy: usize, dx: usize, n0: i32, n1: i32): void {
  if (gDH == 1 && gDW == 1 && gSH >= gKH && gSW >= gKW) {
    maxPoolGradDisjoint(x, dy, dx, n0, n1);
    return;
  }
  const C = gC;
  const imageSize = gH * gW * C;
  zeroFloats(dx + (<usize>(n0 * imageSize) << 2), (n1 - n0) * imageSize);
  for (let n = n0; n < n1; n++) {
    const image = x + (<usize>(n * imageSize) << 2);
    const dImage = dx + (<usize>(n * imageSize) << 2);
    for (let oh = 0; oh < gOH; oh++) {
      for (let ow = 0; ow < gOW; ow++) {
        const g = dy + (<usize>(((n * gOH + oh) * gOW + ow) * C) << 2);
        let c = 0;
        if (ASC_FEATURE_SIMD) {
          for (; c + 4 <= C; c += 4) {
            const lanes = i32x4(0, 1, 2, 3);
            let best = f32x4.splat(-Infinity);
            let at = i32x4.splat(-1);
            for (let kh = 0; kh < gKH; kh++) {
              const ih = oh * gSH - gPT + kh * gDH;
              if (ih < 0 || ih >= gH) continue;
              for (let kw = 0; kw < gKW; kw++) {
                const iw = ow * gSW - gPL + kw * gDW;
                if (iw < 0 || iw >= gW) continue;
                const offset = (ih * gW + iw) * C + c;
                const v = v128.load(image + (<usize>offset << 2));
                const greater = f32x4.gt(v, best);
                best = v128.bitselect(v, best, greater);
                at = v128.bitselect(i32x4.add(i32x4.splat(offset), lanes), at, greater);
              }
            }
            scatterLane(dImage, i32x4.extract_lane(at, 0), load<f32>(g + (<usize>c << 2)));
            scatterLane(dImage, i32x4.extract_lane(at, 1), load<f32>(g + (<usize>c << 2), 4));
            scatterLane(dImage, i32x4.extract_lane(at, 2), load<f32>(g + (<usize>c << 2), 8));
            scatterLane(dImage, i32x4.extract_lane(at, 3), load<f32>(g + (<usize>c << 2), 12));
          }
        }
        for (; c < C; c++) {
          let best: f32 = -Infinity;
          let at = -1;
          for (let kh = 0; kh < gKH; kh++) {
            const ih = oh * gSH - gPT + kh * gDH;
            if (ih < 0 || ih >= gH) continue;
            for (let kw = 0; kw < gKW; kw++) {
              const iw = ow * gSW - gPL + kw * gDW;
              if (iw < 0 || iw >= gW) continue;
              const offset = (ih * gW + iw) * C + c;
              const v = load<f32>(image + (<usize>offset << 2));
              if (v > best) {
                best = v;
                at = offset;
              }
            }
          }
          scatterLane(dImage, at, load<f32>(g + (<usize>c << 2)));
        }
      }
    }
  }
}

/**
 * {@link maxPoolGrad} when windows do not overlap (strides at least the window, as 2x2 pooling
 * with stride 2): every input pixel is in at most one window, so each tap is written once, `dy`
 * where it is the window's maximum and 0 elsewhere, with no scattered read-modify-writes. The
 * images are zeroed first only when the windows do not tile them exactly.
 */
function maxPoolGradDisjoint(x: usize, dy: usize, dx: usize, n0: i32, n1: i32): void {
  const C = gC;
  const imageSize = gH * gW * C;
  const tiles = gPT == 0 && gPL == 0 && gSH == gKH && gSW == gKW && gOH * gKH == gH && gOW * gKW == gW;
  if (!tiles) zeroFloats(dx + (<usize>(n0 * imageSize) << 2), (n1 - n0) * imageSize);
  for (let n = n0; n < n1; n++) {
    const image = x + (<usize>(n * imageSize) << 2);
    const dImage = dx + (<usize>(n * imageSize) << 2);
    for (let oh = 0; oh < gOH; oh++) {
      const ih0 = oh * gSH - gPT;
      const kh0 = max(0, -ih0);
      const kh1 = min(gKH, gH - ih0);
      for (let ow = 0; ow < gOW; ow++) {
        const iw0 = ow * gSW - gPL;
        const kw0 = max(0, -iw0);
        const kw1 = min(gKW, gW - iw0);
        const g = dy + (<usize>(((n * gOH + oh) * gOW + ow) * C) << 2);
        let c = 0;
        if (ASC_FEATURE_SIMD) {
          for (; c + 4 <= C; c += 4) {
            const lanes = i32x4(0, 1, 2, 3);
            let best = f32x4.splat(-Infinity);
            let at = i32x4.splat(-1);
            for (let kh = kh0; kh < kh1; kh++) {
              for (let kw = kw0; kw < kw1; kw++) {
                const offset = ((ih0 + kh) * gW + iw0 + kw) * C + c;
                const v = v128.load(image + (<usize>offset << 2));
                const greater = f32x4.gt(v, best);
                best = v128.bitselect(v, best, greater);
                at = v128.bitselect(i32x4.add(i32x4.splat(offset), lanes), at, greater);
              }
            }
            const gv = v128.load(g + (<usize>c << 2));
            for (let kh = kh0; kh < kh1; kh++) {
              for (let kw = kw0; kw < kw1; kw++) {
                const offset = ((ih0 + kh) * gW + iw0 + kw) * C + c;
                const hit = i32x4.eq(at, i32x4.add(i32x4.splat(offset), lanes));
                v128.store(dImage + (<usize>offset << 2), v128.and(gv, hit));
              }
            }
          }
        }
        for (; c < C; c++) {
          let best: f32 = -Infinity;
          let at = -1;
          for (let kh = kh0; kh < kh1; kh++) {
            for (let kw = kw0; kw < kw1; kw++) {
              const offset = ((ih0 + kh) * gW + iw0 + kw) * C + c;
              const v = load<f32>(image + (<usize>offset << 2));
              if (v > best) {
                best = v;
                at = offset;
              }
            }
          }
          const gs = load<f32>(g + (<usize>c << 2));
          for (let kh = kh0; kh < kh1; kh++) {
            for (let kw = kw0; kw < kw1; kw++) {
              const offset = ((ih0 + kh) * gW + iw0 + kw) * C + c;
              store<f32>(dImage + (<usize>offset << 2), offset == at ? gs : 0);
            }
          }
        }
      }
    }
  }
}

// @ts-ignore: decorator
@inline
function scatterLane(dImage: usize, at: i32, value: f32): void {
  if (at >= 0) {
    const p = dImage + (<usize>at << 2);
    store<f32>(p, load<f32>(p) + value);
  }
}

/**
 * Gradient of average pooling for images n0..n1: each `dy` value times `scale` (tfjs uses
 * 1 / (KH*KW)) is added to every in-bounds pixel of its window. Overwrites those images of `dx`.
 */
export function avgPoolGrad(dy: usize, dx: usize, scale: f32, n0: i32, n1: i32): void {
  const C = gC;
  const imageSize = gH * gW * C;
  zeroFloats(dx + (<usize>(n0 * imageSize) << 2), (n1 - n0) * imageSize);
  for (let n = n0; n < n1; n++) {
    const dImage = dx + (<usize>(n * imageSize) << 2);
    for (let oh = 0; oh < gOH; oh++) {
      for (let ow = 0; ow < gOW; ow++) {
        const g = dy + (<usize>(((n * gOH + oh) * gOW + ow) * C) << 2);
        for (let kh = 0; kh < gKH; kh++) {
          const ih = oh * gSH - gPT + kh * gDH;
          if (ih < 0 || ih >= gH) continue;
          for (let kw = 0; kw < gKW; kw++) {
            const iw = ow * gSW - gPL + kw * gDW;
            if (iw < 0 || iw >= gW) continue;
            const dst = dImage + (<usize>((ih * gW + iw) * C) << 2);
            let c = 0;
            if (ASC_FEATURE_SIMD) {
              const vscale = f32x4.splat(scale);
              for (; c + 4 <= C; c += 4) {
                const o = dst + (<usize>c << 2);
                v128.store(o, madd(v128.load(g + (<usize>c << 2)), vscale, v128.load(o)));
              }
            }
            for (; c < C; c++) {
              const o = dst + (<usize>c << 2);
              store<f32>(o, load<f32>(o) + load<f32>(g + (<usize>c << 2)) * scale);
            }
          }
        }
      }
    }
  }
}
