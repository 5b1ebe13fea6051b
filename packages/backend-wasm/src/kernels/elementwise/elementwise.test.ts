import { describe, expect, it } from 'vitest';
import { planBroadcast } from './broadcast-plan.js';

// The kernels themselves are tested against tfjs-backend-cpu in every module configuration
// (src/testing/elementwise-suites.ts, run by the kernels*.test.ts files).
describe('planBroadcast', () => {
  it('recognises the loop layouts and nothing else', () => {
    expect(planBroadcast([2, 3], [2, 3]).plan.kind).toBe('same');
    expect(planBroadcast([2, 3], []).plan.kind).toBe('scalarB');
    expect(planBroadcast([1, 1], [4, 5]).plan.kind).toBe('scalarA');
    expect(planBroadcast([4, 5, 6], [1, 6]).plan).toEqual({ kind: 'trailingB', size: 120, inner: 6 });
    expect(planBroadcast([5, 6], [4, 5, 6]).plan).toEqual({ kind: 'trailingA', size: 120, inner: 30 });
    expect(planBroadcast([128, 10], [128, 1]).plan).toEqual({ kind: 'rowsB', size: 1280, inner: 10 });
    expect(planBroadcast([3, 1, 1], [3, 4, 5]).plan).toEqual({ kind: 'rowsA', size: 60, inner: 20 });
    expect(planBroadcast([2, 3, 1], [2, 3, 4]).plan).toEqual({ kind: 'rowsA', size: 24, inner: 4 });
    expect(planBroadcast([4, 1], [1, 5]).plan.kind).toBe('other');
    expect(planBroadcast([2, 1, 4], [2, 3, 4]).plan.kind).toBe('other');
    expect(planBroadcast([4, 5, 6], [5, 1]).plan.kind).toBe('other');
    expect(() => planBroadcast([2, 3], [4])).toThrow();
  });
});
