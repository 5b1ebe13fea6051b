import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense, dropout, flatten } from '../layers/index.js';
import { sequential } from './sequential.js';

beforeAll(() => useBackend('cpu'));

describe('Sequential', () => {
  it('builds from the first layer input shape and prints Keras summary counts', () => {
    const model = sequential([
      dense({ units: 512, activation: 'relu', inputShape: [784], name: 'hidden_1' }),
      dense({ units: 512, activation: 'relu', name: 'hidden_2' }),
      dense({ units: 10, activation: 'softmax', name: 'output' }),
    ], { name: 'mlp' });
    const lines: string[] = [];
    const text = model.summary({ printFn: (t) => lines.push(t) });
    expect(lines).toEqual([text]);
    expect(text).toContain('Model: "mlp"');
    expect(text).toMatch(/hidden_1 \(Dense\)\s+\(None, 512\)\s+401920/);
    expect(text).toMatch(/output \(Dense\)\s+\(None, 10\)\s+5130/);
    expect(text).toContain('Total params: 669,706');
    expect(text).toContain('Trainable params: 669,706');
    expect(text).toContain('Non-trainable params: 0');
    model.dispose();
  });

  it('counts frozen layers as non-trainable', () => {
    const model = sequential([dense({ units: 4, inputShape: [3] }), dense({ units: 2 })]);
    model.layers[0]!.trainable = false;
    const text = model.summary({ printFn: () => {}, showTrainable: true });
    expect(text).toContain('Total params: 26');
    expect(text).toContain('Trainable params: 10');
    expect(text).toContain('Non-trainable params: 16');
    expect(model.trainableWeights.map((w) => w.name)).toEqual([`${model.layers[1]!.name}/kernel`, `${model.layers[1]!.name}/bias`]);
    model.dispose();
  });

  it('defers building until data arrives when no input shape is declared', async () => {
    const model = sequential([flatten(), dense({ units: 3 })]);
    expect(model.outputShape).toBeUndefined();
    const x = tf.ones([2, 4, 5]);
    const y = await model.predict(x);
    expect(y.shape).toEqual([2, 3]);
    expect(model.outputShape).toEqual([null, 3]);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('add and pop', () => {
    const model = sequential([dense({ units: 4, inputShape: [3] })]);
    model.add(dropout({ rate: 0.5 }));
    model.add(dense({ units: 2 }));
    expect(model.outputShape).toEqual([null, 2]);
    const last = model.pop();
    expect(last.className).toBe('Dense');
    expect(model.outputShape).toEqual([null, 4]);
    expect(() => model.add(dense({ units: 1, inputShape: [9] }))).toThrow(/only the first layer may declare inputShape/);
    last.dispose();
    model.dispose();
  });

  it('names the layer and both shapes when the input does not fit', async () => {
    const model = sequential([dense({ units: 2, inputShape: [784], name: 'first' })]);
    const x = tf.zeros([3, 28, 28]);
    const before = tf.memory().numTensors;
    await expect(model.predict(x)).rejects.toThrow(
      'Input 0 of layer "first" is incompatible with the layer: expected shape (None, 784), but received input with shape (3, 28, 28)',
    );
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    model.dispose();
  });

  it('round-trips its config', () => {
    const model = sequential([dense({ units: 4, inputShape: [3], activation: 'relu' }), dense({ units: 2 })]);
    const config = model.getConfig();
    expect((config['layers'] as { class_name: string }[]).map((l) => l.class_name)).toEqual(['Dense', 'Dense']);
    model.dispose();
  });
});
