import { browserUnavailable, runInBrowser } from '@layerwise/browser-harness';
import { describe, expect, it } from 'vitest';

const unavailable = browserUnavailable();

describe.skipIf(unavailable)('saving and loading in a browser (headless Chromium)', () => {
  it('round-trips a compiled model through IndexedDB, localStorage, downloads and user-picked files', async () => {
    const { result } = await runInBrowser<{ same: Record<string, boolean>; downloads: string[]; missing: string; partial: string }>({
      entry: new URL('./page.ts', import.meta.url).pathname,
    });
    expect(result.same).toEqual({ 'indexeddb://mlp': true, 'localstorage://mlp': true, files: true });
    expect(result.downloads).toEqual(['my-model.json', 'my-model.weights.bin']);
    expect(result.missing).toMatch(/IndexedDB holds no model named 'nothing-here'/);
    expect(result.partial).toMatch(/names the weight file 'my-model.weights.bin', which is not among the files given/);
  }, 180_000);
});

it('says why the browser tests are skipped outside CI', () => {
  if (unavailable) console.warn(`browser tests skipped: ${unavailable}`);
  expect(process.env['CI'] ? unavailable : undefined).toBeUndefined();
});
