import { createServer, type Server } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.css': 'text/css',
};

/**
 * Every file under `dir` (a built web app's `dist/`), as the `files` of {@link servePage}: URL path
 * (`prefix` + the path inside `dir`, with `/`) to file path; `index.html` is also served as `prefix`.
 */
export async function directoryFiles(dir: string, prefix = '/'): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const url = prefix + relative(dir, path).split(sep).join('/');
    files[url] = path;
    if (entry.name === 'index.html' && entry.parentPath === dir) files[prefix] = path;
  }
  return files;
}

/** What a test page server serves: generated text by URL path, and files from disk by URL path. */
export interface PageContent {
  readonly generated: ReadonlyMap<string, string>;
  readonly files: Readonly<Record<string, string>>;
  /** Send COOP/COEP headers, making the page cross-origin isolated (SharedArrayBuffer, threads). */
  readonly crossOriginIsolated: boolean;
}

/** Starts a local HTTP server on 127.0.0.1 for the content; resolves with it and its origin. */
export async function servePage(content: PageContent): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
      if (content.crossOriginIsolated) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
        headers['Cross-Origin-Resource-Policy'] = 'same-origin';
      }
      const generated = content.generated.get(path);
      const file = content.files[path];
      try {
        const body = generated ?? (file ? await readFile(file) : undefined);
        if (body === undefined) {
          response.writeHead(404, headers).end(`not found: ${path}`);
          return;
        }
        headers['Content-Type'] = path.endsWith('/') ? 'text/html' : (TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
        response.writeHead(200, headers).end(body);
      } catch (error) {
        response.writeHead(500, headers).end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('browser-harness: the server has no port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}
