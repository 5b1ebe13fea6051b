import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { weightsToH5 } from '@layerwise/io';
import type { Functional } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { mobileNetV2, resnet50 } from '../index.js';
import { suiteFixtures } from '../testing/fixtures.js';
import { KERAS_FILES_FOLDER } from './keras-file.js';

const fixtures = suiteFixtures('layerwise-app-weights-');
const small = { inputShape: [32, 32, 3] } as const;

beforeAll(async () => {
  await useBackend('cpu');
});

/** Writes a model's weights as a Keras weights-only HDF5 file, as `model.save_weights('x.h5')` does. */
async function saveH5(model: Functional, path: string): Promise<string> {
  await writeFile(path, await weightsToH5(model));
  return path;
}

async function sameWeights(a: Functional, b: Functional): Promise<boolean> {
  const [x, y] = [a.getWeights(), b.getWeights()];
  try {
    return x.length === y.length && x.every((w, i) => tf.util.arraysEqual(w.dataSync(), y[i]!.dataSync()));
  } finally {
    tf.dispose([...x, ...y]);
  }
}

describe('weights of an application', () => {
  it('load by layer name from a Keras HDF5 file written from another model', async () => {
    const before = tf.memory().numTensors;
    const source = await mobileNetV2({ weights: null, includeTop: false, ...small });
    const path = await saveH5(source, join(fixtures.dir, 'mobilenet-notop.h5'));
    const loaded = await mobileNetV2({ weights: path, includeTop: false, ...small });
    const fresh = await mobileNetV2({ weights: null, includeTop: false, ...small });
    try {
      expect(await sameWeights(source, loaded)).toBe(true);
      expect(await sameWeights(source, fresh)).toBe(false);
    } finally {
      loaded.dispose();
      fresh.dispose();
      source.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fail naming the layer when the file is for another architecture or shape, leaking nothing', async () => {
    const tenClasses = await mobileNetV2({ weights: null, classes: 10, ...small });
    const notop = await mobileNetV2({ weights: null, includeTop: false, ...small });
    const topPath = await saveH5(tenClasses, join(fixtures.dir, 'mobilenet-10.h5'));
    const notopPath = await saveH5(notop, join(fixtures.dir, 'mobilenet-notop-2.h5'));
    tenClasses.dispose();
    notop.dispose();
    const before = tf.memory().numTensors;
    await expect(mobileNetV2({ weights: topPath, classes: 5, ...small })).rejects.toThrow(/weight 'predictions\/kernel' of layer "predictions" has shape \(1280, 10\) in the file, the layer needs \(1280, 5\)/);
    await expect(mobileNetV2({ weights: notopPath, classes: 10, ...small })).rejects.toThrow(/layer "predictions" has weights, the file has none under its name/);
    await expect(resnet50({ weights: notopPath, includeTop: false, ...small })).rejects.toThrow(/layer "conv1_conv" has weights, the file has none under its name/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("'imagenet' reads Keras' file by its published name, from the offline directory (MobileNetV2: no published checksum)", async () => {
    const source = await mobileNetV2({ weights: null, includeTop: false, inputShape: [96, 96, 3] });
    const offlineDir = join(fixtures.dir, 'offline');
    await mkdir(join(offlineDir, KERAS_FILES_FOLDER), { recursive: true });
    await saveH5(source, join(offlineDir, KERAS_FILES_FOLDER, 'mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_96_no_top.h5'));
    const loaded = await mobileNetV2({ includeTop: false, inputShape: [96, 96, 3], weightsFile: { offlineDir, cacheDir: join(fixtures.dir, 'cache') } });
    try {
      expect(await sameWeights(source, loaded)).toBe(true);
    } finally {
      loaded.dispose();
      source.dispose();
    }
  });

  it("'imagenet' verifies Keras' published MD5 and downloads from Keras' published URL", async () => {
    const offlineDir = join(fixtures.dir, 'offline-bad');
    await mkdir(join(offlineDir, KERAS_FILES_FOLDER), { recursive: true });
    await writeFile(join(offlineDir, KERAS_FILES_FOLDER, 'resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5'), 'not the real file');
    const before = tf.memory().numTensors;
    await expect(resnet50({ includeTop: false, ...small, weightsFile: { offlineDir } })).rejects.toThrow(
      /resnet50_weights_tf_dim_ordering_tf_kernels_notop\.h5 has md5 [0-9a-f]{32}, expected 4d473c1dd8becc155b73f8504c6f6626/,
    );
    const asked: string[] = [];
    const fetch = async (url: string) => {
      asked.push(url);
      return new Response('gone', { status: 404 });
    };
    await expect(resnet50({ weightsFile: { offlineDir: join(fixtures.dir, 'none'), cacheDir: join(fixtures.dir, 'cache-r'), fetch } })).rejects.toThrow(/HTTP 404/);
    expect(asked).toEqual(['https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels.h5']);
    expect(tf.memory().numTensors).toBe(before);
  });
});
