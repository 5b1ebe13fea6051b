import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { registerLayer } from '@layerwise/layers';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracy, fashionSprite } from '../testing/fashion.js';
import { modelsDir } from '../testing/locations.js';
import { inputsFor, modelCases, Scale, sequentialNet } from '../testing/models.js';
import { expectSameNextStep, expectSamePredictions, runPython } from '../testing/round-trip.js';
import { temporaryFolder } from '../testing/temp-dir.js';
import type { AnyModel } from '../weights/weight-groups.js';
import { modelFromKeras, modelToKeras } from './keras-archive.js';
import { readZip } from './zip-entries.js';
import { saveableNames } from './saveable-names.js';

const checker = resolve(__dirname, '../../scripts/check_keras_h5.py');
const fashion = join(modelsDir, 'keras/nguyen-fashion-mlp-k380/fashion_mnist_model.keras');

/** What check_keras_h5.py expects of the model.weights.h5 of a model without nested models. */
const keras3Layout = (m: AnyModel, optimizer?: number) =>
  JSON.stringify({
    kind: 'keras3',
    layers: saveableNames(m.layers).map((name, i) => ({ name, weights: m.layers[i]!.weights.map((w) => [w.name, w.variable.shape]) })),
    ...(optimizer === undefined ? {} : { optimizer }),
  });

describe('Keras 3 .keras archives', () => {
  const folder = temporaryFolder('lw-keras-');
  beforeAll(async () => {
    await useBackend('cpu');
    registerLayer(Scale);
  });

  it('loads the Keras 3.8 Fashion-MNIST MLP with its compile settings; it scores near its reported 0.8848 on 900 real images', async () => {
    const before = tf.memory().numTensors;
    const model = await modelFromKeras(new Uint8Array(await readFile(fashion)), 'fashion_mnist_model.keras');
    expect(model.countParams()).toBe(101_770);
    expect(model.optimizer?.className).toBe('Adam');
    expect(model.optimizer?.iterations).toBeGreaterThan(0);
    const { x, y } = await fashionSprite();
    const probabilities = model.predictOnBatch(x) as tf.Tensor;
    expect(accuracy(probabilities, y)).toBeGreaterThan(0.85);
    tf.dispose([x, probabilities]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  for (const [what, make, shapes] of modelCases) {
    it(`${what}: round trip with bit-identical predictions`, async () => {
      const original = make();
      const x = inputsFor(original, shapes);
      tf.dispose(original.predictOnBatch(x));
      const copy = await modelFromKeras(await modelToKeras(original), 'model.keras');
      expect(copy.getConfig()).toEqual(original.getConfig());
      expectSamePredictions(original, copy, x);
      tf.dispose(x);
      original.dispose();
      copy.dispose();
    });
  }

  it("writes Keras 3's archive layout (checked by h5py) and resumes training bit for bit", async () => {
    const original = sequentialNet();
    original.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const x = inputsFor(original, undefined, 8);
    const y = [tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32')];
    await original.trainOnBatch(x, y);
    const bytes = await modelToKeras(original);
    const entries = readZip(bytes, 'model.keras');
    expect(Object.keys(entries).sort()).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    const config = JSON.parse(new TextDecoder().decode(entries['config.json']));
    expect(config.compile_config.optimizer.class_name).toBe('Adam');
    await writeFile(join(folder.path, 'model.weights.h5'), entries['model.weights.h5']!);
    const slots = original.trainableWeights.length * 2;
    expect(runPython(checker, [join(folder.path, 'model.weights.h5'), keras3Layout(original, 2 + slots)])).toBe('ok');
    const copy = await modelFromKeras(bytes, 'model.keras');
    await expectSameNextStep(original, copy, x, y);
    tf.dispose([...x, ...y]);
    original.dispose();
    copy.dispose();
  });

  it('refuses an entry escaping the archive, a 13 GB size claim, a missing config and a file that is not a zip, naming them', async () => {
    const evil = zipSync({ '../../evil.txt': new TextEncoder().encode('x'), 'config.json': new TextEncoder().encode('{}') });
    await expect(modelFromKeras(evil, 'evil.keras')).rejects.toThrow(/evil\.keras: the archive entry '..\/..\/evil.txt' escapes the archive's folder/);
    // Each entry's central-directory record claims 4,294,967,280 bytes: about 12.9 GB in all.
    const claim = zipSync({ 'config.json': new TextEncoder().encode('{}'), 'metadata.json': new TextEncoder().encode('{}'), 'model.weights.h5': new Uint8Array(8) });
    const view = new DataView(claim.buffer, claim.byteOffset, claim.byteLength);
    for (let i = 0; i + 4 <= claim.byteLength; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 0xfffffff0, true);
    await expect(modelFromKeras(claim, 'claim.keras')).rejects.toThrow(/claim\.keras: the archive's entries claim 4294967280 bytes \(at 'config.json'\), over the 2147483648-byte limit/);
    await expect(modelFromKeras(zipSync({ 'metadata.json': new Uint8Array(2) }), 'bare.keras')).rejects.toThrow(/bare\.keras: the archive has no config.json/);
    await expect(modelFromKeras(new TextEncoder().encode('not a zip'), 'text.keras')).rejects.toThrow(/text\.keras: not a readable zip archive/);
  });
});
