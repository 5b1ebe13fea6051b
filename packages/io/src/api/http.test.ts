import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir } from '../testing/locations.js';
import type { DownloadProgress } from './http.js';
import { loadModel } from './load.js';

/** A static file server over ../shared/models, with one model.json whose shard path escapes. */
function serve(): Promise<Server> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/evil/model.json') {
      response.end(JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['../doodlenet/group1-shard1of1.bin'], weights: [] }] }));
      return;
    }
    const path = normalize(join(modelsDir, decodeURIComponent(url.pathname)));
    try {
      const { size } = await stat(path);
      response.writeHead(200, { 'content-length': size });
      createReadStream(path).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('loading over HTTP', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    await useBackend('cpu');
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('loads a TensorFlow.js model and a .keras archive from URLs, reporting progress', async () => {
    const progress: DownloadProgress[] = [];
    const model = await loadModel(`${base}/doodlenet/model.json`, { onProgress: (p) => progress.push(p) });
    expect(model.countParams()).toBeGreaterThan(1e5);
    const shard = progress.filter((p) => p.url.endsWith('.bin'));
    expect(shard.length).toBeGreaterThan(1);
    expect(shard.at(-1)!.loaded).toBe(shard.at(-1)!.total);
    model.dispose();
    const mlp = await loadModel(`${base}/keras/nguyen-fashion-mlp-k380/fashion_mnist_model.keras`);
    expect(mlp.countParams()).toBe(101_770);
    const x = tf.zeros([1, 28, 28]);
    const p = mlp.predictOnBatch(x) as tf.Tensor;
    expect(p.shape).toEqual([1, 10]);
    tf.dispose([x, p]);
    mlp.dispose();
  });

  it('refuses a download over maxBytes before reading it, a shard outside the model folder and a missing file', async () => {
    await expect(loadModel(`${base}/keras/nguyen-fashion-mlp-k380/fashion_mnist_model.keras`, { maxBytes: 1000 })).rejects.toThrow(
      /fashion_mnist_model\.keras' is \d+ bytes \(Content-Length\), over the 1000-byte limit/,
    );
    await expect(loadModel(`${base}/evil/model.json`)).rejects.toThrow(/shard path '..\/doodlenet\/group1-shard1of1.bin' .* leaves the model's folder/);
    await expect(loadModel(`${base}/nothing/model.keras`)).rejects.toThrow(/cannot fetch '.*nothing\/model\.keras': HTTP 404/);
  });
});
