// im2col and col2im for NHWC convolutions. Row r of the column matrix is output pixel
// (n, oh, ow) with r = (n*OH + oh)*OW + ow; its KH*KW*C columns are the input patch in filter
// order (kh, kw, c), which matches a [KH, KW, C, CO] filter read as a (KH*KW*C) x CO matrix.

import { copyFloats, zeroFloats, addFloats } from './simd';

/** Convolution geometry, set once per call by {@link setGeometry} (one module instance per thread). */
let gH: i32 = 0, gW: i32 = 0, gC: i32 = 0;
let gKH: i32 = 0, gKW: i32 = 0;
let gSH: i32 = 0, gSW: i32 = 0, gDH: i32 = 0, gDW: i32 = 0;
let gPT: i32 = 0, gPL: i32 = 0, gOH: i32 = 0, gOW: i32 = 0;

/** Records the geometry used by the convolution and pooling functions that follow. */
export function setGeometry(
  H: i32, W: i32, C: i32, KH: i32, KW: i32, SH: i32, SW: i32, DH: i32, DW: i32,
  PT: i32, PL: i32, OH: i32, OW: i32,
): void {
  gH = H; gW = W; gC = C; gKH = KH; gKW = KW; gSH = SH; gSW = SW; gDH = DH; gDW = DW;
  gPT = PT; gPL = PL; gOH = OH; gOW = OW;
}

export function geomH(): i32 { return gH; }
export function geomW(): i32 { return gW; }
export function geomC(): i32 { return gC; }
export function geomKH(): i32 { return gKH; }
export function geomKW(): i32 { return gKW; }
export function geomSH(): i32 { return gSH; }
export function geomSW(): i32 { return gSW; }
export function geomDH(): i32 { return gDH; }
export function geomDW(): i32 { return gDW; }
export function geomPT(): i32 { return gPT; }
export function geomPL(): i32 { return gPL; }
export function geomOH(): i32 { return gOH; }
export function geomOW(): i32 { return gOW; }

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
