import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** `../shared/models` (or `LAYERWISE_MODELS_DIR`), where tests find real pretrained models. */
export const sharedModelsDir = resolve(
  process.env['LAYERWISE_MODELS_DIR'] ?? resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(__dirname, '../../../../../shared/datasets'), '../models'),
);

/** The MD5 of bytes, as Keras publishes it. */
export const md5Of = (bytes: Uint8Array | string) => createHash('md5').update(bytes).digest('hex');

/** What a suite gets from {@link suiteFixtures}; read the fields inside tests (they are set before them). */
export interface SuiteFixtures {
  /** A temporary folder, removed after the suite. */
  readonly dir: string;
  /** The base URL of a local HTTP server serving `files` by path (404 for the rest). */
  readonly url: string;
  readonly files: Map<string, Uint8Array>;
  /** Requests received per path. */
  readonly hits: Map<string, number>;
}

/** A temporary folder and a local file server, made before the suite's tests and removed after them. */
export function suiteFixtures(prefix: string): SuiteFixtures {
  const state = { dir: '', url: '', files: new Map<string, Uint8Array>(), hits: new Map<string, number>() };
  let server: Server;
  beforeAll(async () => {
    state.dir = await mkdtemp(join(tmpdir(), prefix));
    server = createServer((request, response) => {
      const path = request.url ?? '';
      state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
      const body = state.files.get(path);
      if (body === undefined) response.writeHead(404).end();
      else response.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((done) => server.close(() => done()));
    await rm(state.dir, { recursive: true, force: true });
  });
  return state;
}
