import { browserUnavailable, runInBrowser } from '@layerwise/browser-harness';
import { describe, expect, it } from 'vitest';
import type { BrowserParityReport } from './browser-page.js';

// The same parity cases and convnet run as parity.test.ts, in headless Chromium (Debian's, through
// the browser harness, with --enable-unsafe-webgpu) on its WebGPU adapter.
const unavailable = browserUnavailable();
const ENTRY = new URL('./browser-page.ts', import.meta.url).pathname;

describe.skipIf(unavailable)('webgpu parity in headless Chromium', () => {
  it('matches the cpu reference on every layer and in training', async () => {
    const { result } = await runInBrowser<BrowserParityReport>({ entry: ENTRY, launchArgs: ['--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader'] });
    expect(result.info.source).toBe('browser');
    for (const [name, error] of Object.entries(result.errors)) expect(error, name).toBeLessThan(1e-4);
    expect(result.leaked).toBe(0);
    expect(result.cpuCurve[2]!).toBeLessThan(result.cpuCurve[0]!);
    result.webgpuCurve.forEach((v, i) => expect(Math.abs(v - result.cpuCurve[i]!), `curve[${i}]`).toBeLessThan(1e-3));
  }, 180_000);
});

it('says why the browser tests are skipped outside CI', () => {
  if (unavailable) console.warn(`browser tests skipped: ${unavailable}`);
  expect(process.env['CI'] ? unavailable : undefined).toBeUndefined();
});
