import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer } from '../../engine/layer.js';
import { sequential } from '../../models/sequential.js';
import { runLayerTest } from '../../testing/index.js';
import { dense } from '../dense.js';
import { flatten } from '../flatten.js';
import { maxPooling2d } from '../pooling/pooling2d.js';
import { conv1d } from './conv1d.js';
import { conv1dTranspose } from './conv1d-transpose.js';
import { Conv2D, conv2d } from './conv2d.js';
import { conv2dTranspose } from './conv2d-transpose.js';
import { conv3d } from './conv3d.js';
import { conv3dTranspose } from './conv3d-transpose.js';
import { depthwiseConv1d } from './depthwise-conv1d.js';
import { depthwiseConv2d } from './depthwise-conv2d.js';
import { checkOracleCase, loadOracleCases } from './fixture-oracle.js';
import { separableConv1d } from './separable-conv1d.js';
import { separableConv2d } from './separable-conv2d.js';

beforeAll(() => useBackend('cpu'));

const factories: Record<string, (args: never) => Layer> = {
  Conv1D: conv1d,
  Conv2D: conv2d,
  Conv3D: conv3d,
  Conv1DTranspose: conv1dTranspose,
  Conv2DTranspose: conv2dTranspose,
  Conv3DTranspose: conv3dTranspose,
  SeparableConv1D: separableConv1d,
  SeparableConv2D: separableConv2d,
  DepthwiseConv1D: depthwiseConv1d,
  DepthwiseConv2D: depthwiseConv2d,
};

describe('convolutions against PyTorch (forward, input and weight gradients)', () => {
  for (const c of loadOracleCases('conv_family.json')) {
    it(`${c.layer} ${c.name}`, () => checkOracleCase(c, factories[c.layer]!));
  }
});

const conv = (trainable: number) => ({ expectedWeights: { trainable, nonTrainable: 0 } });

