import * as tf from '@tensorflow/tfjs-core';
import * as tfd from '@tensorflow/tfjs-data';
import { useBackend } from '@layerwise/core';
import { LambdaCallback } from '@layerwise/callbacks';
import { beforeAll, describe, expect, it } from 'vitest';
import { dense } from '../layers/dense.js';
import { sequential } from '../models/sequential.js';

beforeAll(() => useBackend('cpu'));

function setup() {
  const model = sequential([dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  return model;
}

/** Eight samples of ones, as tensors. */
const ones = () => ({ x: tf.ones([8, 2]), y: tf.ones([8, 1]) });

const batch = (i: number) => ({ x: tf.fill([4, 2], i % 7), y: tf.fill([4, 1], 1) });

/** An endless generator of batches, counting what it made. */
function endless() {
  const made = { count: 0 };
  const generator = (function* () {
    for (;;) yield batch(made.count++);
  })();
  return { generator, made };
}

/** A re-iterable source stating its size, as `@layerwise/datasets`' Dataset does (`Infinity` once repeated). */
function sized(size: number) {
  return {
    size,
    *[Symbol.iterator]() {
      for (let i = 0; i < (size === Infinity ? Number.MAX_SAFE_INTEGER : size); i++) yield batch(i);
    },
  };
}

describe('sources that need a number of steps', () => {
  it('refuses a generator object without stepsPerEpoch before taking a batch, and trains on an endless one with it', async () => {
    const model = setup();
    const { generator, made } = endless();
    await expect(model.fit(generator, { epochs: 2, verbose: 0 })).rejects.toThrow(
      /fit: the training data is a one-shot iterator \(a generator object\): it may never end.*`stepsPerEpoch` must say.*Received: stepsPerEpoch=undefined/,
    );
    expect(made.count).toBe(0);
    const before = tf.memory().numTensors;
    const history = await model.fit(generator, { epochs: 3, stepsPerEpoch: 2, verbose: 0 });
    expect(history.history['loss']).toHaveLength(3);
    expect(made.count).toBe(6);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses a dataset that repeats forever without stepsPerEpoch, and takes the steps of one that states its size', async () => {
    const model = setup();
    await expect(model.fit(sized(Infinity), { verbose: 0 })).rejects.toThrow(/the training data repeats forever \(its size is Infinity\), so `stepsPerEpoch`/);
    let steps: number | undefined;
    const spy = new LambdaCallback({});
    const setParams = spy.setParams.bind(spy);
    spy.setParams = (params) => void ((steps = params.steps), setParams(params));
    const before = tf.memory().numTensors;
    await model.fit(sized(Infinity), { epochs: 2, stepsPerEpoch: 3, verbose: 0 });
    await model.fit(sized(5), { verbose: 0, callbacks: [spy] });
    expect(steps).toBe(5);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('needs validationSteps for a generator as validationData, then continues through it epoch after epoch', async () => {
    const model = setup();
    const { x, y } = ones();
    const { generator, made } = endless();
    await expect(model.fit(x, y, { verbose: 0, validationData: generator })).rejects.toThrow(/validationData is a one-shot iterator.*`validationSteps`/);
    const before = tf.memory().numTensors;
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, validationData: generator, validationSteps: 2 });
    expect(history.history['val_loss']).toHaveLength(3);
    expect(made.count).toBe(6);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('evaluates and predicts on the first `steps` batches; an endless dataset needs them', async () => {
    const model = setup();
    const before = tf.memory().numTensors;
    await expect(model.evaluate(sized(Infinity))).rejects.toThrow(/evaluate: the data repeats forever.*`steps`/);
    await expect(model.predict(sized(Infinity))).rejects.toThrow(/predict: the data repeats forever.*`steps`/);
    const first = await model.evaluate(sized(Infinity), { steps: 2 });
    const two = await model.evaluate(sized(2));
    expect(first['loss']).toBeCloseTo(two['loss']!, 6);
    const predictions = (await model.predict(sized(Infinity), { steps: 3 })) as tf.Tensor;
    expect(predictions.shape).toEqual([12, 1]);
    predictions.dispose();
    // A finite generator is one pass: evaluate takes it whole without steps.
    const finite = (function* () {
      for (let i = 0; i < 3; i++) yield batch(i);
    })();
    expect(Number.isFinite((await model.evaluate(finite))['loss'])).toBe(true);
    await expect(model.evaluate(sized(2), { steps: 0 })).rejects.toThrow(/`steps`.*Received: steps=0/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('reads the size of a repeated tfjs-data Dataset', async () => {
    const model = setup();
    const { x: xs, y: ys } = ones();
    const dataset = tfd.zip({ xs: tfd.array(tf.unstack(xs)), ys: tfd.array(tf.unstack(ys)) }).batch(4).repeat();
    await expect(model.fit(dataset, { verbose: 0 })).rejects.toThrow(/repeats forever/);
    const history = await model.fit(dataset, { epochs: 2, stepsPerEpoch: 3, verbose: 0 });
    expect(history.history['loss']).toHaveLength(2);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});
