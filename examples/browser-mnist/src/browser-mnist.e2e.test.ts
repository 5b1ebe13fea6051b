import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { browserUnavailable, directoryFiles, withPage, type Page } from '@layerwise/browser-harness';
import { beforeAll, describe, expect, it } from 'vitest';

// The built page (`vite build` runs before the tests) served as a static site, cross-origin
// isolated, with the MNIST test files from LAYERWISE_DATASETS_DIR at datasets/mnist/ as the Vite
// server serves them; driven in Debian's headless Chromium with SwiftShader as its WebGPU adapter.

const unavailable = browserUnavailable();
const ROOT = resolve(__dirname, '..');
const DATASETS = process.env['LAYERWISE_DATASETS_DIR'] || resolve(ROOT, '../../../shared/datasets');
const SCREENSHOTS = join(ROOT, 'test-results');
const WEBGPU_FLAGS = ['--enable-features=Vulkan', '--use-webgpu-adapter=swiftshader'];

let files: Record<string, string>;
beforeAll(async () => {
  if (unavailable) return;
  files = await directoryFiles(join(ROOT, 'dist'));
  for (const name of ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) files[`/datasets/mnist/${name}`] = join(DATASETS, 'mnist', name);
  await mkdir(SCREENSHOTS, { recursive: true });
});

type Stroke = readonly (readonly [number, number])[];

/** Strokes of digits, in fractions of the pad's size. */
const DIGITS: Record<number, readonly Stroke[]> = {
  1: [[[0.5, 0.15], [0.5, 0.85]]],
  0: [Array.from({ length: 41 }, (_, i) => [0.5 + 0.22 * Math.sin((i / 40) * 2 * Math.PI), 0.5 - 0.33 * Math.cos((i / 40) * 2 * Math.PI)] as const)],
  7: [[[0.25, 0.2], [0.75, 0.2], [0.42, 0.85]]],
};

async function draw(page: Page, digit: number): Promise<{ prediction: number; probabilities: number[] }> {
  await page.click('#clear');
  await page.waitForFunction(() => document.getElementById('prediction')!.dataset['prediction'] === undefined);
  const box = (await page.locator('#pad').boundingBox())!;
  for (const stroke of DIGITS[digit]!) {
    const [first, ...rest] = stroke;
    await page.mouse.move(box.x + first![0] * box.width, box.y + first![1] * box.height);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(box.x + x * box.width, box.y + y * box.height, { steps: 8 });
    await page.mouse.up();
  }
  await page.waitForSelector('#prediction[data-prediction]');
  return page.evaluate(() => ({
    prediction: Number(document.getElementById('prediction')!.dataset['prediction']),
    probabilities: [...document.querySelectorAll<HTMLElement>('#prediction .bar')].map((bar) => Number(bar.dataset['probability'])),
  }));
}

async function trainInPage(page: Page, origin: string, query: string, timeout: number): Promise<{ backend: string; backendText: string; progress: string; valAccuracy: number }> {
  await page.goto(`${origin}/?${query}`);
  await page.waitForSelector('#status[data-state="ready"], #status[data-state="error"]', { timeout: 60_000 });
  await page.click('#train');
  await page.waitForSelector('#status[data-state="trained"], #status[data-state="error"]', { timeout });
  return page.evaluate(() => {
    const status = document.getElementById('status')!;
    if (status.dataset['state'] === 'error') throw new Error(status.textContent ?? 'error');
    const backend = document.getElementById('backend')!;
    return {
      backend: backend.dataset['name']!,
      backendText: backend.textContent!,
      progress: document.getElementById('progress')!.textContent!,
      valAccuracy: Number(status.dataset['valAccuracy']),
    };
  });
}

describe.skipIf(unavailable)('examples/browser-mnist in headless Chromium', () => {
  it("trains on 'auto' (WebAssembly: the software WebGPU adapter is skipped, and the page says so), charts it and reads drawn digits", async () => {
    const screenshot = join(SCREENSHOTS, 'browser-mnist-auto.png');
    const result = await withPage({ files, crossOriginIsolated: true, launchArgs: WEBGPU_FLAGS, viewport: { width: 1100, height: 900 } }, async ({ page, origin, console }) => {
      const trained = await trainInPage(page, origin, 'epochs=6&steps=20', 240_000);
      const drawn = { one: await draw(page, 1), zero: await draw(page, 0), seven: await draw(page, 7) };
      const chartPoints = await page.locator('#chart [aria-roledescription="point"]').count();
      const threads = await page.evaluate(() => crossOriginIsolated);
      await page.screenshot({ path: screenshot, fullPage: true });
      return { ...trained, drawn, chartPoints, threads, errors: console.filter((m) => m.startsWith('error') || m.startsWith('pageerror')) };
    });
    expect(result.errors).toEqual([]);
    expect(result.threads).toBe(true);
    expect(result.backend).toBe('layerwise-wasm');
    expect(result.backendText).toMatch(/^layerwise-wasm \(auto; skipped webgpu: registerWebGpuBackend: the only adapter is a software one/);
    // The progress bar, printed into the page, starts with the same backend line.
    expect(result.progress.split('\n')[0]).toBe(`Training on ${result.backendText}`);
    expect(result.progress).toContain('Epoch 6/6');
    // 6 rounds of 20 batches of 64 (7,680 images): a small convnet is well past 90% on held-out digits.
    expect(result.valAccuracy).toBeGreaterThan(0.9);
    // Two panels (loss, accuracy), training and validation, one point per round.
    expect(result.chartPoints).toBe(2 * 2 * 6);
    for (const [name, { probabilities }] of Object.entries(result.drawn)) {
      expect(probabilities, name).toHaveLength(10);
      expect(probabilities.reduce((a, b) => a + b, 0), name).toBeCloseTo(1, 2);
    }
    expect(result.drawn.one.prediction).toBe(1);
    expect(result.drawn.zero.prediction).toBe(0);
    expect(result.drawn.seven.prediction).toBe(7);
    expect((await stat(screenshot)).size).toBeGreaterThan(20_000);
  }, 300_000);

  it('trains on WebGPU when asked for it (SwiftShader here), reading back only asynchronously', async () => {
    const screenshot = join(SCREENSHOTS, 'browser-mnist-webgpu.png');
    const result = await withPage({ files, crossOriginIsolated: true, launchArgs: WEBGPU_FLAGS }, async ({ page, origin, console }) => {
      const trained = await trainInPage(page, origin, 'backend=webgpu&epochs=2&steps=6', 240_000);
      const drawn = await draw(page, 1);
      await page.screenshot({ path: screenshot, fullPage: true });
      return { ...trained, drawn, errors: console.filter((m) => m.startsWith('error') || m.startsWith('pageerror')) };
    });
    expect(result.errors).toEqual([]);
    expect(result.backend).toBe('webgpu');
    expect(result.progress.split('\n')[0]).toBe('Training on webgpu (explicit)');
    // 12 batches: far from converged, far above chance (10%).
    expect(result.valAccuracy).toBeGreaterThan(0.3);
    expect(result.drawn.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
  }, 300_000);
});

it('says why the browser tests are skipped outside CI', () => {
  if (unavailable) console.warn(`browser tests skipped: ${unavailable}`);
  expect(process.env['CI'] ? unavailable : undefined).toBeUndefined();
});
