import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { conv2d, initializers, maxPooling2d, sequential } from '@layerwise/layers';
import { filterPatterns } from './filter-patterns.js';
import { filterGrid } from './filter-grid.js';
import { featureMapTensors } from '../activations/graph-tensors.js';
import { model as functional } from '@layerwise/layers';

beforeAll(() => useBackend('cpu'));

function smallConvnet() {
  const kernelInitializer = initializers.glorotUniform({ seed: 3 });
  return sequential([
    conv2d({ filters: 6, kernelSize: 3, activation: 'relu', inputShape: [16, 16, 3], kernelInitializer, name: 'c1' }),
    maxPooling2d({ poolSize: 2, name: 'p1' }),
    conv2d({ filters: 8, kernelSize: 3, kernelInitializer, name: 'c2' }),
  ]);
}

describe('filterPatterns', () => {
  it('finds, for each filter, an input that raises its mean activation well above the random start', async () => {
    const net = smallConvnet();
    const before = tf.memory().numTensors;
    const found = await filterPatterns(net, { layer: 'c2', filters: [0, 3, 7], steps: 20, stepSize: 2 });
    expect(found.filters).toEqual([0, 3, 7]);
    expect(found.patterns.shape).toEqual([3, 16, 16, 3]);
    // Checked independently: the layer's mean activation of each filter on its own pattern.
    const features = functional({ inputs: net.inputs[0]!, outputs: featureMapTensors('t', net, ['c2'])[0]!.tensor });
    const acts = features.predictOnBatch(found.patterns);
    const means = found.filters.map((f, i) => tf.tidy(() => tf.mean(tf.slice(acts, [i, 0, 0, f], [1, -1, -1, 1])).dataSync()[0]!));
    found.filters.forEach((_, i) => {
      expect(means[i]).toBeCloseTo(found.finalActivation[i]!, 4);
      expect(found.finalActivation[i]!).toBeGreaterThan(found.startActivation[i]! * 2 + 0.1);
    });
    tf.dispose([acts, found.patterns]);
    expect(tf.memory().numTensors).toBe(before);
    const grid = await filterGrid((await filterPatterns(net, { layer: 'c1', steps: 2 })).patterns);
    // 6 filters in one row of 8 at most, 14x14 each, 2 px apart.
    expect([grid.width, grid.height]).toEqual([6 * 16 + 5 * 2, 16]);
    net.dispose();
  });

  it('names bad arguments', async () => {
    const net = smallConvnet();
    await expect(filterPatterns(net, { layer: 'c3' })).rejects.toThrow(/no layer named 'c3'/);
    await expect(filterPatterns(net, { layer: 'c1', filters: [6] })).rejects.toThrow(/`filters\[0\]`, expected a channel index below 6. Received: filters\[0\]=6/);
    await expect(filterPatterns(net, { layer: 'c1', stepSize: 0 })).rejects.toThrow(/`stepSize`/);
    await expect(filterGrid(tf.zeros([2, 4, 4, 2]) as tf.Tensor4D)).rejects.toThrow(/`patterns`.*Received: patterns='\(2, 4, 4, 2\)'/);
    net.dispose();
  });
});
