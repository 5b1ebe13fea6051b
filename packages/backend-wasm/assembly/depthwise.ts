// NHWC depthwise convolution and its two gradients, SIMD across channels (channels-last keeps
// each pixel's channels contiguous, and a depthwise filter has one weight per channel per tap).
// The kernels here take a channel multiplier of 1: channel c of the output reads channel c of the
// input and row (kh, kw) of the filter, itself C contiguous floats. A multiplier M > 1 is the same
// computation on the input with each channel repeated M times (expandChannels), whose input
// gradient is then summed back per group of M (sumChannelGroups). The geometry (with C the
// expanded channel count) comes from setGeometry.

import { gH, gW, gC, gKH, gKW, gSH, gSW, gDH, gDW, gPT, gPL, gOH, gOW } from './geometry';
import { madd, activate, activateScalar, zeroFloats, maddFloats } from './simd';

/** First filter tap along one axis whose input coordinate `start + k*dilation` is >= 0. */
// @ts-ignore: decorator
@inline
function firstTap(start: i32, dilation: i32, taps: i32): i32 {
  let k = 0;
  while (k < taps && start + k * dilation < 0) k++;
  return k;
}

/** One past the last filter tap whose input coordinate `start + k*dilation` is < size. */
// @ts-ignore: decorator
@inline
function endTap(start: i32, dilation: i32, taps: i32, size: i32, first: i32): i32 {
  let k = taps;
  while (k > first && start + (k - 1) * dilation >= size) k--;
  return k;
}

/**
 * Forward depthwise convolution of output pixels row0..row1 (pixels (n, oh, ow) flattened):
 * `y[p, c] = act(sum over taps of x[tap, c] * f[kh, kw, c] + bias[c])`. `bias` is 0 for none.
 */
export function depthwiseConv2d(x: usize, f: usize, y: usize, bias: usize, act: i32, row0: i32, row1: i32): void {
  const C = gC;
  const cB = <usize>C << 2;
  let ow = row0 % gOW;
  let t = row0 / gOW;
  let oh = t % gOH;
  let n = t / gOH;
  for (let r = row0; r < row1; r++) {
    const image = x + <usize>(n * gH * gW) * cB;
    const out = y + <usize>r * cB;
    const ih0 = oh * gSH - gPT;
    const iw0 = ow * gSW - gPL;
    const kh0 = firstTap(ih0, gDH, gKH);
    const kh1 = endTap(ih0, gDH, gKH, gH, kh0);
    const kw0 = firstTap(iw0, gDW, gKW);
    const kw1 = endTap(iw0, gDW, gKW, gW, kw0);
    let c = 0;
    if (ASC_FEATURE_SIMD) {
      for (; c + 16 <= C; c += 16) {
        const cOff = <usize>c << 2;
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
        for (let kh = kh0; kh < kh1; kh++) {
          const xRow = image + <usize>((ih0 + kh * gDH) * gW) * cB + cOff;
          const fRow = f + <usize>(kh * gKW) * cB + cOff;
          for (let kw = kw0; kw < kw1; kw++) {
            const xp = xRow + <usize>(iw0 + kw * gDW) * cB;
            const fp = fRow + <usize>kw * cB;
            a0 = madd(v128.load(xp), v128.load(fp), a0);
            a1 = madd(v128.load(xp, 16), v128.load(fp, 16), a1);
            a2 = madd(v128.load(xp, 32), v128.load(fp, 32), a2);
            a3 = madd(v128.load(xp, 48), v128.load(fp, 48), a3);
          }
        }
        if (bias) {
          a0 = f32x4.add(a0, v128.load(bias + cOff));
          a1 = f32x4.add(a1, v128.load(bias + cOff, 16));
          a2 = f32x4.add(a2, v128.load(bias + cOff, 32));
          a3 = f32x4.add(a3, v128.load(bias + cOff, 48));
        }
        v128.store(out + cOff, activate(a0, act));
        v128.store(out + cOff, activate(a1, act), 16);
        v128.store(out + cOff, activate(a2, act), 32);
        v128.store(out + cOff, activate(a3, act), 48);
      }
      for (; c + 4 <= C; c += 4) {
        const cOff = <usize>c << 2;
        let a0 = f32x4.splat(0);
        for (let kh = kh0; kh < kh1; kh++) {
          const xRow = image + <usize>((ih0 + kh * gDH) * gW) * cB + cOff;
          const fRow = f + <usize>(kh * gKW) * cB + cOff;
          for (let kw = kw0; kw < kw1; kw++) {
            a0 = madd(v128.load(xRow + <usize>(iw0 + kw * gDW) * cB), v128.load(fRow + <usize>kw * cB), a0);
          }
        }
        if (bias) a0 = f32x4.add(a0, v128.load(bias + cOff));
        v128.store(out + cOff, activate(a0, act));
      }
    }
    for (; c < C; c++) {
      const cOff = <usize>c << 2;
      let s: f32 = 0;
      for (let kh = kh0; kh < kh1; kh++) {
        const xRow = image + <usize>((ih0 + kh * gDH) * gW) * cB + cOff;
        const fRow = f + <usize>(kh * gKW) * cB + cOff;
        for (let kw = kw0; kw < kw1; kw++) {
          s += load<f32>(xRow + <usize>(iw0 + kw * gDW) * cB) * load<f32>(fRow + <usize>kw * cB);
        }
      }
      if (bias) s += load<f32>(bias + cOff);
      store<f32>(out + cOff, activateScalar(s, act));
    }
    if (++ow == gOW) {
      ow = 0;
      if (++oh == gOH) { oh = 0; n++; }
    }
  }
}

