import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { dense } from '../layers/index.js';
import { sequential } from '../models/sequential.js';

// The same short training run on every CPU backend useBackend offers: a kernel that misbehaves on
// one backend (as tfjs-backend-wasm's OneHot did with a float32 dtype) shows up as a different curve.
async function run(backend: string): Promise<number[]> {
  await useBackend(backend);
  const x = tf.tidy(() => tf.randomUniform([96, 6], -1, 1, 'float32', 5));
  const y = tf.tidy(() => tf.argMax(tf.matMul(x, tf.randomNormal([6, 3], 0, 1, 'float32', 6)), 1));
  const init = (seed: number) => ({
    className: 'Fixed',
    apply: (shape: readonly number[]) => tf.randomUniform([...shape], -0.4, 0.4, 'float32', seed),
    getConfig: () => ({ seed }),
  });
  const model = sequential([
    dense({ units: 16, activation: 'relu', inputShape: [6], kernelInitializer: init(1) }),
    dense({ units: 3, activation: 'softmax', kernelInitializer: init(2) }),
  ]);
  model.compile({ optimizer: 'rmsprop', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const history = await model.fit(x, y, { epochs: 4, batchSize: 16, shuffle: false, verbose: 0 });
  model.dispose();
  tf.dispose([x, y]);
  return [...history.history['loss']!, ...history.history['accuracy']!];
}

describe('backend parity', () => {
  it('trains to the same curve on tfjs-backend-cpu and tfjs-backend-wasm', async () => {
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    expect(cpu[3]!).toBeLessThan(cpu[0]!);
    wasm.forEach((v, i) => expect(v).toBeCloseTo(cpu[i]!, 4));
  });
});
