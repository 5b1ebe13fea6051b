import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import type { Functional } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { mobileNetV2, resnet50, vgg16, vgg19, xception, type ApplicationOptions } from '../index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Builds a model (no weights), reads what the test needs, disposes it, and checks nothing leaked. */
async function inspect<T>(build: (options: ApplicationOptions) => Promise<Functional<tf.Tensor>>, options: ApplicationOptions, read: (m: Functional) => T): Promise<T> {
  const before = tf.memory().numTensors;
  const model = await build({ weights: null, ...options });
  try {
    return read(model);
  } finally {
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
}

const count = (m: Functional) => m.countParams();

describe('parameter counts equal Keras', () => {
  it('VGG16: 138,357,544 with the top, 14,714,688 without', async () => {
    expect(await inspect(vgg16, { includeTop: false }, count)).toBe(14_714_688);
    expect(await inspect(vgg16, {}, count)).toBe(138_357_544);
  }, 120_000);
  it('VGG19: 143,667,240', async () => {
    expect(await inspect(vgg19, {}, count)).toBe(143_667_240);
  }, 120_000);
  it('ResNet50: 25,636,712', async () => {
    expect(await inspect(resnet50, {}, count)).toBe(25_636_712);
  }, 60_000);
  it('MobileNetV2: 3,538,984', async () => {
    expect(await inspect(mobileNetV2, {}, count)).toBe(3_538_984);
  });
  it('Xception: 22,910,480', async () => {
    expect(await inspect(xception, {}, count)).toBe(22_910_480);
  }, 60_000);
});

describe("Keras' layer names and options", () => {
  it('VGG16 has the 23 layers of Keras, named as Keras names them', async () => {
    const names = await inspect(vgg16, { includeTop: true, classes: 2, inputShape: [32, 32, 3] }, (m) => m.layers.map((l) => l.name));
    expect(names).toHaveLength(23);
    expect(names.slice(0, 4)).toEqual(['input_layer', 'block1_conv1', 'block1_conv2', 'block1_pool']);
    expect(names.slice(-5)).toEqual(['block5_pool', 'flatten', 'fc1', 'fc2', 'predictions']);
  });

  it('ResNet50 has 175 layers without the top (177 with it), ending in conv5_block3_out', async () => {
    const names = await inspect(resnet50, { includeTop: false, inputShape: [32, 32, 3] }, (m) => m.layers.map((l) => l.name));
    expect(names).toHaveLength(175);
    expect(names).toContain('conv2_block1_0_conv');
    expect(names.at(-1)).toBe('conv5_block3_out');
    expect(await inspect(resnet50, { pooling: 'avg', includeTop: false, inputShape: [32, 32, 3] }, (m) => [m.layers.at(-1)!.name, m.outputs[0]!.shape])).toEqual(['avg_pool', [null, 2048]]);
  });

  it('MobileNetV2 has the 154 layers of Keras without the top, with its block names', async () => {
    const names = await inspect(mobileNetV2, { includeTop: false, inputShape: [32, 32, 3] }, (m) => m.layers.map((l) => l.name));
    expect(names).toHaveLength(154);
    expect(names).toEqual(expect.arrayContaining(['Conv1', 'bn_Conv1', 'expanded_conv_depthwise', 'block_1_pad', 'block_16_project_BN', 'Conv_1', 'out_relu']));
  });

  it("Xception's unnamed layers get a fresh Keras session's names, the same every time", async () => {
    const read = (m: Functional) => m.layers.map((l) => l.name).filter((n) => /^(conv2d|batch_normalization|add)/.test(n));
    const first = await inspect(xception, { includeTop: false, inputShape: [71, 71, 3] }, read);
    const second = await inspect(xception, { includeTop: false, inputShape: [71, 71, 3] }, read);
    expect(first).toEqual(second);
    expect(first.filter((n) => n.startsWith('add'))).toHaveLength(12);
    expect(first).toEqual(expect.arrayContaining(['conv2d', 'conv2d_3', 'batch_normalization_3', 'add_11']));
  });

  it('default input shapes follow Keras: fixed with the top, free without', async () => {
    expect(await inspect(xception, {}, (m) => m.inputs[0]!.shape)).toEqual([null, 299, 299, 3]);
    expect(await inspect(mobileNetV2, { includeTop: false }, (m) => m.outputs[0]!.shape)).toEqual([null, null, null, 1280]);
  });

  it("rejects options Keras rejects, naming the option and the value", async () => {
    await expect(vgg16({ weights: 'imagenet', classes: 10 })).rejects.toThrow(/vgg16: with weights 'imagenet' and includeTop, classes must be 1000. Received: classes=10/);
    await expect(vgg16({ inputShape: [100, 100, 3] })).rejects.toThrow(/inputShape must be \[224, 224, 3\]/);
    await expect(vgg16({ weights: null, includeTop: false, inputShape: [16, 16, 3] })).rejects.toThrow(/at least 32x32. Received: inputShape=\[16,16,3\]/);
    await expect(xception({ weights: null, includeTop: false, inputShape: [64, 64, 3] })).rejects.toThrow(/at least 71x71/);
    await expect(resnet50({ classifierActivation: 'relu' })).rejects.toThrow(/classifierActivation must be 'softmax' or null/);
    await expect(resnet50({ weights: null, pooling: 'mean' as 'avg' })).rejects.toThrow(/`pooling`.*Received: pooling='mean'/);
    await expect(resnet50({ weights: null, inputShape: [32, 32] })).rejects.toThrow(/`inputShape`.*Received: inputShape=\[32,32\]/);
    await expect(resnet50({ weights: null, include_top: false } as never)).rejects.toThrow(/unknown option `include_top`/);
    await expect(mobileNetV2({ weights: 5 as never })).rejects.toThrow(/`weights`.*Received: weights=5/);
  });
});
