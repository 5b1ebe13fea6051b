import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directoryFiles, servePage } from './serve.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('directoryFiles and servePage', () => {
  it('serves a built site: every file by its path, index.html also at the root, COOP/COEP on request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-harness-'));
    dirs.push(dir);
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<p>hi</p>');
    await writeFile(join(dir, 'assets', 'app.js'), 'export {};');
    const files = await directoryFiles(dir);
    expect(files).toEqual({ '/': join(dir, 'index.html'), '/index.html': join(dir, 'index.html'), '/assets/app.js': join(dir, 'assets', 'app.js') });
    const { server, origin } = await servePage({ generated: new Map(), files, crossOriginIsolated: true });
    try {
      const root = await fetch(`${origin}/`);
      expect(await root.text()).toBe('<p>hi</p>');
      expect(root.headers.get('content-type')).toBe('text/html');
      expect(root.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
      const script = await fetch(`${origin}/assets/app.js`);
      expect(script.headers.get('content-type')).toBe('text/javascript');
      expect((await fetch(`${origin}/missing.js`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
