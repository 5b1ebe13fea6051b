import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import type { Callback as CallbackHooks, Logs, TrainingParams } from '@layerwise/core';
import { Callback } from './callback.js';
import { CallbackList } from './callback-list.js';
import { History } from './history.js';
import { ProgressBar } from './progress-bar.js';
import { FakeModel } from './testing/fake-model.js';
import { FakeStream } from './testing/fake-stream.js';

const params: TrainingParams = { epochs: 1, steps: 2, batchSize: 4, samples: 8, verbose: 0, metrics: ['loss'] };

/** Records `name:hook` when each hook starts and `name:hook:done` when it has finished (after a delay). */
class Recorder extends Callback {
  constructor(
    private readonly name: string,
    private readonly events: string[],
  ) {
    super();
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    this.events.push(`${this.name}:onEpochEnd(${epoch}, loss=${logs?.loss})`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    this.events.push(`${this.name}:onEpochEnd:done`);
  }

  override onTrainBegin(): void {
    this.events.push(`${this.name}:onTrainBegin`);
  }
}

describe('CallbackList', () => {
  it('calls each hook on every callback in order, awaiting async hooks one after the other', async () => {
    const events: string[] = [];
    const list = new CallbackList({ callbacks: [new Recorder('a', events), new Recorder('b', events)] });
    await list.onTrainBegin();
    await list.onEpochEnd(3, { loss: 0.5 });
    expect(events).toEqual([
      'a:onTrainBegin',
      'b:onTrainBegin',
      'a:onEpochEnd(3, loss=0.5)',
      'a:onEpochEnd:done',
      'b:onEpochEnd(3, loss=0.5)',
      'b:onEpochEnd:done',
    ]);
  });

  it('forwards every hook, with the same logs object (an empty one when none is given)', async () => {
    const seen: [string, number | undefined, Logs | undefined][] = [];
    const hooks = [
      'onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onTrainBatchBegin', 'onTrainBatchEnd',
      'onTestBegin', 'onTestEnd', 'onTestBatchBegin', 'onTestBatchEnd',
      'onPredictBegin', 'onPredictEnd', 'onPredictBatchBegin', 'onPredictBatchEnd',
    ] as const;
    const spy: Record<string, (...args: unknown[]) => void> = {};
    for (const hook of hooks) {
      spy[hook] = (...args: unknown[]) => {
        const [first, second] = args;
        seen.push(typeof first === 'number' ? [hook, first, second as Logs] : [hook, undefined, first as Logs]);
      };
    }
    const list = new CallbackList({ callbacks: [spy as CallbackHooks] });
    const logs: Logs = { loss: 1 };
    const indexed = (hook: string): boolean => hook.includes('Batch') || hook.startsWith('onEpoch');
    for (const hook of hooks) {
      const method = list[hook] as (...args: unknown[]) => Promise<void>;
      await (indexed(hook) ? method.call(list, 7, logs) : method.call(list, logs));
    }
    expect(seen.map(([hook]) => hook)).toEqual([...hooks]);
    for (const [hook, index, received] of seen) {
      expect(received, hook).toBe(logs);
      if (indexed(hook)) expect(index, hook).toBe(7);
    }
    seen.length = 0;
    await list.onEpochEnd(0);
    expect(seen[0]?.[2]).toEqual({});
  });

  it('gives the model and params to every callback, at construction or later', () => {
    const model = new FakeModel([]);
    const a = new Recorder('a', []);
    const plain: CallbackHooks & { got?: unknown[] } = {
      setModel(m) {
        this.got = [...(this.got ?? []), m];
      },
    };
    const list = new CallbackList({ callbacks: [a, plain], model, params });
    expect(a.model).toBe(model);
    expect(a.params).toBe(params);
    expect(list.model).toBe(model);
    const other = new FakeModel([]);
    list.setModel(other);
    expect(a.model).toBe(other);
    expect(plain.got).toEqual([model, other]);
  });

  it('adds a History last and a ProgressBar first when asked, unless the user passed one', () => {
    const user = new Recorder('user', []);
    const list = new CallbackList({ callbacks: [user], addHistory: true, addProgressBar: true });
    expect(list.callbacks).toHaveLength(3);
    expect(list.callbacks[0]).toBeInstanceOf(ProgressBar);
    expect(list.callbacks[1]).toBe(user);
    expect(list.callbacks[2]).toBeInstanceOf(History);
    expect(list.history).toBe(list.callbacks[2]);

    const history = new History();
    const bar = new ProgressBar({ stream: new FakeStream(false) });
    const own = new CallbackList({ callbacks: [history, bar], addHistory: true, addProgressBar: true });
    expect(own.callbacks).toEqual([history, bar]);
    expect(own.history).toBe(history);

    const none = new CallbackList({ callbacks: [user] });
    expect(none.callbacks).toEqual([user]);
    expect(() => none.history).toThrow(/CallbackList: `history` was read but no History is among the callbacks/);
  });

  it('adds the ProgressBar by the verbose option when addProgressBar is not given, and checks params against it', () => {
    expect(new CallbackList({ verbose: 1 }).callbacks[0]).toBeInstanceOf(ProgressBar);
    expect(new CallbackList({ verbose: 2 }).callbacks[0]).toBeInstanceOf(ProgressBar);
    expect(new CallbackList({ verbose: 0 }).callbacks).toEqual([]);
    expect(new CallbackList({ verbose: 1, addProgressBar: false }).callbacks).toEqual([]);
    expect(new CallbackList({ verbose: 0, params }).params).toBe(params);
    expect(() => new CallbackList({ verbose: 1, params })).toThrow(
      'CallbackList: `params.verbose` must equal the `verbose` option. Received: params.verbose=0, verbose=1',
    );
    expect(() => new CallbackList({ verbose: 3 as never })).toThrow(/`verbose`.*Received: verbose=3/);
  });

  it('lets the History record what the training loop reports', async () => {
    const list = new CallbackList({ addHistory: true, model: new FakeModel([]), params });
    await list.onTrainBegin();
    await list.onEpochEnd(0, { loss: 0.4 });
    await list.onEpochEnd(1, { loss: 0.3 });
    expect(list.history.history).toEqual({ loss: [0.4, 0.3] });
  });

  it('lets an error thrown by a hook propagate, and calls no later callback', async () => {
    const events: string[] = [];
    const failing: CallbackHooks = {
      onEpochEnd() {
        throw new Error('boom');
      },
    };
    const list = new CallbackList({ callbacks: [failing, new Recorder('after', events)] });
    await expect(list.onEpochEnd(0, {})).rejects.toThrow('boom');
    expect(events).toEqual([]);
  });

  it('rejects bad options and callbacks with a LayerwiseError naming them', () => {
    expect(() => new CallbackList({ callbacks: 'x' as never })).toThrow(
      'CallbackList: received an invalid value for `callbacks`, expected an array of callbacks. Received: callbacks=\'x\'',
    );
    expect(() => new CallbackList({ callbacks: [null as never] })).toThrow(/`callbacks\[0\]`.*Received: callbacks\[0\]=null/);
    expect(() => new CallbackList({ callbacks: [{ onEpochEnd: 5 } as never] })).toThrow(
      /`callbacks\[0\].onEpochEnd`, expected a function or undefined. Received: callbacks\[0\].onEpochEnd=5/,
    );
    expect(() => new CallbackList({ addHistory: 1 as never })).toThrow(/`addHistory`, expected a boolean/);
    expect(() => new CallbackList({ addProgbar: true } as never)).toThrow(LayerwiseError);
  });
});
