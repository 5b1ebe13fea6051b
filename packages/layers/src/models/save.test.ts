import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { loadModel } from '@layerwise/io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from './sequential.js';

let dir: string;
beforeAll(async () => {
  await useBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'layerwise-model-save-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('Model.save / saveWeights / loadWeights (through @layerwise/io)', () => {
  it('saves a trained model that loads back with the same predictions, and its weights into a fresh model', async () => {
    const model = sequential([dense({ units: 4, activation: 'relu', inputShape: [3] }), dense({ units: 2 })]);
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = tf.tensor2d([[1, 2, 3], [0, -1, 2]]);
    const y = tf.tensor2d([[1, 0], [0, 1]]);
    await model.fit(x, y, { epochs: 2, verbose: 0 });
    await model.save(join(dir, 'model.keras'));
    const loaded = await loadModel(join(dir, 'model.keras'));
    const [a, b] = [await model.predict(x), await loaded.predict(x)] as tf.Tensor[];
    expect(Array.from(await b!.data())).toEqual(Array.from(await a!.data()));

    await model.saveWeights(join(dir, 'model.weights.h5'));
    const fresh = sequential([dense({ units: 4, activation: 'relu', inputShape: [3] }), dense({ units: 2 })]);
    await fresh.loadWeights(join(dir, 'model.weights.h5'));
    const c = await fresh.predict(x);
    expect(Array.from(await c.data())).toEqual(Array.from(await a!.data()));
    tf.dispose([x, y, a!, b!, c]);
    [model, loaded, fresh].forEach((m) => m.dispose());
  });
});