describe('convolution conformance (runLayerTest)', () => {
  it('Conv1D: valid, same with stride 2, causal with dilation and groups', () => {
    runLayerTest({ create: () => conv1d({ filters: 4, kernelSize: 3 }), inputShape: [2, 9, 3], expectedOutputShape: [2, 7, 4], ...conv(2), expectedParams: 40 });
    runLayerTest({ create: () => conv1d({ filters: 3, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu' }), inputShape: [2, 9, 2], expectedOutputShape: [2, 5, 3], ...conv(2), expectedParams: 27 });
    runLayerTest({
      create: () => conv1d({ filters: 4, kernelSize: 3, padding: 'causal', dilationRate: 2, groups: 2 }),
      inputShape: [1, 7, 4],
      expectedOutputShape: [1, 7, 4],
      ...conv(2),
      expectedParams: 28,
    });
  });
  it('Conv2D: groups with odd strides and same padding, dilation with valid padding', () => {
    runLayerTest({
      create: () => conv2d({ filters: 4, kernelSize: [3, 2], strides: [2, 1], padding: 'same', groups: 2 }),
      inputShape: [2, 7, 6, 4],
      expectedOutputShape: [2, 4, 6, 4],
      ...conv(2),
      expectedParams: 52,
    });
    runLayerTest({ create: () => conv2d({ filters: 2, kernelSize: 3, dilationRate: 2, useBias: false }), inputShape: [1, 9, 8, 3], expectedOutputShape: [1, 5, 4, 2], ...conv(1), expectedParams: 54 });
  });
  it('Conv3D: same with strides, valid with dilation and groups', () => {
    runLayerTest({ create: () => conv3d({ filters: 2, kernelSize: [2, 3, 2], strides: [1, 2, 2], padding: 'same' }), inputShape: [1, 3, 5, 4, 2], expectedOutputShape: [1, 3, 3, 2, 2], ...conv(2), expectedParams: 50 });
    runLayerTest({ create: () => conv3d({ filters: 4, kernelSize: 2, dilationRate: 2, groups: 2 }), inputShape: [1, 5, 4, 5, 2], expectedOutputShape: [1, 3, 2, 3, 4], ...conv(2), expectedParams: 36 });
  });
  it('Conv1DTranspose: valid, same with outputPadding', () => {
    runLayerTest({ create: () => conv1dTranspose({ filters: 3, kernelSize: 3, strides: 2 }), inputShape: [2, 5, 2], expectedOutputShape: [2, 11, 3], ...conv(2), expectedParams: 21 });
    runLayerTest({ create: () => conv1dTranspose({ filters: 2, kernelSize: 4, strides: 2, padding: 'same', outputPadding: 1 }), inputShape: [1, 5, 2], expectedOutputShape: [1, 9, 2], ...conv(2), expectedParams: 18 });
  });
  it('Conv2DTranspose: same with stride 2, valid with a kernel shorter than the stride, dilation', () => {
    runLayerTest({ create: () => conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), inputShape: [1, 3, 5, 3], expectedOutputShape: [1, 6, 10, 2], ...conv(2), expectedParams: 56 });
    runLayerTest({ create: () => conv2dTranspose({ filters: 3, kernelSize: [2, 3], strides: [3, 2] }), inputShape: [1, 3, 4, 2], expectedOutputShape: [1, 9, 9, 3], ...conv(2), expectedParams: 39 });
    runLayerTest({ create: () => conv2dTranspose({ filters: 2, kernelSize: 3, dilationRate: 2, padding: 'same', activation: 'tanh' }), inputShape: [1, 4, 3, 2], expectedOutputShape: [1, 4, 3, 2], ...conv(2), expectedParams: 38 });
  });
  it('Conv3DTranspose: same with stride 2, valid with outputPadding', () => {
    runLayerTest({ create: () => conv3dTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }), inputShape: [1, 2, 3, 2, 2], expectedOutputShape: [1, 4, 6, 4, 2], ...conv(2), expectedParams: 110 });
    runLayerTest({
      create: () => conv3dTranspose({ filters: 2, kernelSize: 2, strides: [1, 2, 1], outputPadding: [0, 1, 0] }),
      inputShape: [1, 2, 2, 3, 1],
      expectedOutputShape: [1, 3, 5, 4, 2],
      ...conv(2),
      expectedParams: 18,
    });
  });
  it('SeparableConv1D and SeparableConv2D', () => {
    runLayerTest({ create: () => separableConv1d({ filters: 4, kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same' }), inputShape: [2, 7, 3], expectedOutputShape: [2, 4, 4], ...conv(3), expectedParams: 46 });
    runLayerTest({ create: () => separableConv2d({ filters: 3, kernelSize: [3, 2], dilationRate: 2 }), inputShape: [1, 7, 6, 2], expectedOutputShape: [1, 3, 4, 3], ...conv(3), expectedParams: 21 });
  });
  it('DepthwiseConv1D and DepthwiseConv2D', () => {
    runLayerTest({ create: () => depthwiseConv1d({ kernelSize: 3, depthMultiplier: 2, strides: 2 }), inputShape: [2, 9, 3], expectedOutputShape: [2, 4, 6], ...conv(2), expectedParams: 24 });
    runLayerTest({ create: () => depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same' }), inputShape: [1, 5, 7, 2], expectedOutputShape: [1, 3, 4, 2], ...conv(2), expectedParams: 20 });
    runLayerTest({
      create: () => depthwiseConv2d({ kernelSize: [2, 3], depthMultiplier: 3, dilationRate: 2, useBias: false }),
      inputShape: [1, 6, 7, 2],
      expectedOutputShape: [1, 4, 3, 6],
      ...conv(1),
      expectedParams: 36,
    });
  });
});

describe('convolution configs', () => {
  it('use Keras keys and round-trip every option', () => {
    const layer = conv1d({ filters: 4, kernelSize: 3, padding: 'causal', dilationRate: 2, groups: 2, activation: 'relu', useBias: false, kernelInitializer: 'heNormal' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ filters: 4, kernel_size: [3], strides: [1], padding: 'causal', dilation_rate: [2], groups: 2, activation: 'relu', use_bias: false });
    expect(config['kernel_initializer']).toMatchObject({ class_name: 'HeNormal' });
    const t = conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, outputPadding: 1 }).getConfig();
    expect(t).toMatchObject({ output_padding: [1, 1], strides: [2, 2] });
    expect(conv2dTranspose({ filters: 2, kernelSize: 3 }).getConfig()['output_padding']).toBeNull();
    expect(separableConv2d({ filters: 2, kernelSize: 3 }).getConfig()).toHaveProperty('pointwise_initializer');
    expect(depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2 }).getConfig()).toMatchObject({ depth_multiplier: 2 });
  });
  it('name layers as Keras does', () => {
    expect(conv1dTranspose({ filters: 1, kernelSize: 1 }).name).toMatch(/^conv1d_transpose(_\d+)?$/);
    expect(separableConv2d({ filters: 1, kernelSize: 1 }).name).toMatch(/^separable_conv2d(_\d+)?$/);
    expect(depthwiseConv1d({ kernelSize: 1 }).name).toMatch(/^depthwise_conv1d(_\d+)?$/);
  });
});

describe('convolution argument errors name the layer, the argument and the value', () => {
  it('in the constructor', () => {
    expect(() => conv1d({ filters: 0, kernelSize: 3 })).toThrow(/Conv1D "conv1d(_\d+)?": received an invalid value for `filters`.*Received: filters=0/);
    expect(() => conv3d({ filters: 2, kernelSize: [3, 3] })).toThrow(/Conv3D .*`kernelSize`, expected a positive integer or 3 of them.*Received: kernelSize=\[3,3\]/);
    expect(() => conv2d({ filters: 2, kernelSize: 3, padding: 'causal' as never })).toThrow(/Conv2D .*`padding`.*Received: padding='causal'/);
    expect(() => conv2d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/`strides > 1` is not supported in conjunction with `dilation_rate > 1`/);
    expect(() => conv2d({ filters: 3, kernelSize: 3, groups: 2 })).toThrow(/filters must be divisible by the number of groups. Received: groups=2, filters=3/);
    expect(() => conv2dTranspose({ filters: 2, kernelSize: 3, strides: 2, outputPadding: 2 })).toThrow(/`outputPadding` must be smaller than `strides`/);
    expect(() => conv1dTranspose({ filters: 2, kernelSize: 3, outputPadding: -1 })).toThrow(/`outputPadding`, expected an integer of at least 0.*Received: outputPadding=-1/);
    expect(() => depthwiseConv2d({ kernelSize: 3, depthMultiplier: 1.5 })).toThrow(/DepthwiseConv2D .*`depthMultiplier`.*Received: depthMultiplier=1.5/);
    expect(() => separableConv1d({ filters: 2, kernelSize: 3, dilationRate: 0 })).toThrow(/SeparableConv1D .*`dilationRate`.*Received: dilationRate=0/);
    expect(() => conv1d({ filters: 2, kernelSize: 3, activation: 'relux' })).toThrow(/relux/);
  });
  it('when the input does not fit', () => {
    const groups = conv2d({ filters: 4, kernelSize: 1, groups: 4 });
    expect(() => groups.ensureBuilt([null, 5, 5, 6])).toThrow(/input channels must be divisible by the number of groups. Received: groups=4, input channels=6/);
    const big = conv2d({ filters: 1, kernelSize: 5 });
    expect(() => big.ensureBuilt([null, 4, 8, 1])).toThrow(/Conv2D .*output size would be empty or negative/);
    const rank = conv1d({ filters: 1, kernelSize: 1 });
    expect(() => rank.ensureBuilt([null, 4, 4, 1])).toThrow(/Conv1D .*needs inputs of shape \(batch, steps, channels\)/);
    expect(() => conv3dTranspose({ filters: 1, kernelSize: 1 }).computeOutputShape([null, 4, 1])).toThrow(/\(batch, depth, height, width, channels\)/);
  });
});

describe('models built from these layers', () => {
  it('the cats-vs-dogs convnet has 3,453,121 parameters, as in Keras', () => {
    const model = sequential([
      conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [150, 150, 3] }),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      conv2d({ filters: 128, kernelSize: 3, activation: 'relu' }),
      maxPooling2d({ poolSize: 2 }),
      flatten(),
      dense({ units: 512, activation: 'relu' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ]);
    expect(model.countParams()).toBe(3_453_121);
    expect(model.layers.map((l) => l.countParams())).toEqual([896, 0, 18_496, 0, 73_856, 0, 147_584, 0, 0, 3_211_776, 513]);
    expect(model.summary({ printFn: () => {} })).toMatch(/\(None, 7, 7, 128\)/);
    model.dispose();
  });

  it('the three-Conv model without pooling has 55,744 (the first Conv2D, 32 3x3 on 1 channel, 320)', () => {
    const model = sequential([
      conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
      conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
      conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
    ]);
    expect(model.countParams()).toBe(55_744);
    expect(model.layers[0]!.countParams()).toBe(320);
    expect(model.outputShape).toEqual([null, 22, 22, 64]);
    expect(model.layers[0]).toBeInstanceOf(Conv2D);
    model.dispose();
  });

  it('an encoder-decoder of Conv2D, dilated and separable convolutions and Conv2DTranspose trains without leaks', async () => {
    const model = sequential([
      conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', inputShape: [8, 8, 1] }),
      separableConv2d({ filters: 4, kernelSize: 3, padding: 'same', dilationRate: 2, activation: 'relu' }),
      conv2dTranspose({ filters: 1, kernelSize: 3, strides: 2, padding: 'same', activation: 'sigmoid' }),
    ]);
    expect(model.outputShape).toEqual([null, 8, 8, 1]);
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = tf.randomUniform([16, 8, 8, 1], 0, 1, 'float32', 5);
    const first = await model.fit(x, x, { epochs: 1, batchSize: 8, verbose: 0 }); // creates Adam's slots
    const before = tf.memory().numTensors;
    const history = await model.fit(x, x, { epochs: 4, batchSize: 8, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    const losses = history.history['loss']!;
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(first.history['loss']![0]!);
    x.dispose();
    model.dispose();
  });
});
