import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Connect, Plugin } from 'vite';

/** The public mirror the dev server proxies MNIST from when there is no offline copy. */
const MIRROR = 'https://storage.googleapis.com/cvdf-datasets/mnist/';
const PLAIN_NAME = /^[A-Za-z0-9._-]+$/;

function middleware(offlineDir: string | undefined): Connect.NextHandleFunction {
  return (request, response, next) => {
    const match = /^\/datasets\/mnist\/([^/?#]+)/.exec(request.url ?? '');
    if (!match || !PLAIN_NAME.test(match[1]!)) return next();
    const name = match[1]!;
    const local = offlineDir ? join(offlineDir, 'mnist', name) : undefined;
    if (local && existsSync(local)) {
      response.setHeader('Content-Type', 'application/gzip');
      createReadStream(local).pipe(response);
      return;
    }
    // Same origin for the page: no CORS needed, even on a cross-origin-isolated page.
    fetch(MIRROR + name)
      .then(async (upstream) => {
        response.statusCode = upstream.status;
        response.setHeader('Content-Type', 'application/gzip');
        response.end(Buffer.from(await upstream.arrayBuffer()));
      })
      .catch((error: unknown) => {
        response.statusCode = 502;
        response.end(`could not fetch ${MIRROR + name}: ${String(error)}`);
      });
  };
}

/**
 * Serves `/datasets/mnist/<file>` in `vite` and `vite preview`: from `LAYERWISE_DATASETS_DIR/mnist/`
 * when that has the file (offline machines, CI), else fetched from the public mirror.
 */
export function mnistFiles(offlineDir = process.env['LAYERWISE_DATASETS_DIR'] || undefined): Plugin {
  return {
    name: 'layerwise-mnist-files',
    configureServer(server) {
      server.middlewares.use(middleware(offlineDir));
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware(offlineDir));
    },
  };
}
