import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer } from '../../engine/layer.js';
import { runLayerTest } from '../../testing/index.js';
import { checkOracleCase, loadOracleCases } from '../convolutional/fixture-oracle.js';
import { cropping1d } from './cropping1d.js';
import { cropping2d } from './cropping2d.js';
import { cropping3d } from './cropping3d.js';
import { upSampling1d } from './up-sampling1d.js';
import { upSampling2d } from './up-sampling2d.js';
import { upSampling3d } from './up-sampling3d.js';
import { zeroPadding1d } from './zero-padding1d.js';
import { zeroPadding2d } from './zero-padding2d.js';
import { zeroPadding3d } from './zero-padding3d.js';

beforeAll(() => useBackend('cpu'));

const factories: Record<string, (args: never) => Layer> = {
  ZeroPadding1D: zeroPadding1d,
  ZeroPadding2D: zeroPadding2d,
  ZeroPadding3D: zeroPadding3d,
  Cropping1D: cropping1d,
  Cropping2D: cropping2d,
  Cropping3D: cropping3d,
  UpSampling1D: upSampling1d,
  UpSampling2D: upSampling2d,
  UpSampling3D: upSampling3d,
};

describe('padding, cropping and upsampling against PyTorch (forward and input gradient)', () => {
  for (const c of loadOracleCases('reshaping.json')) {
    it(`${c.layer} ${c.name}`, () => checkOracleCase(c, factories[c.layer]!));
  }
});

const none = { expectedWeights: { trainable: 0, nonTrainable: 0 }, expectedParams: 0 };

describe('reshaping conformance (runLayerTest)', () => {
  it('ZeroPadding1D/2D/3D', () => {
    runLayerTest({ create: () => zeroPadding1d(), inputShape: [2, 5, 3], expectedOutputShape: [2, 7, 3], ...none });
    runLayerTest({ create: () => zeroPadding1d({ padding: [2, 0] }), inputShape: [2, 5, 3], expectedOutputShape: [2, 7, 3], ...none });
    runLayerTest({ create: () => zeroPadding2d({ padding: [[1, 0], [2, 1]] }), inputShape: [1, 3, 4, 2], expectedOutputShape: [1, 4, 7, 2], ...none });
    runLayerTest({ create: () => zeroPadding2d({ padding: [1, 2] }), inputShape: [1, 3, 4, 2], expectedOutputShape: [1, 5, 8, 2], ...none });
    runLayerTest({ create: () => zeroPadding3d(), inputShape: [1, 2, 3, 2, 2], expectedOutputShape: [1, 4, 5, 4, 2], ...none });
  });
  it('Cropping1D/2D/3D', () => {
    runLayerTest({ create: () => cropping1d(), inputShape: [2, 5, 3], expectedOutputShape: [2, 3, 3], ...none });
    runLayerTest({ create: () => cropping2d({ cropping: [[1, 0], [2, 1]] }), inputShape: [1, 4, 5, 2], expectedOutputShape: [1, 3, 2, 2], ...none });
    runLayerTest({ create: () => cropping2d(), inputShape: [1, 4, 5, 2], expectedOutputShape: [1, 4, 5, 2], ...none });
    runLayerTest({ create: () => cropping3d(), inputShape: [1, 3, 4, 5, 2], expectedOutputShape: [1, 1, 2, 3, 2], ...none });
  });
  it('UpSampling1D/2D/3D', () => {
    runLayerTest({ create: () => upSampling1d(), inputShape: [2, 3, 2], expectedOutputShape: [2, 6, 2], ...none });
    runLayerTest({ create: () => upSampling2d(), inputShape: [1, 3, 2, 2], expectedOutputShape: [1, 6, 4, 2], ...none });
    runLayerTest({ create: () => upSampling2d({ size: [2, 3], interpolation: 'bilinear' }), inputShape: [1, 3, 2, 2], expectedOutputShape: [1, 6, 6, 2], ...none });
    runLayerTest({ create: () => upSampling3d({ size: [2, 1, 3] }), inputShape: [1, 2, 3, 2, 2], expectedOutputShape: [1, 4, 3, 6, 2], ...none });
  });
});

describe('reshaping configs and errors', () => {
  it('configs use Keras forms: a pair for 1D, pairs per axis for 2D/3D', () => {
    expect(zeroPadding1d({ padding: [2, 0] }).getConfig()['padding']).toEqual([2, 0]);
    expect(zeroPadding2d({ padding: [1, 2] }).getConfig()['padding']).toEqual([[1, 1], [2, 2]]);
    expect(cropping3d().getConfig()['cropping']).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(cropping2d().getConfig()['cropping']).toEqual([[0, 0], [0, 0]]);
    expect(upSampling1d({ size: 3 }).getConfig()['size']).toBe(3);
    expect(upSampling2d({ interpolation: 'bilinear' }).getConfig()).toMatchObject({ size: [2, 2], interpolation: 'bilinear' });
    expect(upSampling3d().getConfig()).not.toHaveProperty('interpolation');
    expect(upSampling2d().name).toMatch(/^up_sampling2d(_\d+)?$/);
    expect(zeroPadding3d().name).toMatch(/^zero_padding3d(_\d+)?$/);
  });
  it('name the layer, the argument and the value', () => {
    expect(() => zeroPadding2d({ padding: -1 })).toThrow(/ZeroPadding2D "zero_padding2d(_\d+)?": received an invalid value for `padding`, expected an integer of at least 0.*Received: padding=-1/);
    expect(() => zeroPadding3d({ padding: [1, 2] })).toThrow(/`padding`, expected a non-negative integer, 3 of them \(one per axis\) or 3 pairs.*Received: padding=\[1,2\]/);
    expect(() => cropping1d({ cropping: [1, 2, 3] })).toThrow(/Cropping1D .*`cropping`, expected a non-negative integer or a pair/);
    expect(() => cropping2d({ cropping: [[1, 1], [1, 0.5]] as never })).toThrow(/`cropping\[1\]\[1\]`.*Received: cropping\[1\]\[1\]=0.5/);
    expect(() => cropping2d({ cropping: [[2, 2], [0, 0]] }).ensureBuilt([null, 4, 4, 1])).toThrow(/Cropping2D .*leaves nothing of an input of shape \(None, 4, 4, 1\)/);
    expect(() => upSampling2d({ interpolation: 'bicubic' as never })).toThrow(/UpSampling2D .*`interpolation`, expected one of 'nearest', 'bilinear'.*Received: interpolation='bicubic'/);
    expect(() => upSampling1d({ size: 0 })).toThrow(/UpSampling1D .*`size`.*Received: size=0/);
    expect(() => zeroPadding1d().ensureBuilt([null, 4, 4, 1])).toThrow(/ZeroPadding1D .*\(batch, steps, channels\)/);
  });
});
