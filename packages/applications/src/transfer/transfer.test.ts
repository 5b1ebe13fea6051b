import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend, type Batch } from '@layerwise/core';
import { loadModel } from '@layerwise/io';
import type { LayerOutput, Model } from '@layerwise/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedModelsDir } from '../testing/fixtures.js';
import { extractFeatures } from './extract-features.js';
import { featureExtractor } from './feature-extractor.js';
import { unfreezeTop } from './fine-tune.js';

let darknet: Model<LayerOutput>;

beforeAll(async () => {
  await useBackend('auto');
  darknet = await loadModel(join(sharedModelsDir, 'darknet-tiny', 'model.json'), { compile: false });
}, 60_000);

afterAll(() => darknet?.dispose());

const batches = (sizes: number[]): Batch[] => sizes.map((n, i) => ({ x: tf.randomUniform([n, 224, 224, 3], 0, 255, 'float32', i), y: tf.fill([n], i, 'int32') }));

describe('the pretrained darknet-tiny as a frozen feature base', () => {
  it('featureExtractor cuts it at a layer by name, frozen, optionally pooled', () => {
    const before = tf.memory().numTensors;
    const maps = featureExtractor(darknet, { outputLayer: 'leaky_re_lu_15' });
    expect(maps.outputs[0]!.shape).toEqual([null, 14, 14, 128]);
    const pooled = featureExtractor(darknet, { outputLayer: 'leaky_re_lu_14', pooling: 'avg', name: 'darknet_base' });
    expect(pooled.outputs[0]!.shape).toEqual([null, 512]);
    expect(pooled.name).toBe('darknet_base');
    expect(pooled.trainableWeights).toHaveLength(0);
    expect(pooled.layers.map((l) => l.name)).not.toContain('conv2d_16');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('extractFeatures runs the base once over a dataset, keeping features and labels in order and nothing else', async () => {
    const base = featureExtractor(darknet, { outputLayer: 'leaky_re_lu_14', pooling: 'avg' });
    const data = batches([2, 1]);
    const expected = tf.tidy(() => base.apply(tf.div(tf.concat(data.map((b) => b.x)), 255), { training: false }) as tf.Tensor);
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const { features, labels } = await extractFeatures(base, data, { preprocess: (x) => tf.div(x, 255), onBatch: (n) => seen.push(n) });
    expect(features.shape).toEqual([3, 512]);
    expect(Array.from(await labels.data())).toEqual([0, 0, 1]);
    expect(seen).toEqual([2, 3]);
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(features, expected))).dataSync()[0])).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before - 4 + 2); // the batches' 4 tensors consumed, features and labels returned
    tf.dispose([features, labels, expected]);
  }, 60_000);

  it('unfreezeTop makes the top block train again, keeping BatchNormalization frozen by default', () => {
    const base = featureExtractor(darknet, { outputLayer: 'leaky_re_lu_15' });
    unfreezeTop(base, { from: 'conv2d_15' });
    expect(base.trainableWeights.map((w) => w.name)).toEqual(['conv2d_15/kernel']);
    unfreezeTop(base, { from: 'conv2d_14', keepBatchNormalizationFrozen: false });
    expect(base.trainableWeights).toHaveLength(6);
    base.trainable = false;
  });

  it('errors name the model, the option and the value', async () => {
    expect(() => featureExtractor(darknet, { outputLayer: 'block5_pool' })).toThrow(/no layer named 'block5_pool'. Its layers are: input_1, conv2d_1/);
    expect(() => featureExtractor(darknet, { outputLayer: 'conv2d_16', pooling: 'sum' as 'avg' })).toThrow(/`pooling`.*Received: pooling='sum'/);
    expect(() => featureExtractor(darknet, { outputLayer: 'global_average_pooling2d_1', pooling: 'avg' })).toThrow(/pooling needs a 4D feature map; layer "global_average_pooling2d_1" outputs shape \(None, 1000\)/);
    expect(() => featureExtractor(darknet, { layer: 'x' } as never)).toThrow(/unknown option `layer`/);
    const base = featureExtractor(darknet, { outputLayer: 'leaky_re_lu_14' });
    await expect(extractFeatures(base, [{ x: tf.zeros([1, 224, 224, 3]) }])).rejects.toThrow(/batch 0 has no labels/);
    await expect(extractFeatures(base, [])).rejects.toThrow(/yielded no batches/);
    expect(() => unfreezeTop(base, { from: 'nope' })).toThrow(/no layer named 'nope'/);
  });
});
