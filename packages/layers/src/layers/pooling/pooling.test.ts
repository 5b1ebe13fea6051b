import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer } from '../../engine/layer.js';
import { sequential } from '../../models/sequential.js';
import { runLayerTest } from '../../testing/index.js';
import { conv1d } from '../convolutional/conv1d.js';
import { checkOracleCase, loadOracleCases } from '../convolutional/fixture-oracle.js';
import { dense } from '../dense.js';
import { averagePooling1d } from './average-pooling1d.js';
import { averagePooling3d } from './average-pooling3d.js';
import { globalAveragePooling1d } from './global-average-pooling1d.js';
import { globalAveragePooling3d } from './global-average-pooling3d.js';
import { globalMaxPooling1d } from './global-max-pooling1d.js';
import { globalMaxPooling3d } from './global-max-pooling3d.js';
import { maxPooling1d } from './max-pooling1d.js';
import { maxPooling3d } from './max-pooling3d.js';

beforeAll(() => useBackend('cpu'));

const factories: Record<string, (args: never) => Layer> = {
  MaxPooling1D: maxPooling1d,
  MaxPooling3D: maxPooling3d,
  AveragePooling1D: averagePooling1d,
  AveragePooling3D: averagePooling3d,
  GlobalMaxPooling1D: globalMaxPooling1d,
  GlobalAveragePooling1D: globalAveragePooling1d,
  GlobalMaxPooling3D: globalMaxPooling3d,
  GlobalAveragePooling3D: globalAveragePooling3d,
};

describe('pooling against PyTorch (forward and input gradient)', () => {
  for (const c of loadOracleCases('pooling.json')) {
    it(`${c.layer} ${c.name}`, () => checkOracleCase(c, factories[c.layer]!));
  }
});

const none = { expectedWeights: { trainable: 0, nonTrainable: 0 }, expectedParams: 0 };

describe('pooling conformance (runLayerTest)', () => {
  it('MaxPooling1D and AveragePooling1D', () => {
    runLayerTest({ create: () => maxPooling1d({ poolSize: 3, strides: 2 }), inputShape: [2, 9, 3], expectedOutputShape: [2, 4, 3], ...none });
    runLayerTest({ create: () => maxPooling1d({ padding: 'same' }), inputShape: [1, 7, 2], expectedOutputShape: [1, 4, 2], ...none });
    runLayerTest({ create: () => averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }), inputShape: [2, 8, 3], expectedOutputShape: [2, 4, 3], ...none });
    runLayerTest({ create: () => averagePooling1d(), inputShape: [1, 7, 2], expectedOutputShape: [1, 3, 2], ...none });
  });
  it('MaxPooling3D and AveragePooling3D', () => {
    runLayerTest({ create: () => maxPooling3d(), inputShape: [1, 5, 4, 5, 2], expectedOutputShape: [1, 2, 2, 2, 2], ...none });
    runLayerTest({ create: () => maxPooling3d({ poolSize: [3, 2, 2], strides: [1, 2, 2], padding: 'same' }), inputShape: [1, 3, 5, 4, 2], expectedOutputShape: [1, 3, 3, 2, 2], ...none });
    runLayerTest({ create: () => averagePooling3d({ padding: 'same' }), inputShape: [1, 3, 5, 3, 2], expectedOutputShape: [1, 2, 3, 2, 2], ...none });
    runLayerTest({ create: () => averagePooling3d({ poolSize: [1, 2, 3] }), inputShape: [1, 2, 4, 6, 1], expectedOutputShape: [1, 2, 2, 2, 1], ...none });
  });
  it('global pooling, with and without keepdims', () => {
    runLayerTest({ create: () => globalMaxPooling1d(), inputShape: [2, 5, 3], expectedOutputShape: [2, 3], ...none });
    runLayerTest({ create: () => globalAveragePooling1d({ keepdims: true }), inputShape: [2, 5, 3], expectedOutputShape: [2, 1, 3], ...none });
    runLayerTest({ create: () => globalMaxPooling3d({ keepdims: true }), inputShape: [1, 3, 4, 2, 3], expectedOutputShape: [1, 1, 1, 1, 3], ...none });
    runLayerTest({ create: () => globalAveragePooling3d(), inputShape: [1, 3, 4, 2, 3], expectedOutputShape: [1, 3], ...none });
  });
});

describe('pooling configs and errors', () => {
  it('strides default to the pool size; configs use Keras keys', () => {
    expect(maxPooling1d({ poolSize: 3 }).getConfig()).toMatchObject({ pool_size: [3], strides: [3], padding: 'valid' });
    expect(averagePooling3d({ poolSize: [1, 2, 2], strides: 1 }).getConfig()).toMatchObject({ pool_size: [1, 2, 2], strides: [1, 1, 1] });
    expect(globalMaxPooling3d({ keepdims: true }).getConfig()).toMatchObject({ keepdims: true });
    expect(maxPooling3d().name).toMatch(/^max_pooling3d(_\d+)?$/);
    expect(globalAveragePooling1d().name).toMatch(/^global_average_pooling1d(_\d+)?$/);
  });
  it('name the layer, the argument and the value', () => {
    expect(() => maxPooling1d({ poolSize: 0 })).toThrow(/MaxPooling1D "max_pooling1d(_\d+)?": received an invalid value for `poolSize`.*Received: poolSize=0/);
    expect(() => averagePooling3d({ strides: [1, 2] })).toThrow(/AveragePooling3D .*`strides`, expected a positive integer or 3 of them/);
    expect(() => maxPooling3d({ padding: 'full' as never })).toThrow(/`padding`.*Received: padding='full'/);
    expect(() => globalMaxPooling1d({ keepdims: 'yes' as never })).toThrow(/`keepdims`, expected a boolean/);
    expect(() => maxPooling1d({ poolSize: 4 }).ensureBuilt([null, 3, 2])).toThrow(/MaxPooling1D .*output size would be empty or negative/);
    expect(() => globalAveragePooling3d().ensureBuilt([null, 4, 4, 2])).toThrow(/GlobalAveragePooling3D .*\(batch, depth, height, width, channels\)/);
  });
  it('a Conv1D, MaxPooling1D, GlobalMaxPooling1D text-style model has Keras parameter counts', () => {
    const model = sequential([
      conv1d({ filters: 32, kernelSize: 7, activation: 'relu', inputShape: [500, 128] }),
      maxPooling1d({ poolSize: 5 }),
      conv1d({ filters: 32, kernelSize: 7, activation: 'relu' }),
      globalMaxPooling1d(),
      dense({ units: 1 }),
    ]);
    // Keras (Deep Learning with Python, 6.4): 28,704 + 7,200 + 33 = 35,937.
    expect(model.countParams()).toBe(35_937);
    expect(model.layers.map((l) => String(l.computeOutputShape(l.inputShape!)))).toEqual([',494,32', ',98,32', ',92,32', ',32', ',1']);
    model.dispose();
  });
});
