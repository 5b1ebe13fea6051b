import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { LambdaCallback } from '@layerwise/callbacks';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));
afterEach(() => vi.restoreAllMocks());

function setup() {
  const model = sequential([dense({ units: 4, activation: 'relu', inputShape: [3] }), dense({ units: 1 })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mae'] });
  return { model, x: tf.randomNormal([64, 3], 0, 1, 'float32', 1), y: tf.randomNormal([64, 1], 0, 1, 'float32', 2) };
}

describe('device reads during fit', () => {
  it('reads batch values back only when a callback wants them', async () => {
    const { model, x, y } = setup();
    const backend = tf.engine().backend;
    // Asynchronous reads are what `data()` does (kernels of the cpu backend use readSync internally).
    const read = vi.spyOn(backend, 'read');
    // 16 batches a epoch, 2 epochs, no batch callback: only the epoch logs are read (loss and mae).
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    const quiet = read.mock.calls.length;
    expect(quiet).toBeLessThanOrEqual(2 * 4);
    read.mockClear();
    const seen: number[] = [];
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [new LambdaCallback({ onTrainBatchEnd: (_, logs) => void seen.push(logs!['loss']!) })] });
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(32);
    expect(seen).toHaveLength(32);
    expect(seen.every((v) => Number.isFinite(v))).toBe(true);
    model.dispose();
    tf.dispose([x, y]);
  });
});

describe('yieldEvery', () => {
  it("gives timers a turn during fit ('batch', and 'auto' on slow batches), and none with 'never'", async () => {
    const { model, x, y } = setup();
    const ticks = async (yieldEvery: 'batch' | 'never' | 'auto' | number) => {
      let count = 0;
      const timer = setInterval(() => count++, 0);
      await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, yieldEvery });
      clearInterval(timer);
      return count;
    };
    expect(await ticks('never')).toBe(0);
    expect(await ticks('batch')).toBeGreaterThan(5);
    expect(await ticks(0)).toBeGreaterThan(5);
    await expect(model.fit(x, y, { verbose: 0, yieldEvery: 'sometimes' as 'auto' })).rejects.toThrow(/yieldEvery/);
    model.dispose();
    tf.dispose([x, y]);
  });
});
