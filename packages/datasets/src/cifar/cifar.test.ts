import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { testFolder } from '../testing/shared-data.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTensors } from '../mnist/tensors.js';
import { CIFAR10, cifar100Spec, loadCifar10, loadCifar100, loadCifarArchive } from './load.js';
import { CIFAR100_FILE, CIFAR10_FILE } from './files.js';

/** The value CIFAR stores for item `item`, channel `c`, pixel `p` in these tests (an easily checked pattern). */
const value = (item: number, c: number, p: number) => (item * 7 + c * 50 + p) % 256;

/** `count` records in CIFAR's binary layout: label byte(s), then the R, G and B planes. */
function records(first: number, count: number, labels: (item: number) => number[]): Buffer {
  const parts: Buffer[] = [];
  for (let item = first; item < first + count; item++) {
    const planes = Buffer.alloc(3072);
    for (let c = 0; c < 3; c++) for (let p = 0; p < 1024; p++) planes[c * 1024 + p] = value(item, c, p);
    parts.push(Buffer.from(labels(item)), planes);
  }
  return Buffer.concat(parts);
}

let root: string;

/** Writes `files` under a fresh folder and packs them with the system's tar into `<offline>/<dataset>/<archive>`. */
async function archive(dataset: string, name: string, files: Record<string, Buffer | string>, format = 'gnu'): Promise<string> {
  const work = await mkdtemp(join(root, 'src-'));
  for (const [path, bytes] of Object.entries(files)) {
    await mkdir(join(work, path, '..'), { recursive: true });
    await writeFile(join(work, path), bytes);
  }
  const offline = await mkdtemp(join(root, 'offline-'));
  await mkdir(join(offline, dataset));
  const top = [...new Set(Object.keys(files).map((p) => p.split('/')[0]!))];
  execFileSync('tar', [`--format=${format}`, '-czf', join(offline, dataset, name), '-C', work, ...top]);
  return offline;
}

const md5Of = async (path: string) => createHash('md5').update(await readFile(path)).digest('hex');

