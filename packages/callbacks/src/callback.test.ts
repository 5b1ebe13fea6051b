import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import type { TrainingParams } from '@layerwise/core';
import { Callback } from './callback.js';
import { FakeModel } from './testing/fake-model.js';

class Probe extends Callback {}

const params: TrainingParams = { epochs: 2, steps: 3, batchSize: 4, samples: 12, verbose: 0, metrics: ['loss'] };

describe('Callback', () => {
  it('throws a LayerwiseError naming the class when model or params are read before being set', () => {
    const probe = new Probe();
    expect(() => probe.model).toThrow(LayerwiseError);
    expect(() => probe.model).toThrow(/Probe: `model` was read before `setModel` was called/);
    expect(() => probe.params).toThrow(/Probe: `params` was read before `setParams` was called/);
  });

  it('returns what setModel and setParams attached', () => {
    const probe = new Probe();
    const model = new FakeModel([]);
    probe.setModel(model);
    probe.setParams(params);
    expect(probe.model).toBe(model);
    expect(probe.params).toBe(params);
  });

  it('has every hook as a method that does nothing', () => {
    const probe = new Probe();
    const hooks = [
      probe.onTrainBegin(),
      probe.onTrainEnd({}),
      probe.onEpochBegin(0),
      probe.onEpochEnd(0, { loss: 1 }),
      probe.onTrainBatchBegin(0),
      probe.onTrainBatchEnd(0, {}),
      probe.onTestBegin(),
      probe.onTestEnd(),
      probe.onTestBatchBegin(0),
      probe.onTestBatchEnd(0),
      probe.onPredictBegin(),
      probe.onPredictEnd(),
      probe.onPredictBatchBegin(0),
      probe.onPredictBatchEnd(0),
    ];
    expect(hooks).toEqual(Array(14).fill(undefined));
  });
});
