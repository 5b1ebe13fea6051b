import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { conv2d, dense, flatten, maxPooling2d, sequential } from '@layerwise/layers';
import { describe, expect, it } from 'vitest';
import { LayerwiseWasmBackend } from './backend.js';
import { registerWasmBackend } from './register.js';

// The MNIST convnet's shape (Conv / pool / Conv / pool / Dense / Dense 10) trained with the
// Layerwise API for a few steps on tfjs-backend-cpu and on this backend from the same weights and
// data: the loss curves must agree. Then the memory test: after a warm-up epoch, more epochs keep
// the tensor count and the WebAssembly memory where they were.
function convnet(size = 28, filters = [32, 64], units = 128) {
  const init = (seed: number) => ({
    className: 'Fixed',
    apply: (shape: readonly number[]) => tf.randomUniform([...shape], -0.1, 0.1, 'float32', seed),
    getConfig: () => ({ seed }),
  });
  return sequential([
    conv2d({ filters: filters[0]!, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [size, size, 1], kernelInitializer: init(1) }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: filters[1]!, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units, activation: 'relu', kernelInitializer: init(3) }),
    dense({ units: 10, activation: 'softmax', kernelInitializer: init(4) }),
  ]);
}

async function lossCurve(backend: string): Promise<number[]> {
  await useBackend(backend);
  // A narrower convnet on 14x14 inputs: tfjs-backend-cpu's convolutions are very slow.
  const x = tf.randomUniform([32, 14, 14, 1], 0, 1, 'float32', 7);
  const y = tf.randomUniform([32], 0, 10, 'int32', 8);
  const model = convnet(14, [8, 16], 32);
  model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  const losses: number[] = [];
  await model.fit(x, y, { epochs: 3, batchSize: 8, shuffle: false, verbose: 0, callbacks: [{ onTrainBatchEnd: (_b, logs) => void losses.push(logs!['loss']!) }] });
  model.dispose();
  tf.dispose([x, y]);
  return losses;
}

describe('training through the Layerwise API', () => {
  it('gives the same loss curve on layerwise-wasm as on tfjs-backend-cpu', async () => {
    registerWasmBackend({ threads: 2 });
    const cpu = await lossCurve('cpu');
    const wasm = await lossCurve('layerwise-wasm');
    expect(cpu).toHaveLength(12);
    wasm.forEach((v, i) => expect(Math.abs(v - cpu[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu[i]!))));
  }, 120_000);

  it('keeps tensor count and WebAssembly memory stable across epochs', async () => {
    registerWasmBackend({ threads: 2 });
    await useBackend('layerwise-wasm');
    const backend = tf.engine().registry['layerwise-wasm'] as LayerwiseWasmBackend;
    const x = tf.randomUniform([64, 28, 28, 1], 0, 1, 'float32', 9);
    const y = tf.randomUniform([64], 0, 10, 'int32', 10);
    const model = convnet();
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 }); // warm-up: slots, metric state, arena growth
    const tensors = tf.memory().numTensors;
    const memory = backend.runtime.memory.buffer.byteLength;
    await model.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.runtime.memory.buffer.byteLength).toBe(memory);
    model.dispose();
    tf.dispose([x, y]);
  }, 120_000);
});
