import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untar } from './tar.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lw-tar-'));
  const long = `${'deep/'.repeat(25)}file with a long name.bin`;
  await mkdir(join(root, 'in', 'top', 'deep/'.repeat(25)), { recursive: true });
  await writeFile(join(root, 'in', 'top', long), Buffer.alloc(1500, 7));
  await writeFile(join(root, 'in', 'top', 'small.txt'), 'hello');
  await writeFile(join(root, 'in', 'top', 'empty'), '');
  await writeFile(join(root, 'in', 'one.bin'), Buffer.alloc(1500, 1));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function pack(format: string): Promise<Uint8Array> {
  const out = join(root, `${format}.tar`);
  execFileSync('tar', [`--format=${format}`, '-cf', out, '-C', join(root, 'in'), 'top']);
  return new Uint8Array(await readFile(out));
}

describe('untar', () => {
  it.each(['gnu', 'pax', 'ustar'])('reads regular files with long names (%s)', async (format) => {
    const files = untar(await pack(format), { source: 'a.tar' });
    const long = `top/${'deep/'.repeat(25)}file with a long name.bin`;
    expect([...files.keys()].sort()).toEqual([long, 'top/empty', 'top/small.txt'].sort());
    expect(files.get(long)).toEqual(new Uint8Array(1500).fill(7));
    expect(new TextDecoder().decode(files.get('top/small.txt'))).toBe('hello');
    expect(files.get('top/empty')).toHaveLength(0);
  });

  it('rejects truncated and corrupt archives, naming them', async () => {
    const bytes = await pack('gnu');
    const ends = [700, 1600, 2000, 2600, 3100, 3700, 4500].filter((n) => n < bytes.length - 1024);
    for (const end of ends) expect(() => untar(bytes.subarray(0, end), { source: 'cut.tar' })).toThrow(/^cut\.tar: truncated tar archive: /);
    execFileSync('tar', ['-cf', join(root, 'one.tar'), '-C', join(root, 'in'), 'one.bin']);
    const one = new Uint8Array(await readFile(join(root, 'one.tar')));
    expect(() => untar(one.subarray(0, 1000), { source: 'cut.tar' })).toThrow("cut.tar: truncated tar archive: 'one.bin' needs 1500 bytes at byte 512, the archive has 1000");
    const corrupt = Uint8Array.from(bytes);
    corrupt[0]! ^= 0xff;
    expect(() => untar(corrupt, { source: 'bad.tar' })).toThrow('bad.tar: not a tar archive, or corrupt: bad header checksum at byte 0');
    expect(() => untar(new Uint8Array(100), { source: 'tiny.tar' })).toThrow(/tiny\.tar: truncated tar archive/);
  });
});
