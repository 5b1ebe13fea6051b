import type { BroadcastPlan } from './broadcast-plan.js';

// One monomorphic loop per operation and layout: a shared loop taking the operation as a function
// would see every operation at one call site and stop V8 from inlining it (tfjs-backend-cpu's
// binary kernels run ~10x slower for that reason). Float64 arithmetic rounded to float32 on
// store, exactly as tfjs-backend-cpu computes. `out` has plan.size floats; every one is written.

type Plan = Exclude<BroadcastPlan, { kind: 'other' }>;

/** `a + b` for a plan other than 'other'. */
export function addLoop(a: Float32Array, b: Float32Array, plan: Plan, out: Float32Array): Float32Array {
  const n = plan.size;
  switch (plan.kind) {
    case 'same':
      for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!;
      break;
    case 'scalarB': {
      const s = b[0]!;
      for (let i = 0; i < n; i++) out[i] = a[i]! + s;
      break;
    }
    case 'scalarA': {
      const s = a[0]!;
      for (let i = 0; i < n; i++) out[i] = s + b[i]!;
      break;
    }
    case 'trailingB':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[r + j]! + b[j]!;
      break;
    case 'trailingA':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[j]! + b[r + j]!;
      break;
  }
  return out;
}

/** `a - b` for a plan other than 'other'. */
export function subLoop(a: Float32Array, b: Float32Array, plan: Plan, out: Float32Array): Float32Array {
  const n = plan.size;
  switch (plan.kind) {
    case 'same':
      for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
      break;
    case 'scalarB': {
      const s = b[0]!;
      for (let i = 0; i < n; i++) out[i] = a[i]! - s;
      break;
    }
    case 'scalarA': {
      const s = a[0]!;
      for (let i = 0; i < n; i++) out[i] = s - b[i]!;
      break;
    }
    case 'trailingB':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[r + j]! - b[j]!;
      break;
    case 'trailingA':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[j]! - b[r + j]!;
      break;
  }
  return out;
}

/** `a * b` for a plan other than 'other'. */
export function mulLoop(a: Float32Array, b: Float32Array, plan: Plan, out: Float32Array): Float32Array {
  const n = plan.size;
  switch (plan.kind) {
    case 'same':
      for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!;
      break;
    case 'scalarB': {
      const s = b[0]!;
      for (let i = 0; i < n; i++) out[i] = a[i]! * s;
      break;
    }
    case 'scalarA': {
      const s = a[0]!;
      for (let i = 0; i < n; i++) out[i] = s * b[i]!;
      break;
    }
    case 'trailingB':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[r + j]! * b[j]!;
      break;
    case 'trailingA':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[j]! * b[r + j]!;
      break;
  }
  return out;
}

/** `a / b` for a plan other than 'other'. */
export function divLoop(a: Float32Array, b: Float32Array, plan: Plan, out: Float32Array): Float32Array {
  const n = plan.size;
  switch (plan.kind) {
    case 'same':
      for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!;
      break;
    case 'scalarB': {
      const s = b[0]!;
      for (let i = 0; i < n; i++) out[i] = a[i]! / s;
      break;
    }
    case 'scalarA': {
      const s = a[0]!;
      for (let i = 0; i < n; i++) out[i] = s / b[i]!;
      break;
    }
    case 'trailingB':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[r + j]! / b[j]!;
      break;
    case 'trailingA':
      for (let r = 0, inner = plan.inner; r < n; r += inner) for (let j = 0; j < inner; j++) out[r + j] = a[j]! / b[r + j]!;
      break;
  }
  return out;
}
