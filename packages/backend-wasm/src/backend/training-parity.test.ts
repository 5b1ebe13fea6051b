import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor4D, Variable } from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { conv2d, dense, flatten, maxPooling2d, sequential } from '@layerwise/layers';
import { describe, expect, it } from 'vitest';
import { LayerwiseWasmBackend } from './backend.js';
import { registerWasmBackend } from './register.js';

// Training on this backend follows tfjs-backend-cpu: the MNIST convnet through the Layerwise API
// and a separable convnet in plain ops, from the same weights on the same batches, give the same
// loss curves. Then the memory test: after a warm-up epoch, more epochs keep the tensor count and
// the WebAssembly memory where they were.

const fixed = (seed: number, scale = 0.1) => ({
  className: 'Fixed',
  apply: (shape: readonly number[]) => tf.randomUniform([...shape], -scale, scale, 'float32', seed),
  getConfig: () => ({ seed }),
});

/** Conv 32 (3x3 same, relu) / 2x2 max pool / Conv 64 / 2x2 max pool / Dense 128 relu / Dense 10 softmax. */
function mnistConvnet() {
  return sequential([
    conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [28, 28, 1], kernelInitializer: fixed(1, 0.3) }),
    maxPooling2d({ poolSize: 2 }),
    conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: fixed(2) }),
    maxPooling2d({ poolSize: 2 }),
    flatten(),
    dense({ units: 128, activation: 'relu', kernelInitializer: fixed(3, 0.03) }),
    dense({ units: 10, activation: 'softmax', kernelInitializer: fixed(4) }),
  ]);
}

/** The loss after each SGD step of the MNIST convnet: 2 epochs over 3 random batches of 4 images. */
async function convnetCurve(backend: string): Promise<number[]> {
  await useBackend(backend);
  const x = tf.randomUniform([12, 28, 28, 1], 0, 1, 'float32', 7);
  const y = tf.randomUniform([12], 0, 10, 'int32', 8);
  const model = mnistConvnet();
  model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' });
  const losses: number[] = [];
  await model.fit(x, y, { epochs: 2, batchSize: 4, shuffle: false, verbose: 0, callbacks: [{ onTrainBatchEnd: (_b, logs) => void losses.push(logs!['loss']!) }] });
  model.dispose();
  tf.dispose([x, y]);
  return losses;
}

/**
 * The loss after each SGD step of a separable convnet in plain ops (depthwise 3x3 with multiplier
 * 2, pointwise 1x1, bias, relu, 2x2 max pool, a fused depthwise layer, dense softmax
 * cross-entropy) over 3 random batches of 8 images, twice.
 */
async function separableCurve(backend: string): Promise<number[]> {
  await useBackend(backend);
  const weights: Variable[] = [
    tf.variable(tf.randomUniform([3, 3, 3, 2], -0.5, 0.5, 'float32', 11)),
    tf.variable(tf.randomUniform([1, 1, 6, 16], -0.3, 0.3, 'float32', 12)),
    tf.variable(tf.zeros([16])),
    tf.variable(tf.randomUniform([3, 3, 16, 1], -0.3, 0.3, 'float32', 13)),
    tf.variable(tf.zeros([16])),
    tf.variable(tf.randomUniform([7 * 7 * 16, 10], -0.05, 0.05, 'float32', 14)),
  ];
  const [depth, point, bias, depth2, bias2, w] = weights as [Variable, Variable, Variable, Variable, Variable, Variable];
  const x = tf.randomUniform([24, 14, 14, 3], 0, 1, 'float32', 15);
  const y = tf.oneHot(tf.randomUniform([24], 0, 10, 'int32', 16), 10);
  const optimizer = tf.train.sgd(0.1);
  const losses: number[] = [];
  for (let epoch = 0; epoch < 2; epoch++) {
    for (let b = 0; b < 3; b++) {
      const loss = optimizer.minimize(() => {
        const xb = tf.slice(x, [b * 8, 0, 0, 0], [8, 14, 14, 3]) as Tensor4D;
        let h: Tensor = tf.relu(tf.add(tf.separableConv2d(xb, depth as Tensor4D, point as Tensor4D, 1, 'same'), bias));
        h = tf.fused.depthwiseConv2d({ x: h as Tensor4D, filter: depth2 as Tensor4D, strides: 2, pad: 'same', bias: bias2, activation: 'relu' });
        const logits = tf.matMul(tf.reshape(h, [8, 7 * 7 * 16]), w);
        return tf.losses.softmaxCrossEntropy(tf.slice(y, [b * 8, 0], [8, 10]), logits) as tf.Scalar;
      }, true)!;
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
    }
  }
  optimizer.dispose();
  tf.dispose([x, y, ...weights]);
  return losses;
}

function expectSameCurve(wasm: number[], cpu: number[], steps: number): void {
  expect(cpu).toHaveLength(steps);
  expect(wasm).toHaveLength(steps);
  expect(cpu[steps - 1]).not.toBe(cpu[0]); // the weights moved
  wasm.forEach((v, i) => expect(Math.abs(v - cpu[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu[i]!))));
}

describe('training on layerwise-wasm and on tfjs-backend-cpu', () => {
  it('gives the same loss curve for the MNIST convnet through the Layerwise API', async () => {
    registerWasmBackend({ threads: 2 });
    const cpu = await convnetCurve('cpu');
    const wasm = await convnetCurve('layerwise-wasm');
    expectSameCurve(wasm, cpu, 6);
  }, 180_000);

  it('gives the same loss curve for a separable convnet (depthwise and pointwise convolutions)', async () => {
    registerWasmBackend({ threads: 2 });
    const cpu = await separableCurve('cpu');
    const wasm = await separableCurve('layerwise-wasm');
    expectSameCurve(wasm, cpu, 6);
  }, 120_000);

  it('keeps tensor count and WebAssembly memory stable across epochs', async () => {
    registerWasmBackend({ threads: 2 });
    await useBackend('layerwise-wasm');
    const backend = tf.engine().registry['layerwise-wasm'] as LayerwiseWasmBackend;
    expect(backend.residentTensors).toBe(true);
    // 72 samples in batches of 16: the last batch of each epoch is smaller.
    const x = tf.randomUniform([72, 28, 28, 1], 0, 1, 'float32', 9);
    const y = tf.randomUniform([72], 0, 10, 'int32', 10);
    const model = mnistConvnet();
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const fit = (epochs: number) => model.fit(x, y, { epochs, batchSize: 16, verbose: 0, validationSplit: 0.2 });
    // Warm-up: optimizer slots, metric state, the arena's size and the heap's first layout.
    await fit(2);
    const tensors = tf.memory().numTensors;
    const memory = backend.runtime.memory.buffer.byteLength;
    const inUse = backend.runtime.heap.usedBytes;
    await fit(6);
    // Nothing is left allocated: the tensor count and the heap's bytes in use are exactly where
    // they were. The memory itself may grow once or twice while freed blocks settle into a layout
    // (it never shrinks), but a leak of even one batch per epoch would show here too.
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backend.runtime.heap.usedBytes).toBe(inUse);
    expect(backend.runtime.memory.buffer.byteLength).toBeLessThanOrEqual(memory * 1.1);
    model.dispose();
    tf.dispose([x, y]);
  }, 120_000);
});
