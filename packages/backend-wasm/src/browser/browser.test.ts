import { browserUnavailable, runInBrowser } from '@layerwise/browser-harness';
import { describe, expect, it } from 'vitest';

// The Web Worker thread path only exists in browsers: run the backend in headless Chromium, on a
// cross-origin-isolated page (SharedArrayBuffer: Web Workers on shared memory) and on a plain one
// (one thread, and the backend says why), checking a conv2d + dense step's gradients against
// tfjs-backend-cpu in the same page.

const unavailable = browserUnavailable();
const ENTRY = new URL('./threads-page.ts', import.meta.url).pathname;

interface PageReport {
  info: { variant: string; threads: number; threadsNote?: string; features: { simd: boolean; relaxedSimd: boolean; sharedMemory: boolean } };
  crossOriginIsolated: boolean;
  maxRelative: number;
  count: number;
}

describe.skipIf(unavailable)('layerwise-wasm in headless Chromium', () => {
  it('runs on 2 threads as Web Workers on a cross-origin-isolated page, with cpu-equal gradients', async () => {
    const { result } = await runInBrowser<PageReport>({ entry: ENTRY, crossOriginIsolated: true });
    expect(result.crossOriginIsolated).toBe(true);
    expect(result.info.threads).toBe(2);
    expect(result.info.threadsNote).toBeUndefined();
    // Chromium validates SIMD and relaxed SIMD: the backend picks the relaxed build on shared memory.
    expect(result.info.features).toMatchObject({ simd: true, relaxedSimd: true, sharedMemory: true });
    expect(result.info.variant).toBe('relaxedSimdShared');
    expect(result.count).toBe(3 * 3 * 3 * 8 + 800 * 5);
    expect(result.maxRelative).toBeLessThan(1e-4);
  }, 180_000);

  it('runs on one thread on a plain page and says why', async () => {
    const { result } = await runInBrowser<PageReport>({ entry: ENTRY });
    expect(result.crossOriginIsolated).toBe(false);
    expect(result.info.threads).toBe(1);
    expect(result.info.threadsNote).toMatch(/SharedArrayBuffer is unavailable \(in browsers the page must be cross-origin isolated\)/);
    expect(result.info.variant).toBe('relaxedSimd');
    expect(result.maxRelative).toBeLessThan(1e-4);
  }, 180_000);
});

it('says why the browser tests are skipped outside CI', () => {
  if (unavailable) console.warn(`browser tests skipped: ${unavailable}`);
  expect(process.env['CI'] ? unavailable : undefined).toBeUndefined();
});
