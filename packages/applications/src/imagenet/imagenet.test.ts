import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { md5Of, suiteFixtures } from '../testing/fixtures.js';
import { decodePredictions } from './decode-predictions.js';
import { loadClassIndex, parseClassIndex } from './class-index.js';
import { preprocessInput } from './preprocess.js';

const fixtures = suiteFixtures('layerwise-imagenet-');

beforeAll(async () => {
  await useBackend('cpu');
});

describe('preprocessInput', () => {
  const values = [10, 20, 30, 255, 0, 127.5];
  let pixel: tf.Tensor;
  beforeAll(() => {
    pixel = tf.tensor4d(values, [1, 1, 2, 3]);
  });

  it("'caffe' flips RGB to BGR and subtracts the ImageNet mean (Keras' numbers)", async () => {
    const out = preprocessInput(pixel, 'caffe');
    expect(Array.from(await out.data())).toEqual(
      [30 - 103.939, 20 - 116.779, 10 - 123.68, 127.5 - 103.939, 0 - 116.779, 255 - 123.68].map((v) => expect.closeTo(v, 4)),
    );
    out.dispose();
  });

  it("'tf' scales to [-1, 1]; 'torch' to [0, 1] normalised by ImageNet's mean and std", async () => {
    const tfMode = preprocessInput(pixel, 'tf');
    expect(Array.from(await tfMode.data())).toEqual([10, 20, 30, 255, 0, 127.5].map((v) => expect.closeTo(v / 127.5 - 1, 5)));
    const torch = preprocessInput(pixel, 'torch');
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    expect(Array.from(await torch.data())).toEqual([10, 20, 30, 255, 0, 127.5].map((v, i) => expect.closeTo((v / 255 - mean[i % 3]!) / std[i % 3]!, 5)));
    tf.dispose([tfMode, torch]);
  });

  it('rejects an unknown mode and images without 3 channels, leaking nothing', () => {
    const before = tf.memory().numTensors;
    expect(() => preprocessInput(pixel, 'keras' as 'tf')).toThrow(/`mode`.*Received: mode='keras'/);
    expect(() => preprocessInput(tf.zeros([1, 2, 2, 1]), 'caffe')).toThrow(/needs 3 channels last.*\(1, 2, 2, 1\)/);
    expect(tf.memory().numTensors).toBe(before + 1);
  });
});

describe('decodePredictions', () => {
  const index = { '0': ['n0', 'ant'], '1': ['n1', 'bee'], '2': ['n2', 'wasp'] };
  const json = JSON.stringify(index);

  it('downloads the class index once (MD5-verified) and lists the top classes of each row, best first', async () => {
    fixtures.files.set('/data/classes.json', new TextEncoder().encode(json));
    const file = { name: 'classes.json', baseUrl: `${fixtures.url}/data/`, md5: md5Of(json) };
    const predictions = tf.tensor2d([
      [0.1, 0.7, 0.2],
      [0.5, 0.2, 0.3],
    ]);
    const where = { file, cacheDir: fixtures.dir, offlineDir: `${fixtures.dir}/none` };
    const decoded = await decodePredictions(predictions, { ...where, top: 2 });
    expect(decoded).toEqual([
      [{ id: 'n1', name: 'bee', score: expect.closeTo(0.7, 6) }, { id: 'n2', name: 'wasp', score: expect.closeTo(0.2, 6) }],
      [{ id: 'n0', name: 'ant', score: expect.closeTo(0.5, 6) }, { id: 'n2', name: 'wasp', score: expect.closeTo(0.3, 6) }],
    ]);
    await loadClassIndex(where);
    expect(fixtures.hits.get('/data/classes.json')).toBe(1);
    predictions.dispose();
  });

  it('checks the predictions against the class index, and the index itself', async () => {
    const classIndex = parseClassIndex(json, 'classes.json');
    const wrong = tf.zeros([2, 5]);
    await expect(decodePredictions(wrong, { classIndex })).rejects.toThrow(/predictions have 5 classes, the class index 3/);
    await expect(decodePredictions(tf.zeros([3]), { classIndex })).rejects.toThrow(/shape \[samples, classes\]. Received: shape \(3,\)/);
    expect(() => parseClassIndex('{"0": "ant"}', 'x.json')).toThrow(/x.json: class 0 should be \[id, name\]/);
    wrong.dispose();
  });
});
