import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '@layerwise/core';
import { imageDatasetFromDirectory } from '@layerwise/datasets';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../testing/compare.js';
import { datasetsDir, modelsDir } from '../testing/locations.js';
import { temporaryFolder } from '../testing/temp-dir.js';
import { loadLayersModel, readLayersFolder } from './layers-folder.js';

const darknet = join(modelsDir, 'darknet-tiny');
const doodlenet = join(modelsDir, 'doodlenet');

/** The same files loaded by @tensorflow/tfjs-layers. */
async function reference(path: string): Promise<tfl.LayersModel> {
  const { modelJson, weightData } = await readLayersFolder(path);
  const specs = modelJson.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[];
  const buffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer;
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology as object, weightSpecs: specs, weightData: buffer }));
}

describe('loading TensorFlow.js Layers models from disk', () => {
  beforeAll(() => useBackend('cpu'));

  it('loads darknet-tiny (functional, BatchNormalization, LeakyReLU) and predicts what tfjs-layers predicts', async () => {
    const before = tf.memory().numTensors;
    const model = await loadLayersModel(darknet);
    expect(model.className).toBe('Functional');
    expect(model.layers.map((l) => l.className)).toEqual(expect.arrayContaining(['InputLayer', 'Conv2D', 'BatchNormalization', 'LeakyReLU', 'GlobalAveragePooling2D']));
    const theirs = await reference(darknet);
    expect(model.countParams()).toBe(theirs.countParams());
    const x = tf.randomUniform([1, 224, 224, 3], 0, 1, 'float32', 3);
    const a = model.predictOnBatch(x) as tf.Tensor;
    const b = theirs.predict(x) as tf.Tensor;
    expectClose(a, b, 1e-3);
    tf.dispose([x, a, b]);
    theirs.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);

  it('loads DoodleNet (Sequential) and predicts what tfjs-layers predicts', async () => {
    const model = await loadLayersModel(join(doodlenet, 'model.json'));
    const theirs = await reference(doodlenet);
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 5);
    const a = model.predictOnBatch(x) as tf.Tensor;
    const b = theirs.predict(x) as tf.Tensor;
    expect(a.shape).toEqual([2, 345]);
    expectClose(a, b);
    tf.dispose([x, a, b]);
    theirs.dispose();
    model.dispose();
  });

  it('darknet-tiny ranks "ant" or "bee" in its top 5 for most hymenoptera validation photos', async () => {
    await useBackend('auto');
    const classes = JSON.parse(await readFile(join(darknet, 'imagenet_classes_darknet_order.json'), 'utf8')) as string[];
    const ant = classes.indexOf('ant');
    const bee = classes.indexOf('bee');
    const model = await loadLayersModel(darknet);
    const photos = await imageDatasetFromDirectory(join(datasetsDir, 'hymenoptera/val'), { imageSize: [224, 224], batchSize: 32, shuffle: false });
    let seen = 0;
    let hits = 0;
    for await (const { x, y } of photos) {
      const top5 = tf.tidy(() => tf.topk(model.predictOnBatch(tf.div(x, 255)) as tf.Tensor, 5).indices);
      const rows = top5.arraySync() as number[][];
      seen += rows.length;
      hits += rows.filter((r) => r.includes(ant) || r.includes(bee)).length;
      tf.dispose([x, y, top5]);
    }
    model.dispose();
    await useBackend('cpu');
    expect(seen).toBe(153); // 70 ants, 83 bees
    expect(hits / seen).toBeGreaterThan(0.7); // 120 of 153 when written
  }, 60_000);

  describe('bad files', () => {
    const folder = temporaryFolder('lw-io-');

    it('names a missing or short shard, an escaping path and an unknown layer, leaking nothing', async () => {
      const json = JSON.parse(await readFile(join(doodlenet, 'model.json'), 'utf8'));
      const shard = json.weightsManifest[0].paths[0] as string;
      const before = tf.memory().numTensors;
      await writeFile(join(folder.path, 'model.json'), JSON.stringify(json));
      await expect(loadLayersModel(folder.path)).rejects.toThrow(/cannot read '.*group1-shard1of1.bin'/);
      const full = await readFile(join(doodlenet, shard));
      await writeFile(join(folder.path, shard), full.subarray(0, 1000));
      await expect(loadLayersModel(folder.path)).rejects.toThrow(/the weight files hold 1000 bytes, but weight 'conv2d_?\d*\/\w+' .* needs bytes/);
      await copyFile(join(doodlenet, shard), join(folder.path, shard));
      const renamed = structuredClone(json);
      renamed.modelTopology.model_config.config.layers[1].class_name = 'Conv2DMagic';
      await writeFile(join(folder.path, 'model.json'), JSON.stringify(renamed));
      await expect(loadLayersModel(folder.path)).rejects.toThrow(/unknown layer class 'Conv2DMagic'.*registerLayer\(Conv2DMagic\)/);
      const escaping = structuredClone(json);
      escaping.weightsManifest[0].paths = ['../../etc/passwd'];
      await writeFile(join(folder.path, 'model.json'), JSON.stringify(escaping));
      await expect(loadLayersModel(folder.path)).rejects.toThrow(/leaves the model's folder/);
      const huge = structuredClone(json);
      huge.weightsManifest[0].weights[0].shape = [50_000, 50_000, 1000];
      await writeFile(join(folder.path, 'model.json'), JSON.stringify(huge));
      await expect(loadLayersModel(folder.path)).rejects.toThrow(/needs bytes 0\.\.10000000000000/);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