/**
 * Gradient with respect to the input for images n0..n1 (overwritten): every output pixel's
 * gradient times each tap's weights is added to the input pixel that tap read.
 */
export function depthwiseConv2dBackpropInput(dy: usize, f: usize, dx: usize, n0: i32, n1: i32): void {
  const C = gC;
  const cB = <usize>C << 2;
  const imageFloats = gH * gW * C;
  zeroFloats(dx + (<usize>(n0 * imageFloats) << 2), (n1 - n0) * imageFloats);
  for (let n = n0; n < n1; n++) {
    const dImage = dx + (<usize>(n * imageFloats) << 2);
    for (let oh = 0; oh < gOH; oh++) {
      const ih0 = oh * gSH - gPT;
      const kh0 = firstTap(ih0, gDH, gKH);
      const kh1 = endTap(ih0, gDH, gKH, gH, kh0);
      for (let ow = 0; ow < gOW; ow++) {
        const g = dy + <usize>((n * gOH + oh) * gOW + ow) * cB;
        const iw0 = ow * gSW - gPL;
        const kw0 = firstTap(iw0, gDW, gKW);
        const kw1 = endTap(iw0, gDW, gKW, gW, kw0);
        for (let kh = kh0; kh < kh1; kh++) {
          const dRow = dImage + <usize>((ih0 + kh * gDH) * gW) * cB;
          const fRow = f + <usize>(kh * gKW) * cB;
          for (let kw = kw0; kw < kw1; kw++) {
            maddFloats(dRow + <usize>(iw0 + kw * gDW) * cB, g, fRow + <usize>kw * cB, C);
          }
        }
      }
    }
  }
}

/**
 * Gradient with respect to the filter over output rows row0..row1 (rows (n, oh) flattened), added
 * into `dw` ([KH, KW, C]; the caller zeroes it). For each row and tap, sixteen channels at a time
 * gather input times output gradient along the row in registers, then add into `dw` once: the
 * row's input and gradient stay in cache across the taps.
 */
