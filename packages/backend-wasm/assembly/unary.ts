// Branch-free elementwise activations. In JavaScript `x < 0 ? 0 : x` compiles to a branch that
// random signs mispredict half the time (~7 ns per element); here it is one pmax per four lanes.

/** `y = x < 0 ? 0 : x` (NaN and -0 kept, as tfjs-backend-cpu) for `n` floats; y may equal x. */
export function relu(x: usize, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.pmax(v128.load(x + o), zero));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(y + o, v < 0 ? 0 : v);
  }
}

/** `y = x > 0 ? 1 : (x is NaN ? NaN : alpha)` (tfjs' Step) for `n` floats; y may equal x. */
export function step(x: usize, y: usize, n: i32, alpha: f32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  const low = f32x4.splat(alpha);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    const stepped = v128.bitselect(one, low, f32x4.gt(v, zero));
    v128.store(y + o, v128.bitselect(stepped, v, f32x4.eq(v, v)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const v = load<f32>(x + o);
    store<f32>(y + o, v > 0 ? 1 : v != v ? v : alpha);
  }
}
