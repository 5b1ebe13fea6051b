import { describe, expect, it } from 'vitest';
import { browserUnavailable } from './chromium.js';
import { runInBrowser } from './run-in-browser.js';

const unavailable = browserUnavailable();
const ENTRY = new URL('./fixtures/isolation.ts', import.meta.url).pathname;

describe.skipIf(unavailable)('runInBrowser (headless Chromium)', () => {
  it('runs a module and returns its result; COOP/COEP make the page cross-origin isolated', async () => {
    const plain = await runInBrowser<Record<string, unknown>>({ entry: ENTRY, args: {} });
    expect(plain.result).toMatchObject({ crossOriginIsolated: false, sharedArrayBuffer: 'undefined', gpu: true });
    const isolated = await runInBrowser<Record<string, unknown>>({ entry: ENTRY, args: {}, crossOriginIsolated: true });
    expect(isolated.result).toMatchObject({ crossOriginIsolated: true, sharedArrayBuffer: 'function' });
  }, 120_000);

  it("rejects with the page's error", async () => {
    await expect(runInBrowser({ entry: ENTRY, args: { fail: true } })).rejects.toThrow(/threw in Chromium: Error: failing on purpose/);
  }, 120_000);
});

it('says why browser tests are skipped outside CI', () => {
  if (unavailable) console.warn(`browser tests skipped: ${unavailable}`);
  expect(process.env['CI'] ? unavailable : undefined).toBeUndefined();
});
