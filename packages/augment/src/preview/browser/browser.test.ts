import { browserUnavailable, runInBrowser } from '@layerwise/browser-harness';
import { describe, expect, it } from 'vitest';

const unavailable = browserUnavailable();

describe.skipIf(unavailable)('drawAugmentationPreview in headless Chromium', () => {
  it("draws the book's four augmented versions of an image on a real canvas", async () => {
    const { result } = await runInBrowser<{ width: number; height: number; colours: number; tensors: number }>({
      entry: new URL('./page.ts', import.meta.url).pathname,
    });
    // Four 32x32 panels in one row with 2-pixel gaps, as augmentationGrid lays them out.
    expect(result.width).toBeGreaterThanOrEqual(4 * 32);
    expect(result.height).toBeGreaterThanOrEqual(32);
    expect(result.colours).toBeGreaterThan(100);
    expect(result.tensors).toBe(0);
  }, 180_000);
});

it('says why the browser test is skipped outside CI', () => {
  if (unavailable) console.warn(`browser tests skipped: ${unavailable}`);
  expect(process.env['CI'] ? unavailable : undefined).toBeUndefined();
});
