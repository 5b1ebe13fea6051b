import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { input } from '../../engine/input-layer.js';
import { model } from '../../models/functional.js';
import { sequential } from '../../models/sequential.js';
import { lstm } from '../recurrent/lstm.js';
import { flatten } from '../flatten.js';
import { embedding } from './embedding.js';
import { Lambda, lambda, registerLambdaFunction, registerLambdaMaskFunction } from './lambda.js';
import { masking } from './masking.js';

beforeAll(() => useBackend('cpu'));

const firstTwo = (x: tf.Tensor) => tf.slice(x, [0, 0, 0], [-1, 2, -1]);
const firstTwoMask = (_: tf.Tensor, m: tf.Tensor | undefined) => (m === undefined ? undefined : tf.slice(m, [0, 0], [-1, 2]));

describe('Lambda with a mask function (Keras Lambda(mask=...))', () => {
  it('gives the output the mask its function computes from the input and its mask, and the function sees the input mask', () => {
    const seen: (number[] | undefined)[] = [];
    const layer = lambda({
      function: (x, context) => {
        const m = context.mask as tf.Tensor | undefined;
        seen.push(m ? Array.from(m.dataSync()) : undefined);
        return firstTwo(x);
      },
      mask: firstTwoMask,
    });
    expect(layer.supportsMasking).toBe(true);
    const x = tf.ones([2, 3, 1]);
    const mask = tf.tensor2d([[true, false, true], [false, true, true]], undefined, 'bool');
    const before = tf.memory().numTensors;
    const { output, mask: out } = layer.applyWithMask(x, { training: false, mask });
    expect(output.shape).toEqual([2, 2, 1]);
    expect((out as tf.Tensor).arraySync()).toEqual([[1, 0], [0, 1]]);
    expect(seen).toEqual([[1, 0, 1, 0, 1, 1]]);
    tf.dispose([output, out as tf.Tensor]);
    expect(tf.memory().numTensors).toBe(before);
    // A mask function that passes the input mask on returns a copy the caller owns.
    const through = lambda({ function: (t) => tf.mul(t, 2), mask: (_, m) => m });
    const passed = through.applyWithMask(x, { training: false, mask });
    expect(passed.mask).not.toBe(mask);
    tf.dispose([passed.output, passed.mask as tf.Tensor]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, mask]);
  });

  it('in a model: the mask reaches the recurrent layer after it (the LSTM skips the padded steps)', () => {
    const ids = input({ shape: [4], dtype: 'int32' });
    const embedded = embedding({ inputDim: 6, outputDim: 3, maskZero: true }).apply(ids);
    const cut = lambda({ function: firstTwo, mask: firstTwoMask }).apply(embedded);
    expect(cut.masked).toBe(true);
    const rnn = lstm({ units: 2 });
    const net = model({ inputs: ids, outputs: rnn.apply(cut) });
    const padded = tf.tensor2d([[3, 0, 5, 5]], undefined, 'int32');
    const alone = tf.tensor2d([[3]], undefined, 'int32');
    const reference = sequential([embedding({ inputDim: 6, outputDim: 3 }), lstm({ units: 2 })]);
    reference.predictOnBatch(alone).dispose();
    reference.setWeights(net.getWeights());
    const a = net.predictOnBatch(padded);
    const b = reference.predictOnBatch(alone);
    const bv = b.dataSync();
    a.dataSync().forEach((v, i) => expect(v).toBeCloseTo(bv[i]!, 6));
    tf.dispose([padded, alone, a, b]);
    net.dispose();
    reference.dispose();
  });

  it('a mask function may end the mask; without one, a mask reaching the Lambda is an error naming it (as Keras)', () => {
    const ids = input({ shape: [4], dtype: 'int32' });
    const embedded = embedding({ inputDim: 6, outputDim: 3, maskZero: true }).apply(ids);
    // When a model is defined, a Lambda with a mask function is taken to output a mask (what the
    // function returns is only known when it runs), so a layer that cannot take one may not follow.
    expect(() => flatten().apply(lambda({ function: (x) => x, mask: () => undefined }).apply(embedded))).toThrow(/does not support masking/);
    expect(() => lambda({ function: (x) => x, name: 'plain' }).apply(embedded)).toThrow(/Lambda "plain".*does not support masking/);
    const ended = lambda({ function: (x) => x, mask: () => undefined });
    const x = tf.ones([1, 2, 3]);
    const mask = tf.ones([1, 2], 'bool');
    const r = ended.applyWithMask(x, { training: false, mask });
    expect(r.mask).toBeUndefined();
    tf.dispose([x, mask, r.output]);
  });

  it('serialises a registered mask function by name, refuses an unregistered one, and names a bad mask argument', () => {
    registerLambdaFunction('lambda-mask.test.identity', (x) => x);
    registerLambdaMaskFunction('lambda-mask.test.firstTwo', firstTwoMask);
    const layer = lambda({ function: 'lambda-mask.test.identity', mask: 'lambda-mask.test.firstTwo', name: 'cut' });
    const config = layer.getConfig();
    expect(config['mask']).toBe('lambda-mask.test.firstTwo');
    const copy = Lambda.fromConfig(config);
    expect(copy.maskFunctionName).toBe('lambda-mask.test.firstTwo');
    expect(copy.supportsMasking).toBe(true);
    // A Keras config's `mask: null` is no mask.
    expect(Lambda.fromConfig({ ...config, mask: null }).supportsMasking).toBe(false);
    expect(lambda({ function: 'lambda-mask.test.identity' }).getConfig()).not.toHaveProperty('mask');

    const anonymous = lambda({ function: 'lambda-mask.test.identity', mask: (_, m) => m, name: 'anon' });
    expect(() => anonymous.getConfig()).toThrow(/Lambda "anon": its `mask` function cannot be serialised; register it with registerLambdaMaskFunction/);
    expect(() => lambda({ function: (x) => x, mask: 'lambda-mask.test.missing', name: 'm' })).toThrow(/Lambda "m": no mask function registered as 'lambda-mask.test.missing' \(argument `mask`\)/);
    expect(() => lambda({ function: (x) => x, mask: 3 as never, name: 'n' })).toThrow(/Lambda "n".*mask/);
    expect(() => registerLambdaMaskFunction('lambda-mask.test.firstTwo', (_, m) => m)).toThrow(/already registered/);
    const bad = lambda({ function: (x) => x, mask: () => 5 as never, name: 'bad' });
    const x = tf.ones([1, 2, 3]);
    expect(() => bad.applyWithMask(x)).toThrow(/Lambda "bad": the `mask` function must return a boolean tensor or undefined, returned/);
    x.dispose();
  });
});
