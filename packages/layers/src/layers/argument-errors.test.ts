import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { sequential } from '../models/sequential.js';
import { layerClassNames } from '../models/registry.js';
import * as L from './index.js';

beforeAll(() => useBackend('cpu'));

/** `[class, construct with a bad argument, the argument, how the received value is written]`. */
type BadArgument = [string, () => unknown, string, string];

const d = L.dense({ units: 2 });
const cases: BadArgument[] = [
  ['Dense', () => L.dense({ units: 0 }), 'units', '0'],
  ['Dense', () => L.dense({ units: 2, activation: 'relux' }), 'activation', "'relux'"],
  ['Dense', () => L.dense({ units: 2, kernelInitializer: 'nope' }), 'kernelInitializer', "'nope'"],
  ['Activation', () => L.activation({ activation: 'nope' }), 'activation', "'nope'"],
  ['Dropout', () => L.dropout({ rate: 1 }), 'rate', '1'],
  ['Dropout', () => L.dropout({ rate: -0.1 }), 'rate', '-0.1'],
  ['SpatialDropout1D', () => L.spatialDropout1d({ rate: 1.5 }), 'rate', '1.5'],
  ['SpatialDropout2D', () => L.spatialDropout2d({ rate: -1 }), 'rate', '-1'],
  ['GaussianNoise', () => L.gaussianNoise({ stddev: -1 }), 'stddev', '-1'],
  ['GaussianDropout', () => L.gaussianDropout({ rate: 1 }), 'rate', '1'],
  ['AlphaDropout', () => L.alphaDropout({ rate: 2 }), 'rate', '2'],
  ['ActivityRegularization', () => L.activityRegularization({ l1: -1 }), 'l1', '-1'],
  ['Flatten', () => L.flatten({ inputShape: [0] }), 'inputShape[0]', '0'],
  ['Reshape', () => L.reshape({ targetShape: [2, 0] }), 'targetShape', '[2,0]'],
  ['Permute', () => L.permute({ dims: [1, 1] }), 'dims', '[1,1]'],
  ['RepeatVector', () => L.repeatVector({ n: 0 }), 'n', '0'],
  ['Lambda', () => L.lambda({ function: 3 } as never), 'function', '3'],
  ['Masking', () => L.masking({ maskValue: 'zero' as never }), 'maskValue', "'zero'"],
  ['Embedding', () => L.embedding({ inputDim: 0, outputDim: 2 }), 'inputDim', '0'],
  ['Embedding', () => L.embedding({ inputDim: 3, outputDim: -2 }), 'outputDim', '-2'],
  ['PReLU', () => L.prelu({ sharedAxes: [0] }), 'sharedAxes', '[0]'],
  ['ELU', () => L.elu({ alpha: 'big' as never }), 'alpha', "'big'"],
  ['ReLU', () => L.reLU({ maxValue: -1 }), 'maxValue', '-1'],
  ['LeakyReLU', () => L.leakyReLU({ negativeSlope: -1 }), 'negativeSlope', '-1'],
  ['Softmax', () => L.softmax({ axis: 1.5 }), 'axis', '1.5'],
  ['Conv1D', () => L.conv1d({ filters: -1, kernelSize: 3 }), 'filters', '-1'],
  ['Conv2D', () => L.conv2d({ filters: 4, kernelSize: 0 }), 'kernelSize', '0'],
  ['Conv2D', () => L.conv2d({ filters: 4, kernelSize: 3, padding: 'full' as never }), 'padding', "'full'"],
  ['Conv2D', () => L.conv2d({ filters: 4, kernelSize: 3, strides: 0 }), 'strides', '0'],
  ['Conv3D', () => L.conv3d({ filters: 4, kernelSize: 3, activation: 'nope' }), 'activation', "'nope'"],
  ['Conv1DTranspose', () => L.conv1dTranspose({ filters: 0, kernelSize: 3 }), 'filters', '0'],
  ['Conv2DTranspose', () => L.conv2dTranspose({ filters: 2, kernelSize: 3, padding: 'causal' as never }), 'padding', "'causal'"],
  ['Conv3DTranspose', () => L.conv3dTranspose({ filters: 2, kernelSize: -3 }), 'kernelSize', '-3'],
  ['SeparableConv1D', () => L.separableConv1d({ filters: 2, kernelSize: 3, depthMultiplier: 0 }), 'depthMultiplier', '0'],
  ['SeparableConv2D', () => L.separableConv2d({ filters: 2, kernelSize: 3, depthwiseInitializer: 'nope' }), 'depthwiseInitializer', "'nope'"],
  ['DepthwiseConv1D', () => L.depthwiseConv1d({ kernelSize: 0 }), 'kernelSize', '0'],
  ['DepthwiseConv2D', () => L.depthwiseConv2d({ kernelSize: 3, padding: 'nope' as never }), 'padding', "'nope'"],
  ['MaxPooling1D', () => L.maxPooling1d({ poolSize: 0 }), 'poolSize', '0'],
  ['MaxPooling2D', () => L.maxPooling2d({ poolSize: 2, padding: 'nope' as never }), 'padding', "'nope'"],
  ['MaxPooling3D', () => L.maxPooling3d({ strides: -1 }), 'strides', '-1'],
  ['AveragePooling1D', () => L.averagePooling1d({ poolSize: 1.5 }), 'poolSize', '1.5'],
  ['AveragePooling2D', () => L.averagePooling2d({ poolSize: [2, 0] }), 'poolSize[1]', '0'],
  ['AveragePooling3D', () => L.averagePooling3d({ padding: 'nope' as never }), 'padding', "'nope'"],
  ['GlobalMaxPooling1D', () => L.globalMaxPooling1d({ keepdims: 'yes' as never }), 'keepdims', "'yes'"],
  ['GlobalAveragePooling1D', () => L.globalAveragePooling1d({ keepdims: 1 as never }), 'keepdims', '1'],
  ['GlobalMaxPooling2D', () => L.globalMaxPooling2d({ keepdims: 'no' as never }), 'keepdims', "'no'"],
  ['GlobalAveragePooling2D', () => L.globalAveragePooling2d({ keepdims: 0 as never }), 'keepdims', '0'],
  ['GlobalMaxPooling3D', () => L.globalMaxPooling3d({ keepdims: 'x' as never }), 'keepdims', "'x'"],
  ['GlobalAveragePooling3D', () => L.globalAveragePooling3d({ keepdims: [] as never }), 'keepdims', '[]'],
  ['ZeroPadding1D', () => L.zeroPadding1d({ padding: -1 }), 'padding', '-1'],
  ['ZeroPadding2D', () => L.zeroPadding2d({ padding: [1, 2, 3] as never }), 'padding', '[1,2,3]'],
  ['ZeroPadding3D', () => L.zeroPadding3d({ padding: 1.5 }), 'padding', '1.5'],
  ['Cropping1D', () => L.cropping1d({ cropping: -2 }), 'cropping', '-2'],
  ['Cropping2D', () => L.cropping2d({ cropping: 'all' as never }), 'cropping', "'all'"],
  ['Cropping3D', () => L.cropping3d({ cropping: -1 }), 'cropping', '-1'],
  ['UpSampling1D', () => L.upSampling1d({ size: 0 }), 'size', '0'],
  ['UpSampling2D', () => L.upSampling2d({ size: 2, interpolation: 'cubic' as never }), 'interpolation', "'cubic'"],
  ['UpSampling3D', () => L.upSampling3d({ size: -2 }), 'size', '-2'],
  ['BatchNormalization', () => L.batchNormalization({ momentum: 2 }), 'momentum', '2'],
  ['BatchNormalization', () => L.batchNormalization({ epsilon: 0 }), 'epsilon', '0'],
  ['LayerNormalization', () => L.layerNormalization({ epsilon: -1 }), 'epsilon', '-1'],
  ['GroupNormalization', () => L.groupNormalization({ groups: 0 }), 'groups', '0'],
  ['UnitNormalization', () => L.unitNormalization({ axis: 'last' as never }), 'axis', "'last'"],
  ['SimpleRNN', () => L.simpleRNN({ units: 0 }), 'units', '0'],
  ['LSTM', () => L.lstm({ units: 2, recurrentDropout: 1 }), 'recurrentDropout', '1'],
  ['LSTM', () => L.lstm({ units: 2, recurrentInitializer: 'nope' }), 'recurrentInitializer', "'nope'"],
  ['GRU', () => L.gru({ units: 2, activation: 'nope' }), 'activation', "'nope'"],
  ['Bidirectional', () => L.bidirectional({ layer: L.lstm({ units: 2 }), mergeMode: 'max' as never }), 'mergeMode', "'max'"],
  ['Bidirectional', () => L.bidirectional({ layer: d as never }), 'layer', "'Dense'"],
  ['TimeDistributed', () => L.timeDistributed({ layer: 'dense' as never }), 'layer', "'dense'"],
  ['Attention', () => L.attention({ scoreMode: 'cosine' as never }), 'scoreMode', "'cosine'"],
  ['AdditiveAttention', () => L.additiveAttention({ dropout: 1 }), 'dropout', '1'],
  ['MultiHeadAttention', () => L.multiHeadAttention({ numHeads: 0, keyDim: 2 }), 'numHeads', '0'],
  ['MultiHeadAttention', () => L.multiHeadAttention({ numHeads: 2, keyDim: -1 }), 'keyDim', '-1'],
  ['Add', () => L.add({ name: 7 as never }), 'name', '7'],
  ['Subtract', () => L.subtract({ trainable: 'no' as never }), 'trainable', "'no'"],
  ['Multiply', () => L.multiply({ inputShape: [0] }), 'inputShape[0]', '0'],
  ['Average', () => L.average({ batchSize: -1, inputShape: [2] }), 'batchSize', '-1'],
  ['Maximum', () => L.maximum({ inputShape: [2.5] }), 'inputShape[0]', '2.5'],
  ['Minimum', () => L.minimum({ name: '' }), 'name', "''"],
  ['Concatenate', () => L.concatenate({ axis: 0 }), 'axis', '0'],
  ['Dot', () => L.dot({ axes: 0 }), 'axes', '0'],
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bad constructor arguments name the layer class, the argument and the value received', () => {
  it.each(cases.map(([c, f, a, r]) => [`${c} ${a}`, c, f, a, r] as const))('%s', (_, className, construct, argument, received) => {
    let message = '';
    try {
      construct();
    } catch (error) {
      message = (error as Error).message;
      expect((error as Error).name).toBe('LayerwiseError');
    }
    expect(message, 'no error was raised').not.toBe('');
    expect(message).toMatch(new RegExp(`^${className}( "[^"]*")?: `));
    // Keras' wording: "received an invalid value for `units` ... Received: units=0", or for a name
    // that is not known: "received an unknown value for `activation`: 'relux'".
    expect(message).toMatch(new RegExp(`Received: ${escape(argument)}=${escape(received)}$|unknown value for \`${escape(argument)}\`: ${escape(received)}\\.`));
  });

  it('covers every built-in layer class', () => {
    const covered = new Set(cases.map(([name]) => name));
    const models = ['InputLayer', 'Sequential', 'Functional', 'Model'];
    expect(layerClassNames().filter((n) => !models.includes(n) && !covered.has(n))).toEqual([]);
  });
});

