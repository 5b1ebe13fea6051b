import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { CSVLogger, ProgressBar } from '@layerwise/callbacks';
import { F1Score } from '@layerwise/metrics';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

it('logs a per-class metric (F1 with average none) as one number per class, in History, evaluate and validation', async () => {
  const model = sequential([dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: [new F1Score({ name: 'f1' })] });
  const x = tf.randomNormal([30, 4], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.tensor1d([...Array(30).keys()].map((i) => i % 3), 'int32'), 3);
  const history = await model.fit(x, y, { epochs: 2, batchSize: 10, verbose: 0, validationData: [x, y] });
  for (const key of ['f1_0', 'f1_1', 'f1_2', 'val_f1_0', 'val_f1_1', 'val_f1_2']) {
    expect(history.history[key], key).toHaveLength(2);
    expect(history.history[key]!.every((v) => v >= 0 && v <= 1)).toBe(true);
  }
  expect(history.history['f1']).toBeUndefined();
  const logs = await model.evaluate(x, y);
  expect(Object.keys(logs).sort()).toEqual(['f1_0', 'f1_1', 'f1_2', 'loss']);
  const macro = sequential([dense({ units: 3, activation: 'softmax', inputShape: [4] })]);
  macro.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: [new F1Score({ name: 'f1', average: 'macro' })] });
  expect(Object.keys(await macro.evaluate(x, y)).sort()).toEqual(['f1', 'loss']);
  [model, macro].forEach((m) => m.dispose());
  tf.dispose([x, y]);
});

it('shows a per-class metric as one column per class in the progress bar and the CSV log', async () => {
  const model = sequential([dense({ units: 2, activation: 'softmax', inputShape: [3] })]);
  model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: [new F1Score({ name: 'f1' })] });
  const x = tf.randomNormal([8, 3], 0, 1, 'float32', 2);
  const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32'), 2);
  const dir = await mkdtemp(join(tmpdir(), 'layerwise-vector-'));
  let text = '';
  const bar = new ProgressBar({ stream: { write: (t: string) => (text += t), isTTY: false } });
  const csv = new CSVLogger(join(dir, 'log.csv'));
  const history = await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 1, validationData: [x, y], callbacks: [bar, csv] });
  // Values as Keras prints them (0 as 0.0000e+00).
  const n = String.raw`\d\.\d{4}(e[+-]\d+)?`;
  expect(text).toMatch(new RegExp(['loss', 'f1_0', 'f1_1', 'val_loss', 'val_f1_0', 'val_f1_1'].map((k) => `${k}: ${n}`).join(' - ')));
  const lines = (await readFile(join(dir, 'log.csv'), 'utf8')).trim().split('\n');
  expect(lines[0]).toBe('epoch,f1_0,f1_1,loss,val_f1_0,val_f1_1,val_loss');
  expect(lines).toHaveLength(3);
  const second = lines[2]!.split(',').map(Number);
  expect(second[1]).toBeCloseTo(history.history['f1_0']![1]!, 6);
  expect(second[5]).toBeCloseTo(history.history['val_f1_1']![1]!, 6);
  await rm(dir, { recursive: true });
  model.dispose();
  tf.dispose([x, y]);
});
