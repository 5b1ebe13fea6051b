import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { registerLambdaFunction } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtInLayerClassNames, catalogue, catalogueData, catalogueModel, LAMBDA_NAME, lambdaFunction } from '../testing/catalogue.js';
import { expectSameNextStep, expectSamePredictions } from '../testing/round-trip.js';
import { temporaryFolder } from '../testing/temp-dir.js';
import { loadModel } from './load.js';
import { saveModel } from './save.js';

// Layers that draw random numbers in training: their random state is not part of a saved model
// (as in Keras), so their models are compared on a step that both take from a fresh state.
const random = new Set(['AlphaDropout', 'Dropout', 'GaussianDropout', 'GaussianNoise', 'SpatialDropout1D', 'SpatialDropout2D']);

describe('round trips through every format are exact for every layer of the catalogue', () => {
  const folder = temporaryFolder('lw-catalogue-');
  beforeAll(async () => {
    await useBackend('cpu');
    registerLambdaFunction(LAMBDA_NAME, lambdaFunction);
  });

  it('the catalogue has an example of every built-in layer class', () => {
    expect(Object.keys(catalogue).sort()).toEqual(builtInLayerClassNames());
  });

  for (const className of builtInLayerClassNames()) {
    it(`${className}: .keras, .h5 and model.json reload with bit-identical predictions and next training step`, async () => {
      const entry = catalogue[className];
      expect(entry, `no catalogue entry for ${className}`).toBeDefined();
      const before = tf.memory().numTensors;
      const { x, y } = catalogueData(entry!);
      for (const file of ['m.keras', 'm.h5', 'tfjs/model.json']) {
        const original = catalogueModel(entry!);
        original.compile({ optimizer: 'adam', loss: 'mse' });
        if (!random.has(className)) await original.trainOnBatch(x, y);
        const path = join(folder.path, className, file);
        await saveModel(original, path, file.endsWith('.json') ? {} : { includeOptimizer: true });
        const copy = await loadModel(path);
        expectSamePredictions(original, copy, x);
        // The TensorFlow.js format keeps no optimizer state: compare a step from a fresh optimizer.
        if (file.endsWith('.json') && !random.has(className)) original.compile({ optimizer: 'adam', loss: 'mse' });
        await expectSameNextStep(original, copy, x, y);
        original.dispose();
        copy.dispose();
      }
      tf.dispose([...x, ...y]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