beforeAll(async () => {
  root = await testFolder('lw-cifar-');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const cifar10Files = (): Record<string, Buffer | string> => {
  const files: Record<string, Buffer | string> = {};
  for (let b = 1; b <= 5; b++) files[`cifar-10-batches-bin/data_batch_${b}.bin`] = records((b - 1) * 2, 2, (i) => [i % 10]);
  files['cifar-10-batches-bin/test_batch.bin'] = records(100, 3, (i) => [(i + 1) % 10]);
  files['cifar-10-batches-bin/batches.meta.txt'] = 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n';
  files['cifar-10-batches-bin/readme.html'] = '<html></html>';
  return files;
};

describe('CIFAR-10 from an archive in the real binary layout', () => {
  it('reads every batch with labels, class names and pixels channels last', async () => {
    const offline = await archive('cifar10', CIFAR10_FILE.name, cifar10Files());
    const md5 = await md5Of(join(offline, 'cifar10', CIFAR10_FILE.name));
    const data = await loadCifarArchive({ ...CIFAR10, file: { ...CIFAR10_FILE, md5 } }, { offlineDir: offline });
    expect(data.train).toMatchObject({ count: 10, rows: 32, cols: 32, channels: 3 });
    expect(Array.from(data.train.labels)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(data.test.count).toBe(3);
    expect(Array.from(data.test.labels)).toEqual([1, 2, 3]);
    expect(data.classNames).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
    // Item 3 (data_batch_2's second record), row 5, column 9: pixel 5*32+9 of each plane.
    const p = 5 * 32 + 9;
    const at = (3 * 1024 + p) * 3;
    expect(Array.from(data.train.images.subarray(at, at + 3))).toEqual([value(3, 0, p), value(3, 1, p), value(3, 2, p)]);
    const before = tf.memory().numTensors;
    const { x, y } = toTensors(data.test, { normalize: false });
    expect(x.shape).toEqual([3, 32, 32, 3]);
    expect(y.shape).toEqual([3]);
    expect((await x.data())[(2 * 1024 + p) * 3 + 1]).toBe(value(102, 1, p));
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loadCifar10 verifies the published checksum of the archive', async () => {
    const offline = await archive('cifar10', CIFAR10_FILE.name, cifar10Files());
    const error = (await loadCifar10({ offlineDir: offline }).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/cifar10\/cifar-10-binary\.tar\.gz: checksum mismatch in the offline directory: .* expected c32a1d4ab5d03f1284b67883e8d87530/);
  });

  it('names the member and record at fault in a corrupt archive', async () => {
    const files = cifar10Files();
    files['cifar-10-batches-bin/data_batch_3.bin'] = records(0, 1, () => [0]).subarray(0, 3000);
    const offline = await archive('cifar10', CIFAR10_FILE.name, files);
    const md5 = await md5Of(join(offline, 'cifar10', CIFAR10_FILE.name));
    await expect(loadCifarArchive({ ...CIFAR10, file: { ...CIFAR10_FILE, md5 } }, { offlineDir: offline })).rejects.toThrow(
      'cifar-10-binary.tar.gz:cifar-10-batches-bin/data_batch_3.bin: corrupt CIFAR batch: 3000 bytes is not a whole number of 3073-byte records',
    );
    const missing = cifar10Files();
    delete missing['cifar-10-batches-bin/test_batch.bin'];
    const offline2 = await archive('cifar10', CIFAR10_FILE.name, missing);
    const md52 = await md5Of(join(offline2, 'cifar10', CIFAR10_FILE.name));
    await expect(loadCifarArchive({ ...CIFAR10, file: { ...CIFAR10_FILE, md5: md52 } }, { offlineDir: offline2 })).rejects.toThrow(
      /cifar-10-binary\.tar\.gz: the archive has no 'cifar-10-batches-bin\/test_batch\.bin'/,
    );
  });
});

describe('CIFAR-100 from an archive in the real binary layout', () => {
  const files = () => ({
    'cifar-100-binary/train.bin': records(0, 4, (i) => [i % 20, 90 + i]),
    'cifar-100-binary/test.bin': records(10, 2, (i) => [19 - i, i]),
    'cifar-100-binary/fine_label_names.txt': Array.from({ length: 100 }, (_, i) => `fine${i}`).join('\n'),
    'cifar-100-binary/coarse_label_names.txt': Array.from({ length: 20 }, (_, i) => `coarse${i}`).join('\n'),
  });

  it.each(['pax', 'gnu', 'ustar'])('reads fine and coarse labels (%s tar format)', async (format) => {
    const offline = await archive('cifar100', CIFAR100_FILE.name, files(), format);
    const md5 = await md5Of(join(offline, 'cifar100', CIFAR100_FILE.name));
    const fine = await loadCifarArchive({ ...cifar100Spec('fine'), file: { ...CIFAR100_FILE, md5 } }, { offlineDir: offline });
    expect(Array.from(fine.train.labels)).toEqual([90, 91, 92, 93]);
    expect(Array.from(fine.test.labels)).toEqual([10, 11]);
    expect(fine.classNames).toHaveLength(100);
    const coarse = await loadCifarArchive({ ...cifar100Spec('coarse'), file: { ...CIFAR100_FILE, md5 } }, { offlineDir: offline });
    expect(Array.from(coarse.train.labels)).toEqual([0, 1, 2, 3]);
    expect(Array.from(coarse.test.labels)).toEqual([9, 8]);
    expect(coarse.classNames[19]).toBe('coarse19');
    expect(Array.from(coarse.train.images.subarray(0, 3))).toEqual([value(0, 0, 0), value(0, 1, 0), value(0, 2, 0)]);
  });

  it('loadCifar100 checks labelMode and the published checksum', async () => {
    await expect(loadCifar100({ labelMode: 'medium' as never })).rejects.toThrow(/loadCifar100: .*`labelMode`.*Received: labelMode='medium'/);
    const offline = await archive('cifar100', CIFAR100_FILE.name, files());
    await expect(loadCifar100({ offlineDir: offline, labelMode: 'coarse' })).rejects.toThrow(/expected 03b5dce01913d631647c71ecec9e9cb8/);
  });

  it('rejects labels outside the classes, naming the record', async () => {
    const bad = { ...files(), 'cifar-100-binary/test.bin': records(0, 2, (i) => [i === 1 ? 25 : 0, 0]) };
    const offline = await archive('cifar100', CIFAR100_FILE.name, bad);
    const md5 = await md5Of(join(offline, 'cifar100', CIFAR100_FILE.name));
    await expect(loadCifarArchive({ ...cifar100Spec('coarse'), file: { ...CIFAR100_FILE, md5 } }, { offlineDir: offline })).rejects.toThrow(
      'cifar-100-binary.tar.gz:cifar-100-binary/test.bin: label 25 of record 1 is not a class index (0..19)',
    );
  });
});
