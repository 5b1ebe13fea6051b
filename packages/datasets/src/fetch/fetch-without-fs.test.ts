import { createHash } from 'node:crypto';
import { LayerwiseError } from '@layerwise/core';
import { describe, expect, it, vi } from 'vitest';
import { fetchDatasetFile } from './fetch-dataset-file.js';
import type { FetchLike } from './fetch-like.js';

// As in a browser: no file system, so no offline directory and no cache, only verified downloads.
vi.mock('../node-modules.js', () => ({ loadNodeModules: async () => undefined }));

const GOOD = new TextEncoder().encode('served bytes');
const md5 = createHash('md5').update(GOOD).digest('hex');

function serving(bytes: Uint8Array): FetchLike & { calls: string[] } {
  const calls: string[] = [];
  const fetch: FetchLike = async (url) => {
    calls.push(url);
    return { ok: true, status: 200, arrayBuffer: async () => Uint8Array.from(bytes).buffer };
  };
  return Object.assign(fetch, { calls });
}

describe('fetchDatasetFile without a file system', () => {
  it('downloads and verifies in memory, ignoring the offline directory', async () => {
    const fetch = serving(GOOD);
    const file = await fetchDatasetFile({ name: 'f.gz', dataset: 'toy', md5, mirrors: ['https://m.test/'], offlineDir: '/nowhere', fetch });
    expect(file).toEqual({ bytes: GOOD, origin: 'download', location: 'https://m.test/f.gz' });
    expect(fetch.calls).toEqual(['https://m.test/f.gz']);
  });

  it('raises a checksum mismatch naming the file and both checksums', async () => {
    const bad = new TextEncoder().encode('tampered');
    const error = await fetchDatasetFile({ name: 'f.gz', dataset: 'toy', md5, mirrors: ['https://m.test/'], fetch: serving(bad) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LayerwiseError);
    expect((error as Error).message).toBe(
      `toy/f.gz: could not download the file: every mirror failed: https://m.test/f.gz: checksum mismatch: ` +
        `expected md5 ${md5}, got ${createHash('md5').update(bad).digest('hex')} (8 bytes)`,
    );
  });
});
