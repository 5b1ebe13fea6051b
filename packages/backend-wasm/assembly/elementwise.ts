// Elementwise float32 kernels over data already in the module's memory: binary operations with
// the broadcast layouts that need no index arithmetic, and unary ones. Each (operation, layout)
// pair gets its own loop: `op` is a constant inside the inlined loop bodies, so the compiler
// removes the selection. Results are those of tfjs-backend-cpu: +, -, *, /, sqrt and min/max are
// correctly rounded in float32 exactly as cpu's float64 arithmetic rounded to float32 is.
// In branch-free SIMD form these cost ~0.1-0.4 ns per float (memory-bound); as JavaScript loops
// over typed arrays 1.3-1.9 ns (and `x < 0 ? 0 : x` mispredicts on random signs).

export const OP_ADD: i32 = 0;
export const OP_SUB: i32 = 1;
export const OP_MUL: i32 = 2;
export const OP_DIV: i32 = 3;
export const OP_MAX: i32 = 4;
export const OP_MIN: i32 = 5;
export const OP_SQDIFF: i32 = 6;

/**
 * Layouts: equal shapes, a is one value, b is one value, a repeats every `inner`, b does, a has
 * one value per row of `inner` outputs, b does.
 */
export const MODE_SAME: i32 = 0;
export const MODE_SCALAR_A: i32 = 1;
export const MODE_SCALAR_B: i32 = 2;
export const MODE_TRAILING_A: i32 = 3;
export const MODE_TRAILING_B: i32 = 4;
export const MODE_ROWS_A: i32 = 5;
export const MODE_ROWS_B: i32 = 6;

export const U_RELU: i32 = 0;
export const U_STEP: i32 = 1;
export const U_NEG: i32 = 2;
export const U_SQUARE: i32 = 3;
export const U_SQRT: i32 = 4;
export const U_ABS: i32 = 5;
export const U_CLIP: i32 = 6;
export const U_EXP: i32 = 7;
export const U_LOG: i32 = 8;

// @ts-ignore: decorator
@inline
function opV(op: i32, a: v128, b: v128): v128 {
  if (op == OP_ADD) return f32x4.add(a, b);
  if (op == OP_SUB) return f32x4.sub(a, b);
  if (op == OP_MUL) return f32x4.mul(a, b);
  if (op == OP_DIV) return f32x4.div(a, b);
  if (op == OP_MAX) return f32x4.max(a, b);
  if (op == OP_MIN) return f32x4.min(a, b);
  const d = f32x4.sub(a, b);
  return f32x4.mul(d, d);
}

// @ts-ignore: decorator
@inline
function opS(op: i32, a: f32, b: f32): f32 {
  if (op == OP_ADD) return a + b;
  if (op == OP_SUB) return a - b;
  if (op == OP_MUL) return a * b;
  if (op == OP_DIV) return a / b;
  // f32.max / f32.min: NaN if either is NaN, and max(-0, 0) = 0, as JavaScript's Math.max / min.
  if (op == OP_MAX) return max<f32>(a, b);
  if (op == OP_MIN) return min<f32>(a, b);
  const d = a - b;
  return d * d;
}

/** `out[i] = a[i] op b[i]` for i in 0..n (a, b, out may be offset views of larger arrays). */
// @ts-ignore: decorator
@inline
function sameLoop(op: i32, a: usize, b: usize, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, opV(op, v128.load(a + o), v128.load(b + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, opS(op, load<f32>(a + o), load<f32>(b + o)));
  }
}

/** `out[i] = a[i] op s` (or `s op b[i]` when `scalarFirst`). */
// @ts-ignore: decorator
@inline
function scalarLoop(op: i32, scalarFirst: bool, x: usize, s: f32, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const sv = f32x4.splat(s);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      const v = v128.load(x + o);
      v128.store(out + o, scalarFirst ? opV(op, sv, v) : opV(op, v, sv));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(out + o, scalarFirst ? opS(op, s, v) : opS(op, v, s));
  }
}

/** Every row of `inner` floats of `big` combined with `small` (big first unless `smallFirst`). */
// @ts-ignore: decorator
@inline
function trailingLoop(op: i32, smallFirst: bool, big: usize, small: usize, out: usize, n: i32, inner: i32): void {
  const rowBytes = <usize>inner << 2;
  for (let r = 0; r < n; r += inner) {
    if (smallFirst) sameLoop(op, small, big, out, inner);
    else sameLoop(op, big, small, out, inner);
    big += rowBytes;
    out += rowBytes;
  }
}

/** Every row of `inner` floats of `big` combined with that row's single value of `small`. */
// @ts-ignore: decorator
@inline
function rowsLoop(op: i32, smallFirst: bool, big: usize, small: usize, out: usize, n: i32, inner: i32): void {
  const rowBytes = <usize>inner << 2;
  for (let r = 0; r < n; r += inner) {
    scalarLoop(op, smallFirst, big, load<f32>(small), out, inner);
    big += rowBytes;
    out += rowBytes;
    small += 4;
  }
}

