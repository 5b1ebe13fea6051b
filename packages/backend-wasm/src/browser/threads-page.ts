// Runs in headless Chromium (see browser.test.ts): registers layerwise-wasm with 2 threads, reports
// how it runs, and compares the gradients of a conv2d + dense step with tfjs-backend-cpu's.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerAllGradients } from '@layerwise/core';
import { registerWasmBackend } from '../backend/register.js';
import { wasmBackendInfo } from '../backend/info.js';

async function gradients(backend: string): Promise<number[][]> {
  await tf.setBackend(backend);
  await tf.ready();
  const x = tf.randomUniform([4, 12, 12, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
  const filter = tf.variable(tf.randomUniform([3, 3, 3, 8], -0.3, 0.3, 'float32', 2)) as tf.Variable<tf.Rank.R4>;
  const kernel = tf.variable(tf.randomUniform([10 * 10 * 8, 5], -0.1, 0.1, 'float32', 3));
  const loss = () => tf.sum(tf.square(tf.matMul(tf.reshape(tf.relu(tf.conv2d(x, filter, 1, 'valid')), [4, -1]), kernel))) as tf.Scalar;
  const { grads } = tf.variableGrads(loss, [filter, kernel]);
  const values = await Promise.all([grads[filter.name]!, grads[kernel.name]!].map(async (g) => Array.from(await g.data())));
  tf.dispose([x, filter, kernel, ...Object.values(grads)]);
  return values;
}

export default async function run(): Promise<unknown> {
  registerAllGradients();
  registerWasmBackend({ threads: 2 });
  const cpu = await gradients('cpu');
  const wasm = await gradients('layerwise-wasm');
  let maxRelative = 0;
  cpu.forEach((values, i) =>
    values.forEach((v, j) => {
      maxRelative = Math.max(maxRelative, Math.abs(v - wasm[i]![j]!) / Math.max(1e-3, Math.abs(v)));
    }),
  );
  return { info: wasmBackendInfo(), crossOriginIsolated: globalThis.crossOriginIsolated, maxRelative, count: cpu[0]!.length + cpu[1]!.length };
}
