// im2col and col2im for NHWC convolutions. Row r of the column matrix is output pixel
// (n, oh, ow) with r = (n*OH + oh)*OW + ow; its KH*KW*C columns are the input patch in filter
// order (kh, kw, c), which matches a [KH, KW, C, CO] filter read as a (KH*KW*C) x CO matrix.

import { copyFloats, zeroFloats, addFloats } from './simd';
import { gH, gW, gC, gKH, gKW, gSH, gSW, gDH, gDW, gPT, gPL, gOH, gOW } from './geometry';

/** True when the convolution is a plain per-pixel matrix product (1x1, stride 1, no padding). */
export function isPointwise(): bool {
  return gKH == 1 && gKW == 1 && gSH == 1 && gSW == 1 && gPT == 0 && gPL == 0 && gOH == gH && gOW == gW;
}

/** Writes rows row0..row0+rows of the column matrix of image batch `x` to `col`. */
export function im2col(x: usize, row0: i32, rows: i32, col: usize): void {
  const C = gC;
  const kkc = gKH * gKW * C;
  let ow = row0 % gOW;
  let t = row0 / gOW;
  let oh = t % gOH;
  let n = t / gOH;
  let dst = col;
  for (let r = 0; r < rows; r++) {
    const image = x + (<usize>(n * gH * gW * C) << 2);
    const ih0 = oh * gSH - gPT;
    const iw0 = ow * gSW - gPL;
    let d = dst;
    for (let kh = 0; kh < gKH; kh++) {
      const ih = ih0 + kh * gDH;
      if (ih < 0 || ih >= gH) {
        zeroFloats(d, gKW * C);
        d += <usize>(gKW * C) << 2;
        continue;
      }
      const rowBase = image + (<usize>(ih * gW * C) << 2);
      for (let kw = 0; kw < gKW; kw++) {
        const iw = iw0 + kw * gDW;
        if (iw < 0 || iw >= gW) zeroFloats(d, C);
        else copyFloats(d, rowBase + (<usize>(iw * C) << 2), C);
        d += <usize>C << 2;
      }
    }
    dst += <usize>kkc << 2;
    if (++ow == gOW) {
      ow = 0;
      if (++oh == gOH) { oh = 0; n++; }
    }
  }
}

/** Adds rows row0..row0+rows of the column matrix `col` into their input positions in `dx`. */
export function col2im(col: usize, row0: i32, rows: i32, dx: usize): void {
  const C = gC;
  const kkc = gKH * gKW * C;
  let ow = row0 % gOW;
  let t = row0 / gOW;
  let oh = t % gOH;
  let n = t / gOH;
  let src = col;
  for (let r = 0; r < rows; r++) {
    const image = dx + (<usize>(n * gH * gW * C) << 2);
    const ih0 = oh * gSH - gPT;
    const iw0 = ow * gSW - gPL;
    let s = src;
    for (let kh = 0; kh < gKH; kh++) {
      const ih = ih0 + kh * gDH;
      if (ih < 0 || ih >= gH) {
        s += <usize>(gKW * C) << 2;
        continue;
      }
      const rowBase = image + (<usize>(ih * gW * C) << 2);
      for (let kw = 0; kw < gKW; kw++) {
        const iw = iw0 + kw * gDW;
        if (iw >= 0 && iw < gW) addFloats(rowBase + (<usize>(iw * C) << 2), s, C);
        s += <usize>C << 2;
      }
    }
    src += <usize>kkc << 2;
    if (++ow == gOW) {
      ow = 0;
      if (++oh == gOH) { oh = 0; n++; }
    }
  }
}