export function depthwiseConv2dBackpropFilter(x: usize, dy: usize, dw: usize, row0: i32, row1: i32): void {
  const C = gC;
  const cB = <usize>C << 2;
  for (let r = row0; r < row1; r++) {
    const n = r / gOH;
    const oh = r % gOH;
    const image = x + <usize>(n * gH * gW) * cB;
    const gRow = dy + <usize>(r * gOW) * cB;
    const ih0 = oh * gSH - gPT;
    const kh0 = firstTap(ih0, gDH, gKH);
    const kh1 = endTap(ih0, gDH, gKH, gH, kh0);
    for (let kh = kh0; kh < kh1; kh++) {
      const xRow = image + <usize>((ih0 + kh * gDH) * gW) * cB;
      for (let kw = 0; kw < gKW; kw++) {
        // Output columns whose tap kw reads inside the row: 0 <= ow*SW - PL + kw*DW < W.
        const shift = kw * gDW - gPL;
        let ow0 = 0;
        while (ow0 < gOW && ow0 * gSW + shift < 0) ow0++;
        let ow1 = gOW;
        while (ow1 > ow0 && (ow1 - 1) * gSW + shift >= gW) ow1--;
        if (ow0 >= ow1) continue;
        const wTap = dw + <usize>(kh * gKW + kw) * cB;
        const xStep = <usize>gSW * cB;
        let c = 0;
        if (ASC_FEATURE_SIMD) {
          for (; c + 16 <= C; c += 16) {
            const cOff = <usize>c << 2;
            let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
            let xp = xRow + <usize>(ow0 * gSW + shift) * cB + cOff;
            let gp = gRow + <usize>ow0 * cB + cOff;
            for (let ow = ow0; ow < ow1; ow++) {
              a0 = madd(v128.load(xp), v128.load(gp), a0);
              a1 = madd(v128.load(xp, 16), v128.load(gp, 16), a1);
              a2 = madd(v128.load(xp, 32), v128.load(gp, 32), a2);
              a3 = madd(v128.load(xp, 48), v128.load(gp, 48), a3);
              xp += xStep;
              gp += cB;
            }
            const w = wTap + cOff;
            v128.store(w, f32x4.add(v128.load(w), a0));
            v128.store(w, f32x4.add(v128.load(w, 16), a1), 16);
            v128.store(w, f32x4.add(v128.load(w, 32), a2), 32);
            v128.store(w, f32x4.add(v128.load(w, 48), a3), 48);
          }
          for (; c + 4 <= C; c += 4) {
            const cOff = <usize>c << 2;
            let a0 = f32x4.splat(0);
            let xp = xRow + <usize>(ow0 * gSW + shift) * cB + cOff;
            let gp = gRow + <usize>ow0 * cB + cOff;
            for (let ow = ow0; ow < ow1; ow++) {
              a0 = madd(v128.load(xp), v128.load(gp), a0);
              xp += xStep;
              gp += cB;
            }
            const w = wTap + cOff;
            v128.store(w, f32x4.add(v128.load(w), a0));
          }
        }
        for (; c < C; c++) {
          const cOff = <usize>c << 2;
          let s: f32 = 0;
          let xp = xRow + <usize>(ow0 * gSW + shift) * cB + cOff;
          let gp = gRow + <usize>ow0 * cB + cOff;
          for (let ow = ow0; ow < ow1; ow++) {
            s += load<f32>(xp) * load<f32>(gp);
            xp += xStep;
            gp += cB;
          }
          store<f32>(wTap + cOff, load<f32>(wTap + cOff) + s);
        }
      }
    }
  }
}

/** `xe[p, c*M + q] = x[p, c]` for `pixels` pixels of C channels: each channel repeated M times. */
export function expandChannels(x: usize, xe: usize, pixels: i32, C: i32, M: i32): void {
  const total = pixels * C;
  let dst = xe;
  for (let i = 0; i < total; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    for (let q = 0; q < M; q++) {
      store<f32>(dst, v);
      dst += 4;
    }
  }
}

/** `dx[p, c] = sum over q of dxe[p, c*M + q]`: the input gradient of {@link expandChannels}. */
export function sumChannelGroups(dxe: usize, dx: usize, pixels: i32, C: i32, M: i32): void {
  const total = pixels * C;
  let src = dxe;
  for (let i = 0; i < total; i++) {
    let s: f32 = 0;
    for (let q = 0; q < M; q++) {
      s += load<f32>(src);
      src += 4;
    }
    store<f32>(dx + (<usize>i << 2), s);
  }
}
