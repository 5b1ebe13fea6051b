import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { confusionMatrix, perClassAccuracy } from './confusion-matrix.js';
import { plotConfusionMatrix, plotPerClassAccuracy } from './plot-confusion.js';
import { plotPredictions } from './plot-predictions.js';
import { decodePng, distinctColours } from '../testing/png.js';

beforeAll(() => useBackend('cpu'));

describe('confusionMatrix', () => {
  it('counts true classes by row and predictions by column, from labels or scores', async () => {
    const scores = tf.tensor2d([[0.9, 0.1, 0], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8], [0.6, 0.3, 0.1], [0, 0.4, 0.6]]);
    const before = tf.memory().numTensors;
    const matrix = await confusionMatrix(tf.tensor1d([0, 1, 2, 1, 1], 'int32'), scores);
    expect(matrix).toEqual([[1, 0, 0], [1, 1, 1], [0, 0, 1]]);
    expect(tf.memory().numTensors).toBe(before + 1); // the labels tensor made in the call above
    expect(perClassAccuracy(matrix)).toEqual([1, 1 / 3, 1]);
    expect(await confusionMatrix([0, 1], [1, 1], { numClasses: 4 })).toEqual([[0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(perClassAccuracy([[0, 0], [1, 1]])).toEqual([Number.NaN, 0.5]);
    scores.dispose();
  });

  it('names bad input', async () => {
    await expect(confusionMatrix([0, 1], [1])).rejects.toThrow(/yTrue has 2 samples and yPred 1/);
    await expect(confusionMatrix([0, 1.5], [1, 1])).rejects.toThrow(/`label`.*Received: label=1.5/);
    await expect(confusionMatrix([0, 3], [1, 1], { numClasses: 2 })).rejects.toThrow(/a class below numClasses=2. Received: label=3/);
    await expect(confusionMatrix(tf.zeros([1, 1, 1]), [0])).rejects.toThrow(/`yTrue`.*Received: yTrue='\(1, 1, 1\)'/);
  });
});

describe('class charts', () => {
  const matrix = [[5, 1], [2, 8]];
  it('draws the confusion matrix with a count per cell', async () => {
    const svg = await plotConfusionMatrix(matrix, { classNames: ['ant', 'bee'] });
    for (const text of ['>5<', '>1<', '>2<', '>8<', '>ant<', '>bee<', '>predicted class<', '>true class<']) expect(svg).toContain(text);
    expect(svg.match(/aria-roledescription="rect mark"/g)).toHaveLength(4);
    const png = await decodePng(await plotConfusionMatrix(matrix, { format: 'png' }));
    expect(distinctColours(png.data, png.channels)).toBeGreaterThan(4);
  });

  it('draws per-class accuracy as bars', async () => {
    const svg = await plotPerClassAccuracy(matrix, { classNames: ['ant', 'bee'] });
    expect(svg).toContain('aria-label="class: ant; accuracy: 0.833333333333"');
    expect(svg).toContain('aria-label="class: bee; accuracy: 0.8"');
    await expect(plotPerClassAccuracy([[1, 2]])).rejects.toThrow(/`matrix`, expected a square confusion matrix/);
    await expect(plotConfusionMatrix(matrix, { classNames: ['ant'] })).rejects.toThrow(/`classNames`, expected a name for each of the 2 classes/);
  });
});

describe('plotPredictions', () => {
  it('captions each image with its true and predicted class, wrong ones in red', async () => {
    const images = tf.tidy(() => tf.concat([tf.ones([2, 8, 8, 1]), tf.zeros([1, 8, 8, 1])]));
    const svg = await plotPredictions(images, { trueLabels: [0, 1, 1], predictedLabels: [0, 0, 1], classNames: ['ant', 'bee'], columns: 2 });
    expect(svg.match(/<image /g)).toHaveLength(3);
    expect(svg).toContain('>true: bee<');
    expect(svg.match(/fill="#cf222e"[^>]*>predicted: ant</g) ?? svg.match(/>predicted: ant</g)).toBeTruthy();
    expect(svg.match(/fill="#1a7f37"/g)).toHaveLength(2);
    expect(svg.match(/fill="#cf222e"/g)).toHaveLength(1);
    const png = await decodePng(await plotPredictions(images, { trueLabels: [0, 1, 1], predictedLabels: [0, 0, 1], format: 'png' }));
    expect(distinctColours(png.data, png.channels)).toBeGreaterThan(3);
    await expect(plotPredictions(images, { trueLabels: [0], predictedLabels: [0, 0, 1] })).rejects.toThrow(/3 images need as many labels; received 1 true/);
    images.dispose();
  });
});
