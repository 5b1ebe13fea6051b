import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { dense, sequential } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionalNet, inputsFor, sequentialNet } from '../testing/models.js';
import { expectSameNextStep, expectSamePredictions } from '../testing/round-trip.js';
import { temporaryFolder } from '../testing/temp-dir.js';
import { loadModel, loadWeights } from './load.js';
import { saveModel, saveWeights } from './save.js';

describe('saveModel / loadModel / saveWeights / loadWeights with file paths', () => {
  const folder = temporaryFolder('lw-api-');
  beforeAll(async () => {
    await useBackend('cpu');
  });

  for (const file of ['model.keras', 'model.h5']) {
    it(`${file}: architecture, weights, compile settings and optimizer state; the next training step is bit-identical`, async () => {
      const before = tf.memory().numTensors;
      const original = functionalNet();
      original.compile({ optimizer: 'rmsprop', loss: { label: 'sparseCategoricalCrossentropy', score: 'mse' }, lossWeights: { label: 1, score: 0.5 }, metrics: { label: ['accuracy'] } });
      const x = inputsFor(original, undefined, 6);
      const y = [tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), tf.randomNormal([6, 1], 0, 1, 'float32', 2)];
      await original.trainOnBatch(x, y);
      await saveModel(original, join(folder.path, file));
      const copy = await loadModel(join(folder.path, file));
      expect(copy.optimizer?.className).toBe('RMSprop');
      expect(copy.compiled.outputs.map((o) => [o.name, o.weight, o.loss.name])).toEqual(original.compiled.outputs.map((o) => [o.name, o.weight, o.loss.name]));
      expectSamePredictions(original, copy, x);
      await expectSameNextStep(original, copy, x, y);
      const plain = await loadModel(join(folder.path, file), { compile: false });
      expect(plain.optimizer).toBeUndefined();
      tf.dispose([...x, ...y]);
      [original, copy, plain].forEach((m) => m.dispose());
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('model.json: a TensorFlow.js folder with the compile settings; re-saving replaces the weight file', async () => {
    const original = sequentialNet();
    original.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
    const target = join(folder.path, 'tfjs', 'model.json');
    await saveModel(original, target);
    await saveModel(original, target);
    const copy = await loadModel(target);
    expect(copy.optimizer?.className).toBe('SGD');
    const x = inputsFor(original);
    expectSamePredictions(original, copy, x);
    const files = await readdir(join(folder.path, 'tfjs'));
    expect(files.filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    await expect(saveModel(original, target, { includeOptimizer: true })).rejects.toThrow(/TensorFlow.js' own layout; save to .keras or .h5/);
    tf.dispose(x);
    original.dispose();
    copy.dispose();
  });

  it('weights: .weights.h5 (Keras 3) and .h5 (Keras 2) files, and the weights of .keras, .h5 and model.json models', async () => {
    const make = () => sequential([dense({ units: 3, inputShape: [4], activation: 'relu' }), dense({ units: 2 })]);
    const original = make();
    const x = [tf.randomNormal([2, 4], 0, 1, 'float32', 4)];
    for (const file of ['w.weights.h5', 'w.h5']) {
      await saveWeights(original, join(folder.path, file));
      const copy = make();
      await loadWeights(copy, join(folder.path, file));
      expectSamePredictions(original, copy, x);
      copy.dispose();
    }
    for (const file of ['whole.keras', 'whole.h5', 'whole/model.json']) {
      await saveModel(original, join(folder.path, file));
      const copy = make();
      await loadWeights(copy, join(folder.path, file));
      expectSamePredictions(original, copy, x);
      copy.dispose();
    }
    tf.dispose(x);
    original.dispose();
  });

  it('names the problem with a target or source it cannot use', async () => {
    const m = sequentialNet();
    await expect(saveModel(m, join(folder.path, 'model.bin'))).rejects.toThrow(/saveModel: cannot tell the format of '.*model\.bin' from its extension; use \.keras/);
    await expect(saveModel(m, join(folder.path, 'x.weights.h5'))).rejects.toThrow(/weights file name \(\.weights\.h5\); use saveWeights/);
    await expect(saveModel(m, 'https://example.com/model.keras')).rejects.toThrow(/saving to a URL is not supported/);
    await expect(saveModel(m, join(folder.path, 'a.keras'), { includeOptimiser: true } as never)).rejects.toThrow(/unknown option `includeOptimiser`/);
    await expect(saveWeights(m, join(folder.path, 'w.keras'))).rejects.toThrow(/saveWeights: weights are saved as \.weights\.h5/);
    await expect(loadModel(join(folder.path, 'missing.keras'))).rejects.toThrow(/loadModel: cannot read '.*missing\.keras'/);
    m.dispose();
  });

  it('writes through a temporary file: the target holds the whole new file and nothing is left beside it', async () => {
    const m = sequentialNet();
    const target = join(folder.path, 'atomic', 'm.keras');
    await (await import('node:fs/promises')).mkdir(join(folder.path, 'atomic'));
    await saveModel(m, target);
    const first = await readFile(target);
    await saveModel(m, target);
    expect(await readdir(join(folder.path, 'atomic'))).toEqual(['m.keras']);
    expect((await readFile(target)).byteLength).toBe(first.byteLength);
    m.dispose();
  });
});