// @ts-ignore: decorator
@inline
function binaryOp(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32, inner: i32): void {
  if (mode == MODE_SAME) sameLoop(op, a, b, out, n);
  else if (mode == MODE_SCALAR_A) scalarLoop(op, true, b, load<f32>(a), out, n);
  else if (mode == MODE_SCALAR_B) scalarLoop(op, false, a, load<f32>(b), out, n);
  else if (mode == MODE_TRAILING_A) trailingLoop(op, true, b, a, out, n, inner);
  else if (mode == MODE_TRAILING_B) trailingLoop(op, false, a, b, out, n, inner);
  else if (mode == MODE_ROWS_A) rowsLoop(op, true, b, a, out, n, inner);
  else rowsLoop(op, false, a, b, out, n, inner);
}

/**
 * `out = a op b` for `n` output floats in layout `mode`: equal sizes, a or b a single value, a or
 * b of `inner` floats repeating along the output (a bias against [N, H, W, C]), or a or b with
 * one value per row of `inner` outputs (a [N, 1] sum against [N, C]).
 */
export function binary(op: i32, mode: i32, a: usize, b: usize, out: usize, n: i32, inner: i32): void {
  switch (op) {
    case OP_ADD: binaryOp(OP_ADD, mode, a, b, out, n, inner); break;
    case OP_SUB: binaryOp(OP_SUB, mode, a, b, out, n, inner); break;
    case OP_MUL: binaryOp(OP_MUL, mode, a, b, out, n, inner); break;
    case OP_DIV: binaryOp(OP_DIV, mode, a, b, out, n, inner); break;
    case OP_MAX: binaryOp(OP_MAX, mode, a, b, out, n, inner); break;
    case OP_MIN: binaryOp(OP_MIN, mode, a, b, out, n, inner); break;
    default: binaryOp(OP_SQDIFF, mode, a, b, out, n, inner);
  }
}

// @ts-ignore: decorator
@inline
function unaryV(op: i32, v: v128, p0: v128, p1: v128): v128 {
  if (op == U_RELU) return f32x4.pmax(v, f32x4.splat(0));
  if (op == U_STEP) {
    // x > 0 ? 1 : alpha, NaN kept.
    const stepped = v128.bitselect(f32x4.splat(1), p0, f32x4.gt(v, f32x4.splat(0)));
    return v128.bitselect(stepped, v, f32x4.eq(v, v));
  }
  if (op == U_NEG) return f32x4.neg(v);
  if (op == U_SQUARE) return f32x4.mul(v, v);
  if (op == U_SQRT) return f32x4.sqrt(v);
  if (op == U_ABS) return f32x4.abs(v);
  // Clip: x > hi ? hi : x < lo ? lo : x, NaN kept.
  return f32x4.pmin(f32x4.pmax(v, p0), p1);
}

// @ts-ignore: decorator
@inline
function unaryS(op: i32, v: f32, p0: f32, p1: f32): f32 {
  if (op == U_RELU) return v < 0 ? 0 : v;
  if (op == U_STEP) return v > 0 ? 1 : v != v ? v : p0;
  if (op == U_NEG) return -v;
  if (op == U_SQUARE) return v * v;
  if (op == U_SQRT) return sqrt<f32>(v);
  if (op == U_ABS) return abs<f32>(v);
  return v > p1 ? p1 : v < p0 ? p0 : v;
}

/**
 * exp and log, computed in float64 and rounded to float32 as tfjs-backend-cpu does (`Math.exp` on
 * a number stored into a Float32Array), so the results are identical to cpu's.
 */
// @ts-ignore: decorator
@inline
function mathLoop(op: i32, x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const v = <f64>load<f32>(x + o);
    store<f32>(y + o, <f32>(op == U_EXP ? Math.exp(v) : Math.log(v)));
  }
}

// @ts-ignore: decorator
@inline
function unaryLoop(op: i32, x: usize, y: usize, n: i32, p0: f32, p1: f32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const v0 = f32x4.splat(p0);
    const v1 = f32x4.splat(p1);
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(y + o, unaryV(op, v128.load(x + o), v0, v1));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, unaryS(op, load<f32>(x + o), p0, p1));
  }
}

/**
 * `y = op(x)` for `n` floats (y may equal x): relu (`x < 0 ? 0 : x`, NaN and -0 kept), step
 * (`x > 0 ? 1 : p0`, NaN kept), neg, square, sqrt, abs, clip to [p0, p1] (NaN kept). The two
 * parameters p0, p1 are read from `params` (two floats in memory: the thread pool's call encoding
 * reserves negative numeric arguments for scratch addresses).
 */
export function unary(op: i32, x: usize, y: usize, n: i32, params: usize): void {
  const p0 = load<f32>(params);
  const p1 = load<f32>(params, 4);
  switch (op) {
    case U_EXP: mathLoop(U_EXP, x, y, n); return;
    case U_LOG: mathLoop(U_LOG, x, y, n); return;
    case U_RELU: unaryLoop(U_RELU, x, y, n, p0, p1); break;
    case U_STEP: unaryLoop(U_STEP, x, y, n, p0, p1); break;
    case U_NEG: unaryLoop(U_NEG, x, y, n, p0, p1); break;
    case U_SQUARE: unaryLoop(U_SQUARE, x, y, n, p0, p1); break;
    case U_SQRT: unaryLoop(U_SQRT, x, y, n, p0, p1); break;
    case U_ABS: unaryLoop(U_ABS, x, y, n, p0, p1); break;
    default: unaryLoop(U_CLIP, x, y, n, p0, p1);
  }
}