describe('shape errors name the layer and the shapes', () => {
  it('incompatible merges', () => {
    expect(() => L.add({ name: 'sum' }).apply([input({ shape: [3] }), input({ shape: [4] })])).toThrow(/Add "sum": inputs have incompatible shapes \(None, 3\) and \(None, 4\)/);
    expect(() => L.concatenate({ name: 'cat' }).apply([input({ shape: [2, 3] }), input({ shape: [4, 3] })])).toThrow(
      /Concatenate "cat": inputs must match in every axis but the concatenation axis \(-1\); received shapes \(None, 2, 3\), \(None, 4, 3\)/,
    );
    expect(() => L.subtract({ name: 'diff' }).apply([input({ shape: [3] }), input({ shape: [3] }), input({ shape: [3] })])).toThrow(/Subtract "diff": needs exactly 2 inputs, received 3/);
    expect(() => L.dot({ axes: 1, name: 'dp' }).apply([input({ shape: [3] }), input({ shape: [4] })])).toThrow(/Dot "dp".*\(None, 3\).*\(None, 4\)/);
  });

  it('inputs of the wrong rank, and a model whose input shape is not known', () => {
    expect(() => L.conv2d({ filters: 2, kernelSize: 3, name: 'c' }).apply(input({ shape: [8, 3] }))).toThrow(/Conv2D "c".*\(None, 8, 3\)/);
    expect(() => L.lstm({ units: 2, name: 'r' }).apply(input({ shape: [3] }))).toThrow(/LSTM "r": needs inputs \[batch, timesteps, features\].*received \(None, 3\)/);
    expect(() => L.dense({ units: 2, name: 'fc' }).apply(input({ shape: [null] }))).toThrow(/Dense "fc": needs an input of rank >= 2 with a known last axis, received \[null,null\]/);
    const unbuilt = sequential([L.dense({ units: 2 })], { name: 'later' });
    expect(() => unbuilt.inputs).toThrow(/Sequential "later" has no symbolic inputs: give its first layer an inputShape/);
    const built = sequential([L.dense({ units: 2, inputShape: [3], name: 'first' })]);
    expect(() => built.predictOnBatch(tf.zeros([2, 4]))).toThrow(/Input 0 of layer "first" is incompatible with the layer: expected shape \(None, 3\), but received input with shape \(2, 4\)/);
    built.dispose();
  });
});
