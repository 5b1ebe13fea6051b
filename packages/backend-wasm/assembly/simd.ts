// Small helpers shared by the kernels. Two compile-time constants pick the code: ASC_FEATURE_SIMD is
// false in the scalar build (for engines without WebAssembly SIMD), ASC_FEATURE_RELAXED_SIMD true
// only in the relaxed-SIMD build. The untaken branches are removed at compile time, so a SIMD
// instruction never reaches the scalar module.

/** `a * b + c` on four f32 lanes: one fused instruction in the relaxed build, mul then add otherwise. */
// @ts-ignore: decorator
@inline
export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    return f32x4.relaxed_madd(a, b, c);
  } else {
    return f32x4.add(f32x4.mul(a, b), c);
  }
}

/** Activation codes shared with the TypeScript side (see src/wasm/abi.ts). */
export const ACT_LINEAR: i32 = 0;
export const ACT_RELU: i32 = 1;
export const ACT_RELU6: i32 = 2;

/** Applies an activation to four lanes; relu keeps NaN as NaN, like tfjs' `x < 0 ? 0 : x`. */
// @ts-ignore: decorator
@inline
export function activate(v: v128, act: i32): v128 {
  if (act == ACT_RELU) return f32x4.pmax(v, f32x4.splat(0));
  if (act == ACT_RELU6) return f32x4.pmin(f32x4.pmax(v, f32x4.splat(0)), f32x4.splat(6));
  return v;
}

/** The scalar form of {@link activate}. */
// @ts-ignore: decorator
@inline
export function activateScalar(v: f32, act: i32): f32 {
  if (act == ACT_RELU) return v < 0 ? 0 : v;
  if (act == ACT_RELU6) return v < 0 ? 0 : v > 6 ? 6 : v;
  return v;
}

/** Copies `n` floats from `src` to `dst` (distinct regions), four at a time. */
// @ts-ignore: decorator
@inline
export function copyFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      v128.store(dst + (<usize>i << 2), v128.load(src + (<usize>i << 2)));
    }
  }
  for (; i < n; i++) {
    store<f32>(dst + (<usize>i << 2), load<f32>(src + (<usize>i << 2)));
  }
}

/** Sets `n` floats at `dst` to zero. */
// @ts-ignore: decorator
@inline
export function zeroFloats(dst: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const z = f32x4.splat(0);
    for (; i + 4 <= n; i += 4) v128.store(dst + (<usize>i << 2), z);
  }
  for (; i < n; i++) store<f32>(dst + (<usize>i << 2), 0);
}

/** `dst[i] += src[i]` for `n` floats. */
// @ts-ignore: decorator
@inline
export function addFloats(dst: usize, src: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const p = dst + (<usize>i << 2);
      v128.store(p, f32x4.add(v128.load(p), v128.load(src + (<usize>i << 2))));
    }
  }
  for (; i < n; i++) {
    const p = dst + (<usize>i << 2);
    store<f32>(p, load<f32>(p) + load<f32>(src + (<usize>i << 2)));
  }
}

/** `dst[i] += a[i] * b[i]` for `n` floats. */
// @ts-ignore: decorator
@inline
export function maddFloats(dst: usize, a: usize, b: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(dst + o, madd(v128.load(a + o), v128.load(b + o), v128.load(dst + o)));
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(a + o) * load<f32>(b + o));
  }
}
