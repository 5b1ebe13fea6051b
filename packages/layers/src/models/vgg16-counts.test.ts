import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2d, dense, flatten, maxPooling2d } from '../layers/index.js';
import { sequential, type Sequential } from './sequential.js';

beforeAll(() => useBackend('cpu'));

const quiet = { printFn: () => {} };

/** Keras' `VGG16(include_top=False, input_shape=(150, 150, 3))`, built from our layers (never run: it is big). */
function vgg16ConvBase(): Sequential {
  const blocks = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]];
  const layers = blocks.flatMap((filters, b) => [
    ...filters.map((f, i) =>
      conv2d({ filters: f, kernelSize: 3, padding: 'same', activation: 'relu', name: `block${b + 1}_conv${i + 1}`, ...(b === 0 && i === 0 ? { inputShape: [150, 150, 3] } : {}) }),
    ),
    maxPooling2d({ poolSize: 2, name: `block${b + 1}_pool` }),
  ]);
  return sequential(layers, { name: 'vgg16' });
}

describe('the classic VGG16 feature-extraction counts (Deep Learning with Python, 5.3)', () => {
  it('conv base 14,714,688 parameters; with the Dense head 16,812,353; frozen base leaves 2,097,665 trainable', () => {
    const convBase = vgg16ConvBase();
    expect(convBase.outputShape).toEqual([null, 4, 4, 512]);
    expect(convBase.countParams()).toBe(14_714_688);
    expect(convBase.summary(quiet)).toContain('Total params: 14,714,688\nTrainable params: 14,714,688\nNon-trainable params: 0');

    const net = sequential([convBase, flatten(), dense({ units: 256, activation: 'relu' }), dense({ units: 1, activation: 'sigmoid' })]);
    expect(net.countParams()).toBe(16_812_353);
    expect(net.summary(quiet)).toContain('Total params: 16,812,353\nTrainable params: 16,812,353\nNon-trainable params: 0');
    expect(net.trainableWeights).toHaveLength(30);

    convBase.trainable = false;
    const text = net.summary({ ...quiet, showTrainable: true });
    expect(text).toContain('Total params: 16,812,353\nTrainable params: 2,097,665\nNon-trainable params: 14,714,688');
    expect(text).toMatch(/vgg16 \(Sequential\)\s+\(None, 4, 4, 512\)\s+14714688\s+N/);
    expect(net.trainableWeights).toHaveLength(4);
    net.dispose();
  });
});
