import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { runTransferLearning } from './transfer.js';

describe('examples/transfer-learning, short run', () => {
  it('feature extraction and fine-tuning on 64 + 32 hymenoptera images beat chance by far, leaking no tensors', async () => {
    await useBackend('auto');
    const before = tf.memory().numTensors;
    const result = await runTransferLearning({ trainImages: 64, valImages: 32, headEpochs: 40, endToEndEpochs: 1, fineTuneEpochs: 1, verbose: 0 });
    expect(result.backend.name).toBe('layerwise-wasm');
    expect([result.trainImages, result.valImages]).toEqual([64, 32]);
    expect(result.featureExtractionAccuracy).toBeGreaterThan(0.8);
    expect(result.fineTunedAccuracy).toBeGreaterThan(0.8);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
