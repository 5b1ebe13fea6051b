import { describe, expect, it } from 'vitest';
import { History } from './history.js';

describe('History', () => {
  it('records every epoch and every log value per epoch', () => {
    const history = new History();
    history.onTrainBegin();
    history.onEpochEnd(0, { loss: 0.5, accuracy: 0.7, val_loss: 0.6 });
    history.onEpochEnd(1, { loss: 0.4, accuracy: 0.8, val_loss: 0.55 });
    expect(history.epoch).toEqual([0, 1]);
    expect(history.history).toEqual({ loss: [0.5, 0.4], accuracy: [0.7, 0.8], val_loss: [0.6, 0.55] });
  });

  it('keeps NaN values and adds keys as they first appear', () => {
    const history = new History();
    history.onTrainBegin();
    history.onEpochEnd(0, { loss: Number.NaN });
    history.onEpochEnd(1, { loss: 0.3, lr: 0.01 });
    history.onEpochEnd(2);
    expect(history.history.loss).toEqual([Number.NaN, 0.3]);
    expect(history.history.lr).toEqual([0.01]);
    expect(Object.keys(history.history)).toEqual(['loss', 'lr']);
    expect(history.epoch).toEqual([0, 1, 2]);
  });

  it('restarts `epoch` at each training run while `history` keeps growing, as Keras', () => {
    const history = new History();
    history.onTrainBegin();
    history.onEpochEnd(0, { loss: 1 });
    history.onTrainBegin();
    history.onEpochEnd(0, { loss: 2 });
    expect(history.epoch).toEqual([0]);
    expect(history.history.loss).toEqual([1, 2]);
  });

  it('stores log names that clash with Object.prototype members as plain data', () => {
    const history = new History();
    history.onEpochEnd(0, { constructor: 1, __proto__: 2, toString: 3 } as unknown as Record<string, number>);
    history.onEpochEnd(1, JSON.parse('{"__proto__": 4, "constructor": 5}') as Record<string, number>);
    expect(history.history.constructor).toEqual([1, 5]);
    expect(history.history.toString).toEqual([3]);
    expect(Object.getOwnPropertyDescriptor(history.history, '__proto__')?.value).toEqual([4]);
    expect(Object.getPrototypeOf(history.history)).toBe(Object.prototype);
  });
});
