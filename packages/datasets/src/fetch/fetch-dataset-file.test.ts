import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayerwiseError } from '@layerwise/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchDatasetFile, type FetchDatasetFileOptions } from './fetch-dataset-file.js';
import type { FetchLike } from './fetch-like.js';

const GOOD = new TextEncoder().encode('the right bytes of a dataset file');
const BAD = new TextEncoder().encode('some other bytes');
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const MIRRORS = ['https://first.example/data/', 'https://second.example/data'];

/** A fetch that serves `files` (URL to bytes, or an HTTP status), recording every URL asked for. */
function fakeFetch(files: Record<string, Uint8Array | number>): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    const served = files[url] ?? 404;
    if (typeof served === 'number') {
      return { ok: false, status: served, statusText: 'Not Found', arrayBuffer: async () => new ArrayBuffer(0) };
    }
    return { ok: true, status: 200, arrayBuffer: async () => Uint8Array.from(served).buffer };
  };
  return Object.assign(fetch, { calls });
}

async function failure(promise: Promise<unknown>): Promise<LayerwiseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LayerwiseError);
  return error as LayerwiseError;
}

let root: string;
let cacheDir: string;
let offlineDir: string;
const savedEnv = { ...process.env };

beforeEach(async () => {
  // The CI environment points LAYERWISE_DATASETS_DIR at the real datasets: these tests set their own.
  delete process.env['LAYERWISE_DATASETS_DIR'];
  delete process.env['LAYERWISE_CACHE_DIR'];
  root = await mkdtemp(join(tmpdir(), 'layerwise-fetch-'));
  cacheDir = join(root, 'cache');
  offlineDir = join(root, 'offline');
});

afterEach(async () => {
  process.env = { ...savedEnv };
  await rm(root, { recursive: true, force: true });
});

function options(fetch: FetchLike, extra: Partial<FetchDatasetFileOptions> = {}): FetchDatasetFileOptions {
  return { name: 'file.gz', dataset: 'toy', md5: md5(GOOD), mirrors: MIRRORS, cacheDir, fetch, ...extra };
}

