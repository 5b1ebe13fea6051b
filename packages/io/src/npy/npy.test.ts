import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy, loadNpy, saveNpy } from './npy.js';

const PYTHON = '/usr/bin/python3';
const numpyMissing = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return "needs Debian's python3-numpy (.ci/run installs it)";
  }
})();
if (numpyMissing && process.env['CI']) throw new Error(`npy tests ${numpyMissing}`);

let dir: string;
beforeAll(async () => {
  await useBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'layerwise-npy-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('.npy files', () => {
  it('align the data on 64 bytes and round-trip every dtype', () => {
    for (const [dtype, data] of [['float32', Float32Array.of(1.5, -2, 3, 4, 5, 6)], ['int32', Int32Array.of(1, 2, 3, 4, 5, -6)], ['bool', Uint8Array.of(1, 0, 1, 1, 0, 0)]] as const) {
      const bytes = encodeNpy({ shape: [2, 3], dtype, data });
      const headerLength = bytes[8]! + bytes[9]! * 256;
      expect((10 + headerLength) % 64).toBe(0);
      const back = decodeNpy(bytes);
      expect(back.shape).toEqual([2, 3]);
      expect(back.dtype).toBe(dtype);
      expect(Array.from(back.data)).toEqual(Array.from(data));
    }
  });

  it('names the file and the problem for bad input', () => {
    expect(() => decodeNpy(new Uint8Array(20), 'x.npy')).toThrow(/x\.npy: not an \.npy file/);
    const bytes = encodeNpy({ shape: [4], dtype: 'float32', data: new Float32Array(4) });
    expect(() => decodeNpy(bytes.subarray(0, bytes.length - 4), 'cut.npy')).toThrow(/cut\.npy: shape \(4,\) needs 16 bytes of data, the file has 12/);
    expect(() => encodeNpy({ shape: [3], dtype: 'float32', data: new Float32Array(2) })).toThrow(/holds 3 values, data has 2/);
  });

  it.skipIf(numpyMissing)('are read by numpy with their shape, dtype and values, and numpy files are read back', async () => {
    const activation = tf.tensor4d(Array.from({ length: 24 }, (_, i) => i / 4 - 1), [1, 2, 3, 4]);
    await saveNpy(join(dir, 'conv.npy'), activation);
    const script = `import numpy as np, json, sys
a = np.load(sys.argv[1]); print(json.dumps({"shape": list(a.shape), "dtype": str(a.dtype), "sum": float(a.sum()), "last": float(a[0, 1, 2, 3])}))
np.save(sys.argv[2], np.arange(6, dtype=np.int32).reshape(3, 2))`;
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script, join(dir, 'conv.npy'), join(dir, 'from-numpy.npy')], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toEqual({ shape: [1, 2, 3, 4], dtype: 'float32', sum: 45, last: 4.75 });
    const back = await loadNpy(join(dir, 'from-numpy.npy'));
    expect(back.shape).toEqual([3, 2]);
    expect(back.dtype).toBe('int32');
    expect(Array.from(await back.data())).toEqual([0, 1, 2, 3, 4, 5]);
    tf.dispose([activation, back]);
  });
});

it('reports when numpy is missing outside CI', () => {
  if (numpyMissing) console.warn(`npy numpy check skipped: ${numpyMissing}`);
  writeFileSync(join(dir, 'ok'), '');
  expect(process.env['CI'] ? numpyMissing : undefined).toBeUndefined();
});
