import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { dense, registerLayer, sequential } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { legacyLayout } from '../testing/expected-layout.js';
import { inputsFor, modelCases, Scale, sequentialNet } from '../testing/models.js';
import { expectSameNextStep, expectSamePredictions, runPython } from '../testing/round-trip.js';
import { temporaryFolder } from '../testing/temp-dir.js';
import { modelFromH5, modelToH5, weightsFromH5, weightsToH5 } from './h5-model.js';

const checker = resolve(__dirname, '../../scripts/check_keras_h5.py');

describe('Keras HDF5 files written by Layerwise', () => {
  const folder = temporaryFolder('lw-h5-');
  beforeAll(async () => {
    await useBackend('cpu');
    registerLayer(Scale);
  });

  for (const [what, make, shapes] of modelCases) {
    it(`${what}: h5py finds Keras' layout; reloaded, predictions are bit-identical`, async () => {
      const before = tf.memory().numTensors;
      const original = make();
      const x = inputsFor(original, shapes);
      tf.dispose(original.predictOnBatch(x));
      const bytes = await modelToH5(original);
      const file = join(folder.path, 'model.h5');
      await writeFile(file, bytes);
      expect(runPython(checker, [file, legacyLayout(original, 'full')])).toBe('ok');
      const copy = await modelFromH5(bytes, file);
      expect(copy.getConfig()).toEqual(original.getConfig());
      expectSamePredictions(original, copy, x);
      const weightsFile = join(folder.path, 'model.weights.h5');
      await writeFile(weightsFile, await weightsToH5(original));
      expect(runPython(checker, [weightsFile, legacyLayout(original, 'weights')])).toBe('ok');
      tf.dispose(x);
      original.dispose();
      copy.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('restores the compile settings and the optimizer state: the next training step is bit-identical', async () => {
    const original = sequentialNet();
    original.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const x = inputsFor(original, undefined, 8);
    const y = [tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32')];
    await original.trainOnBatch(x, y);
    const bytes = await modelToH5(original);
    const file = join(folder.path, 'trained.h5');
    await writeFile(file, bytes);
    const slots = original.trainableWeights.length * 2;
    expect(runPython(checker, [file, legacyLayout(original, 'full', 2 + slots)])).toBe('ok');
    const copy = await modelFromH5(bytes, file);
    expect(copy.optimizer?.className).toBe('Adam');
    expect(copy.optimizer?.iterations).toBe(1);
    await expectSameNextStep(original, copy, x, y);
    tf.dispose([...x, ...y]);
    original.dispose();
    copy.dispose();
  });

  it('weights-only files load into a model with the same layers; a dataset of the wrong shape is refused, naming it, and changes nothing', async () => {
    const a = sequential([dense({ units: 3, inputShape: [4], name: 'd1' }), dense({ units: 2, name: 'd2' })]);
    const b = sequential([dense({ units: 3, inputShape: [4], name: 'd1' }), dense({ units: 2, name: 'd2' })]);
    await weightsFromH5(b, await weightsToH5(a), 'a.h5');
    expectSamePredictions(a, b, [tf.ones([1, 4])]);
    const wrong = sequential([dense({ units: 3, inputShape: [4], name: 'd1' }), dense({ units: 5, name: 'd2' })]);
    const kept = wrong.getWeights();
    await expect(weightsFromH5(wrong, await weightsToH5(a), 'a.h5')).rejects.toThrow(/a\.h5: weight 'd2\/kernel' of layer "d2" has shape \(3, 2\) in the file, the layer needs \(3, 5\)/);
    const after = wrong.getWeights();
    kept.forEach((t, i) => expect(after[i]!.dataSync()).toEqual(t.dataSync()));
    tf.dispose([...kept, ...after]);
    [a, b, wrong].forEach((m) => m.dispose());
  });

  it('refuses a dataset claiming 10 GB, a file that is not HDF5 and a weights-only file given as a model, leaking nothing', async () => {
    const file = join(folder.path, 'huge.h5');
    runPython('-c', [
      `import h5py\nf = h5py.File(${JSON.stringify(file)}, 'w')\nf.attrs['layer_names'] = [b'd1']\ng = f.create_group('d1')\ng.attrs['weight_names'] = [b'd1/kernel:0']\ng.create_dataset('d1/kernel:0', shape=(50000, 50000), dtype='f4')\nf.close()`,
    ]);
    const before = tf.memory().numTensors;
    const model = sequential([dense({ units: 3, inputShape: [4], name: 'd1' })]);
    const bytes = new Uint8Array(await (await import('node:fs/promises')).readFile(file));
    expect(bytes.byteLength).toBeLessThan(1e5);
    await expect(weightsFromH5(model, bytes, 'huge.h5')).rejects.toThrow(/huge\.h5: dataset 'd1\/d1\/kernel:0' claims shape \(50000, 50000\) \(10000000000 bytes\)/);
    await expect(modelFromH5(new TextEncoder().encode('not hdf5'), 'text.h5')).rejects.toThrow(/text\.h5: not an HDF5 file \(no HDF5 signature/);
    await expect(modelFromH5(await weightsToH5(model), 'w.h5')).rejects.toThrow(/weights-only HDF5 file has no architecture/);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
