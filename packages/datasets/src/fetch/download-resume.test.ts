import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayerwiseError } from '@layerwise/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchDatasetFile } from './fetch-dataset-file.js';
import type { DatasetDownloadProgress } from './progress.js';
import { RESUME_ATTEMPTS } from './download.js';

const FILE = randomBytes(256 * 1024);
const MD5 = createHash('md5').update(FILE).digest('hex');

/** How the test server answers one request: the bytes to send from `start`, and whether to cut the connection. */
interface Plan {
  /** Honour `Range` requests (206), else always send the whole file (200). */
  ranges: boolean;
  /** Cut the connection after this many body bytes of the n-th request (0-based); absent: never. */
  cutAfter?: (requestIndex: number) => number | undefined;
  /** Serve these bytes instead of the right ones. */
  body?: Buffer;
}

interface Served {
  server: Server;
  url: string;
  requests: { range: string | undefined }[];
}

async function serve(plan: Plan): Promise<Served> {
  const requests: { range: string | undefined }[] = [];
  const body = plan.body ?? FILE;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const index = requests.length;
    const range = request.headers.range;
    requests.push({ range });
    const match = plan.ranges && range ? /^bytes=(\d+)-$/.exec(range) : null;
    const start = match ? Number(match[1]) : 0;
    const headers: Record<string, string> = { 'content-length': String(body.length - start), 'accept-ranges': plan.ranges ? 'bytes' : 'none' };
    if (match) headers['content-range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    response.writeHead(match ? 206 : 200, headers);
    const cut = plan.cutAfter?.(index);
    if (cut === undefined) {
      response.end(body.subarray(start));
      return;
    }
    response.write(body.subarray(start, start + cut), () => setTimeout(() => request.socket.destroy(), 20));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/data/`, requests };
}

let root: string;
let served: Served | undefined;
const savedEnv = { ...process.env };

beforeEach(async () => {
  delete process.env['LAYERWISE_DATASETS_DIR'];
  root = await mkdtemp(join(tmpdir(), 'layerwise-resume-'));
});

afterEach(async () => {
  process.env = { ...savedEnv };
  if (served) await new Promise((resolve) => served!.server.close(resolve));
  served = undefined;
  await rm(root, { recursive: true, force: true });
});

function get(url: string, progress: DatasetDownloadProgress[] = []) {
  return fetchDatasetFile({ name: 'big.bin', dataset: 'toy', md5: MD5, mirrors: [url], cacheDir: root, onProgress: (p) => progress.push(p) });
}

describe('downloads over HTTP: progress, resumption, clean failures', () => {
  it('reports progress up to the total', async () => {
    served = await serve({ ranges: true });
    const progress: DatasetDownloadProgress[] = [];
    const file = await get(served.url, progress);
    expect(Buffer.from(file.bytes).equals(FILE)).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.total === FILE.length && p.file === 'toy/big.bin' && p.url === `${served!.url}big.bin`)).toBe(true);
    expect(progress.map((p) => p.loaded)).toEqual([...progress.map((p) => p.loaded)].sort((a, b) => a - b));
    expect(progress.at(-1)!.loaded).toBe(FILE.length);
  });

  it('resumes a cut connection with a Range request and keeps a verified file only', async () => {
    served = await serve({ ranges: true, cutAfter: (i) => (i === 0 ? 100_000 : undefined) });
    const progress: DatasetDownloadProgress[] = [];
    const file = await get(served.url, progress);
    expect(Buffer.from(file.bytes).equals(FILE)).toBe(true);
    expect(served.requests).toHaveLength(2);
    expect(served.requests[0]!.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(served.requests[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(100_000);
    // Progress never went back: the resumed download kept the bytes it had.
    expect(progress.map((p) => p.loaded)).toEqual([...progress.map((p) => p.loaded)].sort((a, b) => a - b));
    expect(await readdir(join(root, 'toy'))).toEqual(['big.bin']);
    expect((await readFile(join(root, 'toy', 'big.bin'))).equals(FILE)).toBe(true);
  });

  it('restarts from the first byte when the server ignores Range', async () => {
    served = await serve({ ranges: false, cutAfter: (i) => (i === 0 ? 100_000 : undefined) });
    const file = await get(served.url);
    expect(Buffer.from(file.bytes).equals(FILE)).toBe(true);
    expect(served.requests).toHaveLength(2);
    expect(served.requests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect((await readFile(join(root, 'toy', 'big.bin'))).equals(FILE)).toBe(true);
  });

  it('gives up after repeated cuts with an error naming the file and what arrived, leaving nothing behind', async () => {
    served = await serve({ ranges: true, cutAfter: () => 10_000 });
    const error = await get(served.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayerwiseError);
    expect((error as Error).message).toContain('toy/big.bin: could not get the file');
    expect((error as Error).message).toMatch(new RegExp(`download interrupted at \\d+ of ${FILE.length} bytes, ${RESUME_ATTEMPTS} resumptions failed`));
    expect(served.requests).toHaveLength(RESUME_ATTEMPTS + 1);
    expect(await readdir(join(root, 'toy'))).toEqual([]);
  });

  it('rejects wrong bytes by checksum, leaving nothing behind', async () => {
    served = await serve({ ranges: true, body: randomBytes(1000) });
    const error = await get(served.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayerwiseError);
    expect((error as Error).message).toContain(`checksum mismatch: expected md5 ${MD5}`);
    expect(await readdir(join(root, 'toy'))).toEqual([]);
  });

  it("deletes stale temporary files of a download killed mid-way, not a live one's", async () => {
    await mkdir(join(root, 'toy'), { recursive: true });
    const stale = join(root, 'toy', 'big.bin.old-1.part');
    const live = join(root, 'toy', 'big.bin.new-2.part');
    await writeFile(stale, 'partial');
    await writeFile(live, 'partial');
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(stale, hourAgo, hourAgo);
    served = await serve({ ranges: true });
    await get(served.url);
    expect((await readdir(join(root, 'toy'))).sort()).toEqual(['big.bin', 'big.bin.new-2.part']);
  });
});
