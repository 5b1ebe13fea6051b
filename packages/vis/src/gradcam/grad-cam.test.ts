import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { loadModel } from '@layerwise/io';
import { decodeImageFile } from '@layerwise/datasets';
import { conv2d, dense, globalAveragePooling2d, input, model as functional, type LayerOutput, type Model } from '@layerwise/layers';
import { gradCam } from './grad-cam.js';
import { heatmapOverlay } from './heatmap-overlay.js';
import antBox from './testdata/ant-box.json';

const datasetsDir = resolve(process.env['LAYERWISE_DATASETS_DIR'] ?? resolve(__dirname, '../../../../../shared/datasets'));
const modelsDir = resolve(datasetsDir, '../models');
const ANT = 223; // 'ant' in darknet-tiny's class order (imagenet_classes_darknet_order.json)

let darknet: Model<LayerOutput>;
let photo: tf.Tensor3D;

beforeAll(async () => {
  await useBackend('auto');
  darknet = (await loadModel(resolve(modelsDir, 'darknet-tiny/model.json'), { compile: false })) as Model<LayerOutput>;
  photo = await decodeImageFile(resolve(datasetsDir, antBox.file), { imageSize: [224, 224], colorMode: 'rgb', interpolation: 'bilinear', cropToAspectRatio: false, padToAspectRatio: false });
}, 60_000);

afterAll(() => {
  darknet?.dispose();
  photo?.dispose();
});

describe('gradCam on darknet-tiny', () => {
  it("puts the heatmap's maximum for 'ant' inside the hand-drawn box around the ant", async () => {
    const x = tf.div(photo, 255);
    const before = tf.memory().numTensors;
    const cam = await gradCam(darknet, x, { classIndex: ANT });
    expect(cam.layer).toBe('conv2d_16');
    const [rows, cols] = cam.heatmap.shape;
    const values = await cam.heatmap.data();
    const peak = values.indexOf(Math.max(...values));
    expect(Math.max(...values)).toBeCloseTo(1, 6);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    // The peak cell's centre, in pixels of the original photo (the model's input is the photo stretched to 224x224).
    const px = (((peak % cols) + 0.5) / cols) * antBox.imageSize.width;
    const py = ((Math.floor(peak / cols) + 0.5) / rows) * antBox.imageSize.height;
    expect(px).toBeGreaterThanOrEqual(antBox.box.left);
    expect(px).toBeLessThanOrEqual(antBox.box.right);
    expect(py).toBeGreaterThanOrEqual(antBox.box.top);
    expect(py).toBeLessThanOrEqual(antBox.box.bottom);
    // Without a class, the top class is explained: darknet-tiny sees an ant here.
    const top = await gradCam(darknet, x);
    expect(top.classIndex).toBe(ANT);
    expect(top.score).toBeCloseTo(cam.score, 4);
    expect(tf.memory().numTensors).toBe(before + 2);

    const overlay = await heatmapOverlay(photo, cam.heatmap, { alpha: 0.5 });
    expect([overlay.width, overlay.height, overlay.channels]).toEqual([224, 224, 3]);
    tf.dispose([x, cam.heatmap, top.heatmap]);
  });
});

describe('gradCam and heatmapOverlay arguments', () => {
  it('names what is wrong', async () => {
    const image = input({ shape: [4, 4, 1] });
    const net = functional({ inputs: image, outputs: dense({ units: 2 }).apply(globalAveragePooling2d().apply(conv2d({ filters: 2, kernelSize: 1, name: 'c' }).apply(image))) });
    const x = tf.ones([4, 4, 1]);
    await expect(gradCam(net, tf.ones([2, 4, 4, 1]))).rejects.toThrow(/`image`, expected one image.*Received: image='\(2, 4, 4, 1\)'/);
    await expect(gradCam(net, x, { classIndex: 2 })).rejects.toThrow(/`classIndex`, expected a class index below 2. Received: classIndex=2/);
    await expect(gradCam(net, x, { layer: 'nope' })).rejects.toThrow(/no layer named 'nope'/);
    // A second output reading the feature maps through its own head.
    const twoHeads = functional({ inputs: net.inputs[0]!, outputs: [net.outputs[0]!, dense({ units: 3 }).apply(globalAveragePooling2d().apply(net.getLayer('c').output as never))] });
    const second = await gradCam(twoHeads, x, { output: 1, classIndex: 2 });
    expect([second.classIndex, second.heatmap.shape]).toEqual([2, [4, 4]]);
    second.heatmap.dispose();
    await expect(gradCam(twoHeads, x, { output: 2 })).rejects.toThrow(/`output`, expected an output index below 2. Received: output=2/);
    const cam = await gradCam(net, x, { classIndex: 1 });
    expect([cam.layer, cam.heatmap.shape]).toEqual(['c', [4, 4]]);
    // A cold heatmap over a white image: every pixel is 60% white and 40% the colour map's first colour.
    const cold = tf.zeros([2, 2]) as tf.Tensor2D;
    const before = tf.memory().numTensors;
    const overlay = await heatmapOverlay(x, cold, { colormap: 'gray' });
    expect(tf.memory().numTensors).toBe(before);
    expect([overlay.width, overlay.height]).toEqual([4, 4]);
    expect(new Set(overlay.data)).toEqual(new Set([Math.round(0.6 * 255)]));
    cold.dispose();
    await expect(heatmapOverlay(x, cam.heatmap, { alpha: 2 })).rejects.toThrow(/`alpha`.*Received: alpha=2/);
    await expect(heatmapOverlay(tf.ones([4, 4]), cam.heatmap)).rejects.toThrow(/`image`.*Received: image='\(4, 4\)'/);
    tf.dispose([x, cam.heatmap]);
  });
});
