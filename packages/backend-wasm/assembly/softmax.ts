/**
 * Softmax over rows r0..r1 of a rows x n float matrix (the last axis), one pass per row, as
 * tfjs-backend-cpu's five kernels compute it: the row maximum (NaN wins), `exp` of the float32
 * difference rounded to float32, a float64 sum rounded to float32, a float32 quotient.
 */
export function softmaxRows(x: usize, y: usize, n: i32, r0: i32, r1: i32): void {
  const rowBytes = <usize>n << 2;
  for (let r = r0; r < r1; r++) {
    const xr = x + <usize>r * rowBytes;
    const yr = y + <usize>r * rowBytes;
    let max = load<f32>(xr);
    for (let j = 0; j < n; j++) {
      const v = load<f32>(xr + (<usize>j << 2));
      if (v != v || v > max) max = v;
    }
    let sum: f64 = 0;
    for (let j = 0; j < n; j++) {
      const e = <f32>Math.exp(<f64>(load<f32>(xr + (<usize>j << 2)) - max));
      store<f32>(yr + (<usize>j << 2), e);
      sum += <f64>e;
    }
    const total = <f64>(<f32>sum);
    for (let j = 0; j < n; j++) {
      const at = yr + (<usize>j << 2);
      store<f32>(at, <f32>(<f64>load<f32>(at) / total));
    }
  }
}
