import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { adam } from './adam.js';
import { ExponentialDecay } from './schedules/exponential-decay.js';
import { LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { sgd } from './sgd.js';
import { disposeOptimizerState } from './state.js';

const halving = () => new ExponentialDecay({ initialLearningRate: 0.8, decaySteps: 1, decayRate: 0.5 });

class Broken extends LearningRateSchedule {
  readonly className = 'Broken';
  call(step: number) {
    return step < 1 ? 0.1 : Number.NaN;
  }
  getConfig() {
    return {};
  }
}

describe('learning rate: a number, a schedule, or changed during training', () => {
  beforeAll(() => useBackend('cpu'));
  let before = 0;
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it("follows a schedule of the step count: learningRate reads the schedule's current value", () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([1])));
    const g = tf.ones([1]);
    const optimizer = sgd({ learningRate: halving() });
    const rates: number[] = [];
    for (let i = 0; i < 3; i++) {
      rates.push(optimizer.learningRate);
      optimizer.applyGradients([{ variable: w, gradient: g }]);
    }
    expect(rates).toEqual([0.8, 0.4, 0.2]);
    expect(w.dataSync()[0]).toBeCloseTo(-1.4, 6);
    expect(optimizer.learningRateSchedule).toBeInstanceOf(ExponentialDecay);
    expect(optimizer.getConfig()['learning_rate']).toEqual({
      module: 'keras.optimizers.schedules',
      class_name: 'ExponentialDecay',
      config: { initial_learning_rate: 0.8, decay_steps: 1, decay_rate: 0.5, staircase: false, name: 'ExponentialDecay' },
      registered_name: null,
    });
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('refuses a number while a schedule drives the rate (Keras), but takes a new schedule; a number-driven rate takes both', () => {
    const scheduled = sgd({ learningRate: halving() });
    expect(() => {
      scheduled.learningRate = 0.01;
    }).toThrow(
      'SGD: the learning rate is the schedule ExponentialDecay, so it cannot be set to a number; create the optimizer with a number `learningRate` to change it during training. Received: learningRate=0.01',
    );
    expect(scheduled.learningRate).toBe(0.8);
    scheduled.learningRate = new ExponentialDecay({ initialLearningRate: 0.3, decaySteps: 10, decayRate: 0.1 });
    expect(scheduled.learningRate).toBe(0.3);
    const plain = adam();
    expect(plain.learningRateSchedule).toBeNull();
    plain.learningRate = 0.02;
    expect(plain.getConfig()['learning_rate']).toBe(0.02);
    plain.learningRate = halving();
    expect(plain.learningRate).toBe(0.8);
    expect(() => {
      plain.learningRate = 0.02;
    }).toThrow(LayerwiseError);
    const rate = () => 0.1;
    expect(() => sgd({ learningRate: rate as never })).toThrow(
      'SGD: received an invalid value for `learningRate`, expected a number in (0, inf) or a LearningRateSchedule. Received: learningRate=function rate',
    );
  });

  it('reports a schedule that gives no usable rate, naming it and the step', () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([1])));
    const g = tf.ones([1]);
    const optimizer = sgd({ learningRate: new Broken() });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    expect(() => optimizer.applyGradients([{ variable: w, gradient: g }])).toThrow(
      'SGD: the learning rate schedule Broken gave null at step 1, expected a finite number of at least 0',
    );
    expect(optimizer.stepCount).toBe(1);
    expect(w.dataSync()[0]).toBeCloseTo(-0.1, 6);
    optimizer.dispose();
    tf.dispose([w, g]);
  });

  it('is part of the state when it is a number: setState restores a rate changed since (say by ReduceLROnPlateau)', () => {
    const w = tf.tidy(() => tf.variable(tf.zeros([1])));
    const g = tf.ones([1]);
    const optimizer = adam({ learningRate: 0.1 });
    optimizer.applyGradients([{ variable: w, gradient: g }]);
    optimizer.learningRate = 0.05;
    const state = optimizer.getState();
    expect(state.learningRate).toBe(0.05);
    optimizer.learningRate = 0.001;
    optimizer.setState(state);
    expect(optimizer.learningRate).toBe(0.05);
    const { learningRate: _, ...withoutRate } = state;
    optimizer.learningRate = 0.002;
    optimizer.setState(withoutRate);
    expect(optimizer.learningRate).toBe(0.002); // an older state without a rate keeps the current one
    const scheduled = adam({ learningRate: halving() });
    scheduled.build([w]);
    const scheduledState = scheduled.getState();
    expect('learningRate' in scheduledState).toBe(false);
    expect(() => scheduled.setState(state)).toThrow(
      "Adam.setState: the state holds a learning rate, but this optimizer's is the schedule ExponentialDecay. Received: state.learningRate=0.05",
    );
    expect(() => optimizer.setState({ ...state, learningRate: -1 })).toThrow(/Adam\.setState: received an invalid value for `learningRate`/);
    expect(optimizer.learningRate).toBe(0.002);
    disposeOptimizerState(state);
    disposeOptimizerState(scheduledState);
    optimizer.dispose();
    scheduled.dispose();
    tf.dispose([w, g]);
  });
});