describe('fetchDatasetFile: download and cache', () => {
  it('downloads into the cache, and a second call reads the cache without fetching', async () => {
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': GOOD });
    const first = await fetchDatasetFile(options(fetch));
    expect(first).toEqual({ bytes: GOOD, origin: 'download', location: 'https://first.example/data/file.gz' });
    expect(new Uint8Array(await readFile(join(cacheDir, 'toy', 'file.gz')))).toEqual(GOOD);
    expect(await readdir(join(cacheDir, 'toy'))).toEqual(['file.gz']);

    const second = await fetchDatasetFile(options(fetch));
    expect(second).toEqual({ bytes: GOOD, origin: 'cache', location: join(cacheDir, 'toy', 'file.gz') });
    expect(fetch.calls).toEqual(['https://first.example/data/file.gz']);
  });

  it('tries the next mirror after an HTTP error, adding the missing slash', async () => {
    const fetch = fakeFetch({ 'https://second.example/data/file.gz': GOOD });
    const file = await fetchDatasetFile(options(fetch));
    expect(file.location).toBe('https://second.example/data/file.gz');
    expect(fetch.calls).toEqual(['https://first.example/data/file.gz', 'https://second.example/data/file.gz']);
  });

  it('on a checksum mismatch raises an error naming the file and both checksums, leaving nothing in the cache', async () => {
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': BAD, 'https://second.example/data/file.gz': BAD });
    const error = await failure(fetchDatasetFile(options(fetch)));
    expect(error.message).toContain('toy/file.gz: could not get the file');
    expect(error.message).toContain(
      `https://first.example/data/file.gz: checksum mismatch: expected md5 ${md5(GOOD)}, got ${md5(BAD)} (${BAD.length} bytes)`,
    );
    expect(error.message).toContain('https://second.example/data/file.gz: checksum mismatch');
    expect(await readdir(join(cacheDir, 'toy'))).toEqual([]);
  });

  it('takes a good copy from the second mirror after a bad one from the first', async () => {
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': BAD, 'https://second.example/data/file.gz': GOOD });
    const file = await fetchDatasetFile(options(fetch));
    expect(file.bytes).toEqual(GOOD);
    expect(await readdir(join(cacheDir, 'toy'))).toEqual(['file.gz']);
  });

  it('replaces a poisoned cached file', async () => {
    await mkdir(join(cacheDir, 'toy'), { recursive: true });
    await writeFile(join(cacheDir, 'toy', 'file.gz'), BAD);
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': GOOD });
    const file = await fetchDatasetFile(options(fetch));
    expect(file.origin).toBe('download');
    expect(fetch.calls).toHaveLength(1);
    expect(new Uint8Array(await readFile(join(cacheDir, 'toy', 'file.gz')))).toEqual(GOOD);
  });

  it('deletes a poisoned cached file even when no mirror can replace it', async () => {
    await mkdir(join(cacheDir, 'toy'), { recursive: true });
    await writeFile(join(cacheDir, 'toy', 'file.gz'), BAD);
    const error = await failure(fetchDatasetFile(options(fakeFetch({}))));
    expect(error.message).toContain(`deleted the cached copy ${join(cacheDir, 'toy', 'file.gz')}: md5 ${md5(BAD)}, expected ${md5(GOOD)}`);
    expect(error.message).toContain('https://first.example/data/file.gz: HTTP 404 Not Found');
    expect(await readdir(join(cacheDir, 'toy'))).toEqual([]);
  });

  it('reports network errors of every mirror', async () => {
    const fetch: FetchLike = async (url) => {
      throw new TypeError('fetch failed', { cause: new Error(`getaddrinfo ENOTFOUND ${new URL(url).host}`) });
    };
    const error = await failure(fetchDatasetFile(options(fetch)));
    expect(error.message).toContain('https://first.example/data/file.gz: fetch failed (getaddrinfo ENOTFOUND first.example)');
    expect(error.message).toContain('https://second.example/data/file.gz: fetch failed (getaddrinfo ENOTFOUND second.example)');
  });

  it('uses LAYERWISE_CACHE_DIR when no cacheDir is given', async () => {
    process.env['LAYERWISE_CACHE_DIR'] = join(root, 'env-cache');
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': GOOD });
    await fetchDatasetFile({ ...options(fetch), cacheDir: undefined });
    expect(await readdir(join(root, 'env-cache', 'toy'))).toEqual(['file.gz']);
  });

  it('accepts the checksum in upper case', async () => {
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': GOOD });
    expect((await fetchDatasetFile(options(fetch, { md5: md5(GOOD).toUpperCase() }))).bytes).toEqual(GOOD);
  });

  it('downloads through the global fetch from a local HTTP server', async () => {
    const requests: string[] = [];
    const server: Server = createServer((request, response) => {
      requests.push(request.url ?? '');
      if (request.url === '/mirror/file.gz') response.end(Buffer.from(GOOD));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const file = await fetchDatasetFile({
        name: 'file.gz',
        dataset: 'toy',
        md5: md5(GOOD),
        mirrors: [`http://127.0.0.1:${port}/missing/`, `http://127.0.0.1:${port}/mirror/`],
        cacheDir,
      });
      expect(file.bytes).toEqual(GOOD);
      expect(requests).toEqual(['/missing/file.gz', '/mirror/file.gz']);
      expect(new Uint8Array(await readFile(join(cacheDir, 'toy', 'file.gz')))).toEqual(GOOD);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('fetchDatasetFile: offline directory', () => {
  async function putOffline(bytes: Uint8Array): Promise<void> {
    await mkdir(join(offlineDir, 'toy'), { recursive: true });
    await writeFile(join(offlineDir, 'toy', 'file.gz'), bytes);
  }

  it('reads the offline directory first, fetching nothing and caching nothing', async () => {
    await putOffline(GOOD);
    const fetch = fakeFetch({});
    const file = await fetchDatasetFile(options(fetch, { offlineDir }));
    expect(file).toEqual({ bytes: GOOD, origin: 'offline', location: join(offlineDir, 'toy', 'file.gz') });
    expect(fetch.calls).toEqual([]);
    await expect(readdir(cacheDir)).rejects.toThrow(/ENOENT/);
  });

  it('reads LAYERWISE_DATASETS_DIR when no offlineDir is given', async () => {
    await putOffline(GOOD);
    process.env['LAYERWISE_DATASETS_DIR'] = offlineDir;
    expect((await fetchDatasetFile(options(fakeFetch({})))).origin).toBe('offline');
  });

  it('verifies offline files: a wrong one is an error naming it and both checksums', async () => {
    await putOffline(BAD);
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': GOOD });
    const error = await failure(fetchDatasetFile(options(fetch, { offlineDir })));
    expect(error.message).toBe(
      `toy/file.gz: checksum mismatch in the offline directory: ${join(offlineDir, 'toy', 'file.gz')} has md5 ${md5(BAD)}, ` +
        `expected ${md5(GOOD)} (${BAD.length} bytes). Replace the file or unset LAYERWISE_DATASETS_DIR`,
    );
    expect(fetch.calls).toEqual([]);
  });

  it('falls back to the cache and the mirrors when the offline directory lacks the file', async () => {
    const fetch = fakeFetch({ 'https://first.example/data/file.gz': GOOD });
    const file = await fetchDatasetFile(options(fetch, { offlineDir }));
    expect(file.origin).toBe('download');
    expect((await fetchDatasetFile(options(fetch, { offlineDir }))).origin).toBe('cache');
  });

  it('names what it looked at when nothing has the file', async () => {
    const error = await failure(fetchDatasetFile(options(fakeFetch({}), { offlineDir, mirrors: [] })));
    expect(error.message).toBe(
      `toy/file.gz: could not get the file: not in the offline directory ${offlineDir}; ` +
        `not in the cache ${join(cacheDir, 'toy')}; no mirrors to download from`,
    );
  });
});

describe('fetchDatasetFile: arguments', () => {
  it.each([
    [{ name: '../escape.gz' }, /`name`, expected a plain file name/],
    [{ name: '' }, /`name`/],
    [{ dataset: 'a/b' }, /`dataset`/],
    [{ dataset: '..' }, /`dataset`/],
    [{ md5: 'abc' }, /`md5`, expected 32 hex digits. Received: md5='abc'/],
    [{ mirrors: 'https://x/' as unknown as string[] }, /`mirrors`/],
    [{ cacheDir: '' }, /`cacheDir`, expected a directory path/],
    [{ offlineDir: 3 as unknown as string }, /`offlineDir`/],
    [{ fetch: 'fetch' as unknown as FetchLike }, /`fetch`, expected a function/],
  ])('rejects %j', async (extra, message) => {
    const error = await failure(fetchDatasetFile(options(fakeFetch({}), extra)));
    expect(error.message).toMatch(/^fetchDatasetFile: /);
    expect(error.message).toMatch(message);
  });
});
