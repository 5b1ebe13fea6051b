import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../engine/input-layer.js';
import { add, concatenate, conv2d, dense, flatten } from '../layers/index.js';
import { model } from './functional.js';
import { sequential } from './sequential.js';

beforeAll(() => useBackend('cpu'));

const quiet = { printFn: () => {} };

describe('summary', () => {
  it('prints a functional model with a "Connected to" column, a shared layer once with both of its applications', () => {
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [3], name: 'b' });
    const shared = dense({ units: 4, name: 'shared' });
    const [ha, hb] = [shared.apply(a), shared.apply(b)];
    const out1 = dense({ units: 2, name: 'out1' }).apply(add({ name: 'sum' }).apply([ha, hb]));
    const out2 = dense({ units: 1, name: 'out2' }).apply(concatenate({ name: 'cat' }).apply([ha, hb]));
    const net = model({ inputs: [a, b], outputs: [out1, out2], name: 'two_heads' });
    const rule = (c: string) => c.repeat(96);
    expect(net.summary(quiet)).toBe(
      [
        'Model: "two_heads"',
        rule('_'),
        ' Layer (type)                    Output Shape         Param #    Connected to',
        rule('='),
        ' a (InputLayer)                  (None, 3)            0          -',
        '',
        ' b (InputLayer)                  (None, 3)            0          -',
        '',
        ' shared (Dense)                  (None, 4)            16         a[0][0],',
        '                                                                 b[0][0]',
        '',
        ' sum (Add)                       (None, 4)            0          shared[0][0],',
        '                                                                 shared[1][0]',
        '',
        ' out1 (Dense)                    (None, 2)            10         sum[0][0]',
        '',
        ' cat (Concatenate)               (None, 8)            0          shared[0][0],',
        '                                                                 shared[1][0]',
        '',
        ' out2 (Dense)                    (None, 1)            9          cat[0][0]',
        rule('='),
        'Total params: 35',
        'Trainable params: 35',
        'Non-trainable params: 0',
        rule('_'),
      ].join('\n'),
    );
    expect(net.summary({ ...quiet, showTrainable: true })).toMatch(/Connected to\s+Trainable\n/);
    net.dispose();
  });

  it('shows a nested model as one row with all its parameters, frozen ones as non-trainable', () => {
    const base = sequential([dense({ units: 8, activation: 'relu', inputShape: [4], name: 'b1' }), dense({ units: 6, name: 'b2' })], { name: 'base' });
    const x = input({ shape: [4], name: 'features' });
    const top = model({ inputs: x, outputs: dense({ units: 2, name: 'head' }).apply(base.apply(x)), name: 'transfer' });
    base.trainable = false;
    const text = top.summary({ ...quiet, showTrainable: true });
    expect(text).toMatch(/\n base \(Sequential\)\s+\(None, 6\)\s+94\s+features\[0\]\[0\]\s+N\n/);
    expect(text).toMatch(/\n head \(Dense\)\s+\(None, 2\)\s+14\s+base\[0\]\[0\]\s+Y\n/);
    expect(text).toContain('Total params: 108\nTrainable params: 14\nNon-trainable params: 94');
    expect(text).not.toContain('b1 (Dense)');
    top.dispose();
  });

  it('counts multiply-accumulates per layer and in total with showMacs, naming layers that do not report theirs', () => {
    const mlp = sequential([
      dense({ units: 512, activation: 'relu', inputShape: [784], name: 'hidden_1' }),
      dense({ units: 512, activation: 'relu', name: 'hidden_2' }),
      dense({ units: 10, name: 'logits' }),
    ]);
    const text = mlp.summary({ ...quiet, showMacs: true });
    expect(text).toMatch(/hidden_1 \(Dense\)\s+\(None, 512\)\s+401920\s+401408\n/);
    expect(text).toMatch(/logits \(Dense\)\s+\(None, 10\)\s+5130\s+5120\n/);
    expect(text).toContain('Total MACs: 668,672 per sample\n');
    expect(mlp.summary(quiet)).not.toContain('MACs');

    // Per position for rank-3 inputs; a layer applied twice counts twice; a nested model counts its own.
    const steps = input({ shape: [5, 3] });
    const proj = dense({ units: 3 });
    const twice = model({ inputs: steps, outputs: proj.apply(proj.apply(steps)) });
    expect(twice.computeMacs()).toBe(2 * 5 * 3 * 3);
    const image = input({ shape: [8, 8, 1], name: 'image' });
    const cnn = sequential([conv2d({ filters: 2, kernelSize: 3, inputShape: [8, 8, 1], name: 'conv' }), flatten(), dense({ units: 5, name: 'features' })], { name: 'cnn' });
    const outer = model({ inputs: image, outputs: dense({ units: 2, name: 'top' }).apply(cnn.apply(image)) });
    const outerText = outer.summary({ ...quiet, showMacs: true });
    expect(outerText).toMatch(/cnn \(Sequential\)\s+\(None, 5\)\s+385\s+image\[0\]\[0\]\s+360\n/);
    expect(outerText).toContain('Total MACs: 370 per sample (layers that do not report theirs: conv)');
    [mlp, twice, outer].forEach((m) => m.dispose());
  });
});
