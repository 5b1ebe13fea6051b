import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultThreadCount } from './default-threads.js';

describe('defaultThreadCount', () => {
  it('uses every core Node reports, capped', async () => {
    expect(await defaultThreadCount()).toBe(Math.min(8, availableParallelism()));
    expect(await defaultThreadCount(1)).toBe(1);
  });
});
