import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './files.js';

const failure = vi.hoisted(() => ({ halfway: false }));

// A write that stops half-way (a full disk, a killed process), once asked to.
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    writeFile: async (path: string, data: Uint8Array) => {
      if (!failure.halfway) return fs.writeFile(path, data);
      await fs.writeFile(path, data.subarray(0, data.length >> 1));
      throw new Error('ENOSPC: no space left on device');
    },
  };
});

describe('writeFileAtomic', () => {
  const folder = { path: '' };
  beforeAll(async () => {
    folder.path = await mkdtemp(join(tmpdir(), 'lw-atomic-'));
  });
  afterAll(() => rm(folder.path, { recursive: true, force: true }));

  it('a save interrupted half-way leaves the previous file whole and no temporary file behind', async () => {
    const target = join(folder.path, 'model.keras');
    await writeFile(target, 'previous model');
    failure.halfway = true;
    await expect(writeFileAtomic(target, new Uint8Array(1000).fill(7), 'saveModel')).rejects.toThrow(/saveModel: cannot write '.*model\.keras': ENOSPC/);
    failure.halfway = false;
    expect(await readFile(target, 'utf8')).toBe('previous model');
    expect(await readdir(folder.path)).toEqual(['model.keras']);
    await writeFileAtomic(target, new Uint8Array(1000).fill(7), 'saveModel');
    expect((await readFile(target)).byteLength).toBe(1000);
  });
});
