import { mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLayersModel } from './load-layers-model.js';

const models = resolve(process.env.LAYERWISE_DATASETS_DIR ?? resolve(__dirname, '../../../../../shared/datasets'), '../models');
const doodlenet = join(models, 'doodlenet');

beforeAll(() => useBackend('cpu'));

describe('loadLayersModel', () => {
  it('loads DoodleNet and predicts what tfjs-layers predicts from the same files', async () => {
    const model = await loadLayersModel(doodlenet);
    expect(model.layers.map((l) => l.className)).toContain('Conv2D');
    expect(model.outputShape).toEqual([null, 345]);
    const text = model.summary({ printFn: () => {} });
    expect(text).toMatch(/Total params: [\d,]+/);

    const json = JSON.parse(await readFile(join(doodlenet, 'model.json'), 'utf8'));
    const bytes = await Promise.all(json.weightsManifest.flatMap((g: { paths: string[] }) => g.paths).map((p: string) => readFile(join(doodlenet, p))));
    const all = Buffer.concat(bytes);
    const reference = await tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights), weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) }),
    );
    expect(model.countParams()).toBe(reference.countParams());
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 5);
    const ours = model.predictOnBatch(x);
    const theirs = reference.predict(x) as tf.Tensor;
    const a = ours.dataSync();
    const b = theirs.dataSync();
    for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(1e-5 + 1e-4 * Math.abs(b[i]!));
    tf.dispose([x, ours, theirs]);
    reference.dispose();
    model.dispose();
  });

  it('names what is wrong with a truncated shard, a missing file or an unknown layer, leaking nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lw-io-'));
    const json = JSON.parse(await readFile(join(doodlenet, 'model.json'), 'utf8'));
    const shard = json.weightsManifest[0].paths[0] as string;
    const before = tf.memory().numTensors;
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await expect(loadLayersModel(dir)).rejects.toThrow(/cannot read weight file '.*group1-shard1of1.bin'/);
    const full = await readFile(join(doodlenet, shard));
    await writeFile(join(dir, shard), full.subarray(0, 1000));
    await expect(loadLayersModel(dir)).rejects.toThrow(/the weight files hold 1000 bytes, but weight 'conv2d_?\d*\/\w+' .* needs bytes/);
    await copyFile(join(doodlenet, shard), join(dir, shard));
    const renamed = structuredClone(json);
    renamed.modelTopology.model_config.config.layers[1].class_name = 'Conv2DMagic';
    await writeFile(join(dir, 'model.json'), JSON.stringify(renamed));
    await expect(loadLayersModel(dir)).rejects.toThrow(/unknown layer class 'Conv2DMagic'. Loadable classes: .*Conv2D/);
    const escaping = structuredClone(json);
    escaping.weightsManifest[0].paths = ['../../etc/passwd'];
    await writeFile(join(dir, 'model.json'), JSON.stringify(escaping));
    await expect(loadLayersModel(dir)).rejects.toThrow(/leaves the model's folder/);
    expect(tf.memory().numTensors).toBe(before);
    await rm(dir, { recursive: true, force: true });
  });
});
