import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { loadMnist, toTensors } from '@layerwise/datasets';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../config/build-model.js';
import { accuracy, fashionSprite } from '../testing/fashion.js';
import { datasetsDir, modelsDir } from '../testing/locations.js';
import { modelFromH5, weightsFromH5 } from './h5-model.js';

const keras = join(modelsDir, 'keras');
const bytesOf = async (path: string) => new Uint8Array(await readFile(join(keras, path)));

describe('HDF5 files saved by Keras load and predict as their provenance says', () => {
  beforeAll(() => useBackend('auto'));

  it('Keras 2.1.6 MNIST LeNet (bare-list Sequential config): 44,426 parameters, Adam restored, over 98% on the 10,000 MNIST test images', async () => {
    const before = tf.memory().numTensors;
    const model = await modelFromH5(await bytesOf('tensorspace-lenet-k216/mnist.h5'), 'mnist.h5');
    expect(model.countParams()).toBe(44_426);
    expect(model.optimizer?.className).toBe('Adam');
    expect(model.compiled.loss.name).toBe('sparse_categorical_crossentropy');
    const { test } = await loadMnist({ offlineDir: datasetsDir });
    const { x, y } = toTensors(test);
    const images = tf.reshape(x, [-1, 28, 28]);
    const probabilities = (await model.predict(images, { batchSize: 1000 })) as tf.Tensor;
    const score = accuracy(probabilities, Array.from(y.dataSync()));
    expect(score).toBeGreaterThan(0.98); // 0.9866 when written
    tf.dispose([x, y, images, probabilities]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);

  it('Keras 3.1.1 legacy HDF5 MNIST convnet (bare weight names): 1.png is a 1 (p 0.99774), 8.png an 8 (p 0.99998)', async () => {
    const model = await modelFromH5(await bytesOf('moonflower-mnist-cnn-k311/mnist_model.h5'), 'mnist_model.h5');
    expect(model.countParams()).toBe(34_826);
    for (const [file, digit, p] of [['1.png', 1, 0.99774], ['8.png', 8, 0.99998]] as const) {
      const { data, info } = await sharp(join(keras, 'moonflower-mnist-cnn-k311', file)).grayscale().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, info.channels]).toEqual([28, 28, 1]);
      const image = tf.tidy(() => tf.div(tf.tensor(Float32Array.from(data), [1, 28, 28, 1]), 255));
      const probabilities = model.predictOnBatch(image) as tf.Tensor;
      const values = probabilities.dataSync();
      expect(values.indexOf(Math.max(...values))).toBe(digit);
      expect(values[digit]).toBeCloseTo(p, 3);
      tf.dispose([image, probabilities]);
    }
    model.dispose();
  });

  it('tf.keras 2.4 CIFAR-10 ResNet-8 (functional, BatchNormalization, residual Add): 78,666 parameters, trained statistics loaded', async () => {
    const model = await modelFromH5(await bytesOf('mlperftiny-resnet8-tfk240/pretrainedResnet.h5'), 'pretrainedResnet.h5');
    expect(model.className).toBe('Functional');
    expect(model.countParams()).toBe(78_666);
    expect(model.layers.map((l) => l.className)).toEqual(expect.arrayContaining(['Add', 'BatchNormalization', 'Conv2D', 'Dense']));
    const variance = model.weights.find((w) => w.name.endsWith('moving_variance'))!.variable;
    expect(Math.abs(variance.dataSync()[0]! - 1)).toBeGreaterThan(1e-3);
    const x = tf.randomUniform([2, 32, 32, 3], 0, 1, 'float32', 1);
    const p = model.predictOnBatch(x) as tf.Tensor;
    expect(p.shape).toEqual([2, 10]);
    tf.dispose([x, p]);
    model.dispose();
  });

  it('tf.keras 2.2.4 weights-only file with its model.to_json(): the Fashion-MNIST LeNet scores near its reported 0.8812 on 900 real images', async () => {
    const config = JSON.parse(await readFile(join(keras, 'kotlindl-lenet-dropout-weights-tfk224/modelConfig.json'), 'utf8'));
    const model = buildModel(config, 'modelConfig.json');
    expect(model.countParams()).toBe(844_326);
    await weightsFromH5(model, await bytesOf('kotlindl-lenet-dropout-weights-tfk224/weights.h5'), 'weights.h5');
    const { x, y } = await fashionSprite();
    const images = tf.reshape(x, [900, ...(model.inputs[0]!.shape.slice(1) as number[])]);
    const probabilities = model.predictOnBatch(images) as tf.Tensor;
    const score = accuracy(probabilities, y);
    expect(score).toBeGreaterThan(0.85); // 0.899 when written
    tf.dispose([x, images, probabilities]);
    model.dispose();
  });
});
