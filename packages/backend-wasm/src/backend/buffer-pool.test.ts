import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool.js';

describe('BufferPool', () => {
  it('recycles an array once every data id storing it is released', () => {
    const pool = new BufferPool(1 << 20);
    const a = pool.take(10);
    pool.retain(a);
    pool.retain(a);
    pool.release(a);
    expect(pool.pooledBytes).toBe(0);
    expect(pool.take(10)).not.toBe(a);
    pool.release(a);
    expect(pool.pooledBytes).toBe(40);
    expect(pool.owns(a)).toBe(false);
    expect(pool.take(10)).toBe(a);
    expect(pool.pooledBytes).toBe(0);
  });

  it('never recycles arrays it did not hand out', () => {
    const pool = new BufferPool(1 << 20);
    const user = new Float32Array(10);
    pool.retain(user);
    pool.release(user);
    expect(pool.pooledBytes).toBe(0);
    expect(pool.take(10)).not.toBe(user);
  });

  it('holds at most its byte limit, and nothing after clear', () => {
    // Room for one 80-byte array: the second released one is dropped.
    const pool = new BufferPool(100);
    const arrays = [pool.take(20), pool.take(20)];
    for (const a of arrays) {
      pool.retain(a);
      pool.release(a);
    }
    expect(pool.pooledBytes).toBe(80);
    const third = pool.take(20);
    expect(arrays).toContain(third);
    pool.clear();
    expect(pool.pooledBytes).toBe(0);
  });
});
