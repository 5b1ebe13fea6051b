import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { LayerwiseError } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { gunzip } from './gunzip.js';

async function failure(promise: Promise<unknown>): Promise<LayerwiseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LayerwiseError);
  return error as LayerwiseError;
}

const source = 'data.bin.gz';
const original = new Uint8Array(randomBytes(200_000));
const gz = new Uint8Array(gzipSync(original));

describe('gunzip', () => {
  it('restores gzip-compressed bytes', async () => {
    expect(await gunzip(gz, { source })).toEqual(original);
  });

  it('restores data much larger than the stream buffers', async () => {
    const big = Buffer.alloc(4_000_000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251;
    const restored = await gunzip(new Uint8Array(gzipSync(big)), { source });
    expect(Buffer.from(restored.buffer, restored.byteOffset, restored.length).equals(big)).toBe(true);
  });

  it('names the file of truncated data', async () => {
    const error = await failure(gunzip(gz.subarray(0, 1000), { source }));
    expect(error.message).toMatch(/^data\.bin\.gz: truncated gzip data \(1000 bytes\)/);
  });

  it('names the file of data cut short of its trailer', async () => {
    const error = await failure(gunzip(gz.subarray(0, gz.length - 4), { source }));
    expect(error.message).toMatch(/^data\.bin\.gz: truncated gzip data/);
  });

  it('names the file of corrupt data', async () => {
    const corrupt = Uint8Array.from(gz);
    for (let i = 100; i < 300; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
    const error = await failure(gunzip(corrupt, { source }));
    expect(error.message).toMatch(/^data\.bin\.gz: corrupt gzip data/);
  });

  it('detects a wrong checksum in the trailer', async () => {
    const corrupt = Uint8Array.from(gz);
    corrupt[corrupt.length - 6] = corrupt[corrupt.length - 6]! ^ 1;
    const error = await failure(gunzip(corrupt, { source }));
    expect(error.message).toMatch(/^data\.bin\.gz: corrupt gzip data .*check/);
  });

  it('rejects data that is not gzip, naming the file and its first bytes', async () => {
    const error = await failure(gunzip(new Uint8Array(100).fill(7), { source }));
    expect(error.message).toBe('data.bin.gz: not gzip data: expected the gzip magic bytes 0x1f 0x8b, got 0x07 0x07');
  });

  it('rejects data too short to be gzip', async () => {
    const error = await failure(gunzip(gz.subarray(0, 10), { source }));
    expect(error.message).toMatch(/^data\.bin\.gz: truncated gzip data: .* got 10$/);
  });
});
