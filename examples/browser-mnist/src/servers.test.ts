import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { preview } from 'vite';
import { describe, expect, it } from 'vitest';

// `vite preview` (and `vite`, through the same plugin and headers) serves the built page cross-origin
// isolated and the MNIST files from LAYERWISE_DATASETS_DIR at datasets/mnist/.

const ROOT = resolve(__dirname, '..');
const DATASETS = process.env['LAYERWISE_DATASETS_DIR'] || resolve(ROOT, '../../../shared/datasets');

describe('the preview server', () => {
  it('serves the page cross-origin isolated and the MNIST test files from the offline directory', async () => {
    process.env['LAYERWISE_DATASETS_DIR'] = DATASETS;
    const server = await preview({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
    try {
      const origin = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
      const page = await fetch(`${origin}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(page.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      expect(await page.text()).toContain('<canvas id="pad"');
      const labels = await fetch(`${origin}/datasets/mnist/t10k-labels-idx1-ubyte.gz`);
      expect(labels.status).toBe(200);
      const expected = await readFile(join(DATASETS, 'mnist', 't10k-labels-idx1-ubyte.gz'));
      expect(Buffer.from(await labels.arrayBuffer()).equals(expected)).toBe(true);
      // Names outside the plain-file pattern are not served from disk (the page's fallback answers).
      expect(await (await fetch(`${origin}/datasets/mnist/..%2F..%2F..%2Fetc%2Fpasswd`)).text()).not.toContain('root:');
    } finally {
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    }
  });
});
