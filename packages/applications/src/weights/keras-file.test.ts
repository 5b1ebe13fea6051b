import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { md5Of, suiteFixtures } from '../testing/fixtures.js';
import { getKerasFile, KERAS_FILES_FOLDER, type KerasFile } from './keras-file.js';

const fixtures = suiteFixtures('layerwise-keras-file-');
const bytes = new TextEncoder().encode('a small stand-in for a Keras weights file');

const file = (name: string, md5: string | null): KerasFile => ({ name, baseUrl: `${fixtures.url}/keras-applications/`, md5 });

describe('getKerasFile', () => {
  it('downloads a file once, verifies it, and serves it from the cache afterwards', async () => {
    fixtures.files.set('/keras-applications/a.h5', bytes);
    const cacheDir = join(fixtures.dir, 'cache-a');
    const spec = file('a.h5', md5Of(bytes));
    expect(await getKerasFile(spec, { cacheDir })).toEqual(bytes);
    expect(await getKerasFile(spec, { cacheDir })).toEqual(bytes);
    expect(fixtures.hits.get('/keras-applications/a.h5')).toBe(1);
    expect(await readdir(join(cacheDir, KERAS_FILES_FOLDER))).toEqual(['a.h5']);
  });

  it('refuses a download whose MD5 differs from the published one, leaving nothing in the cache', async () => {
    fixtures.files.set('/keras-applications/b.h5', bytes);
    const cacheDir = join(fixtures.dir, 'cache-b');
    const wrong = '0123456789abcdef0123456789abcdef';
    await expect(getKerasFile(file('b.h5', wrong), { cacheDir })).rejects.toThrow(new RegExp(`b\\.h5.*checksum mismatch: expected md5 ${wrong}, got ${md5Of(bytes)}`));
    expect(await readdir(join(cacheDir, KERAS_FILES_FOLDER))).toEqual([]);
  });

  it('reads the offline directory first, and takes files without a published checksum as they are', async () => {
    const offlineDir = join(fixtures.dir, 'offline');
    await mkdir(join(offlineDir, KERAS_FILES_FOLDER), { recursive: true });
    const local = new TextEncoder().encode('offline copy');
    await writeFile(join(offlineDir, KERAS_FILES_FOLDER, 'c.h5'), local);
    const got = await getKerasFile(file('c.h5', null), { offlineDir, cacheDir: join(fixtures.dir, 'cache-c') });
    expect(new TextDecoder().decode(got)).toBe('offline copy');
    expect(fixtures.hits.get('/keras-applications/c.h5')).toBeUndefined();
  });

  it('downloads from another base URL when asked (a mirror), and names the URLs it tried when all fail', async () => {
    fixtures.files.set('/mirror/d.h5', bytes);
    const got = await getKerasFile(file('d.h5', md5Of(bytes)), { baseUrl: `${fixtures.url}/mirror/`, cacheDir: join(fixtures.dir, 'cache-d') });
    expect(got).toEqual(bytes);
    await expect(getKerasFile(file('e.h5', null), { cacheDir: join(fixtures.dir, 'cache-e') })).rejects.toThrow(/keras-applications\/e\.h5.*HTTP 404/);
    await expect(getKerasFile(file('e.h5', null), { baseUrl: 'ftp://example.com/' })).rejects.toThrow(/`baseUrl`, expected an http\(s\) URL. Received: baseUrl='ftp:\/\/example.com\/'/);
  });
});
