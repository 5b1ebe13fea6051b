import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import type { Logs, TrainingParams } from '@layerwise/core';
import { ProgressBar } from './progress-bar.js';
import { FakeStream } from './testing/fake-stream.js';

const T0 = 1_700_000_000_000;
/** Moves the (fake) clock to `seconds` after T0. */
function at(seconds: number): void {
  vi.setSystemTime(T0 + seconds * 1000);
}

function params(overrides: Partial<TrainingParams>): TrainingParams {
  return { epochs: 2, steps: 5, batchSize: 32, samples: 160, verbose: 1, metrics: ['loss', 'accuracy'], ...overrides };
}

const EPOCH_LOGS: Logs = { loss: 0.46, accuracy: 0.84, val_loss: 0.47, val_accuracy: 0.83 };
const FULL_BAR = `[${'='.repeat(30)}]`;

/** One epoch of fit: 5 batches two seconds apart, then a (silent) validation pass. */
async function trainEpoch(bar: ProgressBar, epoch: number, start: number): Promise<void> {
  at(start);
  await bar.onEpochBegin(epoch);
  for (let batch = 0; batch < 5; batch++) {
    at(start + 2 * (batch + 1));
    await bar.onTrainBatchBegin(batch);
    await bar.onTrainBatchEnd(batch, { loss: 0.5 - 0.01 * batch, accuracy: 0.8 + 0.01 * batch });
  }
  await bar.onTestBegin();
  await bar.onTestBatchEnd(0, { loss: 0.47, accuracy: 0.83 });
  await bar.onTestEnd({ loss: 0.47, accuracy: 0.83 });
  await bar.onEpochEnd(epoch, { ...EPOCH_LOGS });
}

function attached(stream: FakeStream, overrides: Partial<TrainingParams> = {}): ProgressBar {
  const bar = new ProgressBar({ stream });
  bar.setParams(params(overrides));
  return bar;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ProgressBar, verbose 1 on a terminal', () => {
  it('prints the epoch, redraws the bar in place after each batch and finishes with the epoch line', async () => {
    const stream = new FakeStream(true);
    const bar = attached(stream);
    await bar.onTrainBegin();
    await trainEpoch(bar, 0, 0);
    expect(stream.chunks).toEqual([
      'Epoch 1/2\n',
      `\r1/5 [${'='.repeat(5)}>${'.'.repeat(24)}] - ETA: 8s - loss: 0.5000 - accuracy: 0.8000`,
      `\r2/5 [${'='.repeat(11)}>${'.'.repeat(18)}] - ETA: 6s - loss: 0.4900 - accuracy: 0.8100`,
      `\r3/5 [${'='.repeat(17)}>${'.'.repeat(12)}] - ETA: 4s - loss: 0.4800 - accuracy: 0.8200`,
      `\r4/5 [${'='.repeat(23)}>${'.'.repeat(6)}] - ETA: 2s - loss: 0.4700 - accuracy: 0.8300`,
      `\r5/5 ${FULL_BAR} - ETA: 0s - loss: 0.4600 - accuracy: 0.8400`,
      `\r5/5 ${FULL_BAR} - 10s 2s/step - loss: 0.4600 - accuracy: 0.8400 - val_loss: 0.4700 - val_accuracy: 0.8300\n`,
    ]);
    await trainEpoch(bar, 1, 10);
    expect(stream.chunks[7]).toBe('Epoch 2/2\n');
    expect(stream.chunks).toHaveLength(14);
  });

  it('pads a shorter redraw with spaces so that nothing of the previous one is left', async () => {
    const stream = new FakeStream(true);
    const bar = attached(stream);
    await bar.onEpochBegin(0);
    at(100);
    await bar.onTrainBatchEnd(0, {});
    at(101);
    await bar.onTrainBatchEnd(1, {});
    const [first, second] = stream.chunks.slice(1);
    expect(first).toBe(`\r1/5 [${'='.repeat(5)}>${'.'.repeat(24)}] - ETA: 6:40`);
    expect(second).toBe(`\r2/5 [${'='.repeat(11)}>${'.'.repeat(18)}] - ETA: 3s  `);
  });

  it('redraws at most every 50 ms, but always draws the final line', async () => {
    const stream = new FakeStream(true);
    const bar = attached(stream, { epochs: 1 });
    await bar.onEpochBegin(0);
    at(1);
    await bar.onTrainBatchEnd(0, { loss: 1 });
    at(1.01);
    await bar.onTrainBatchEnd(1, { loss: 0.9 });
    at(1.02);
    await bar.onEpochEnd(0, { loss: 0.9 });
    expect(stream.chunks).toHaveLength(2);
    expect(stream.chunks[1]).toMatch(/^\r5\/5 \[=+\] - 1s \d+ms\/step - loss: 0\.9000\n$/);
  });
});

describe('ProgressBar, other streams and verbosities', () => {
  it('with verbose 1 on a non-terminal prints only the epoch lines, without carriage returns', async () => {
    const stream = new FakeStream(false);
    const bar = attached(stream);
    await bar.onTrainBegin();
    await trainEpoch(bar, 0, 0);
    await trainEpoch(bar, 1, 10);
    const line = `5/5 ${FULL_BAR} - 10s 2s/step - loss: 0.4600 - accuracy: 0.8400 - val_loss: 0.4700 - val_accuracy: 0.8300\n`;
    expect(stream.text).toBe(`Epoch 1/2\n${line}Epoch 2/2\n${line}`);
    expect(stream.text).not.toContain('\r');
  });

  it('with verbose 2 prints one short line per epoch', async () => {
    const stream = new FakeStream(true);
    const bar = attached(stream, { verbose: 2 });
    await bar.onTrainBegin();
    await trainEpoch(bar, 0, 0);
    expect(stream.text).toBe(
      'Epoch 1/2\n5/5 - 10s - 2s/step - loss: 0.4600 - accuracy: 0.8400 - val_loss: 0.4700 - val_accuracy: 0.8300\n',
    );
  });

  it("updateFreq 'epoch' prints one line per epoch whatever the run's verbose, and 'batch' a bar", async () => {
    const stream = new FakeStream(true);
    const bar = new ProgressBar({ stream, updateFreq: 'epoch' });
    bar.setParams(params({ verbose: 1 }));
    await bar.onTrainBegin();
    await trainEpoch(bar, 0, 0);
    expect(stream.text).toBe(
      'Epoch 1/2\n5/5 - 10s - 2s/step - loss: 0.4600 - accuracy: 0.8400 - val_loss: 0.4700 - val_accuracy: 0.8300\n',
    );
    const batchStream = new FakeStream(true);
    const batchBar = new ProgressBar({ stream: batchStream, updateFreq: 'batch' });
    batchBar.setParams(params({ verbose: 2 }));
    await batchBar.onTrainBegin();
    await trainEpoch(batchBar, 0, 0);
    expect(batchStream.text).toContain('\r');
    expect(() => new ProgressBar({ updateFreq: 'step' as 'batch' })).toThrow(/updateFreq/);
  });

  it('with verbose 0 prints nothing, for fit, evaluate or predict', async () => {
    const stream = new FakeStream(true);
    const bar = attached(stream, { verbose: 0 });
    await bar.onTrainBegin();
    await trainEpoch(bar, 0, 0);
    await bar.onTrainEnd();
    await bar.onTestBegin();
    await bar.onTestBatchEnd(0, { loss: 1 });
    await bar.onTestEnd({ loss: 1 });
    await bar.onPredictBegin();
    await bar.onPredictBatchEnd(0);
    await bar.onPredictEnd();
    expect(stream.chunks).toEqual([]);
  });

  it('leaves out the Epoch line when there is a single epoch', async () => {
    const stream = new FakeStream(false);
    const bar = attached(stream, { epochs: 1 });
    await bar.onTrainBegin();
    await trainEpoch(bar, 0, 0);
    expect(stream.text).toMatch(/^5\/5 \[/);
  });

  it('writes to process.stdout by default', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const bar = new ProgressBar();
    bar.setParams(params({ epochs: 1, steps: 1, verbose: 2 }));
    await bar.onEpochBegin(0);
    at(1);
    await bar.onTrainBatchEnd(0, { loss: 0.5 });
    await bar.onEpochEnd(0, { loss: 0.5 });
    expect(write).toHaveBeenCalledWith('1/1 - 1s - 1s/step - loss: 0.5000\n');
  });
});

describe('ProgressBar, evaluate and predict', () => {
  it('draws a bar for evaluate outside fit, and stays silent for the validation pass inside fit', async () => {
    const stream = new FakeStream(true);
    const bar = attached(stream, { epochs: 1, steps: 2 });
    await bar.onTestBegin();
    at(1);
    await bar.onTestBatchEnd(0, { loss: 0.3 });
    at(2);
    await bar.onTestBatchEnd(1, { loss: 0.25 });
    await bar.onTestEnd({ loss: 0.25, accuracy: 0.9 });
    expect(stream.chunks).toEqual([
      `\r1/2 [${'='.repeat(14)}>${'.'.repeat(15)}] - ETA: 1s - loss: 0.3000`,
      `\r2/2 ${FULL_BAR} - ETA: 0s - loss: 0.2500`,
      `\r2/2 ${FULL_BAR} - 2s 1s/step - loss: 0.2500 - accuracy: 0.9000\n`,
    ]);

    const inFit = new FakeStream(true);
    const fitBar = attached(inFit, { epochs: 1, steps: 2 });
    await fitBar.onTrainBegin();
    await fitBar.onTestBegin();
    await fitBar.onTestBatchEnd(0, { loss: 0.3 });
    await fitBar.onTestEnd({ loss: 0.3 });
    expect(inFit.chunks).toEqual([]);
    await fitBar.onTrainEnd();
    await fitBar.onTestBegin();
    await fitBar.onTestEnd({ loss: 0.3 });
    expect(inFit.chunks).toHaveLength(1);
  });

  it('draws a bar for predict, counting steps without showing predictions', async () => {
    const stream = new FakeStream(false);
    const bar = attached(stream, { epochs: 1, steps: 3 });
    await bar.onPredictBegin();
    for (let batch = 0; batch < 3; batch++) {
      at(batch + 1);
      await bar.onPredictBatchEnd(batch, { outputs: 123 } as Logs);
    }
    await bar.onPredictEnd();
    expect(stream.text).toBe(`3/3 ${FULL_BAR} - 3s 1s/step\n`);
  });

  it('counts up to Unknown while the steps are unknown, then learns them from the first pass', async () => {
    const stream = new FakeStream(true);
    const bar = attached(stream, { epochs: 2, steps: undefined });
    await bar.onTrainBegin();
    for (const epoch of [0, 1]) {
      at(10 * epoch);
      await bar.onEpochBegin(epoch);
      for (let batch = 0; batch < 2; batch++) {
        at(10 * epoch + 2 * (batch + 1));
        await bar.onTrainBatchEnd(batch, { loss: 1 });
      }
      await bar.onEpochEnd(epoch, { loss: 1 });
    }
    expect(stream.chunks.slice(0, 4)).toEqual([
      'Epoch 1/2\n',
      '\r      1/Unknown - 2s 2s/step - loss: 1.0000',
      '\r      2/Unknown - 4s 2s/step - loss: 1.0000',
      `\r2/2 ${FULL_BAR} - 4s 2s/step - loss: 1.0000\n`,
    ]);
    expect(stream.chunks[5]).toBe(`\r1/2 [${'='.repeat(14)}>${'.'.repeat(15)}] - ETA: 2s - loss: 1.0000`);
  });
});

describe('ProgressBar, the backend line', () => {
  const backend = {
    name: 'layerwise-wasm',
    choice: 'auto',
    reason: 'auto: first available of tensorflow, webgpu, layerwise-wasm after ...',
    skipped: [
      { name: 'tensorflow', packageName: '@layerwise/backend-node', why: '@layerwise/backend-node is not installed' },
      { name: 'webgpu', packageName: '@layerwise/backend-webgpu', why: 'registerWebGpuBackend: the only adapter is a software one' },
    ],
  } as const;

  it('starts training with the backend and why it was chosen, when the params name it', async () => {
    const stream = new FakeStream(false);
    const bar = attached(stream, { backend, verbose: 2 });
    await bar.onTrainBegin();
    await trainEpoch(bar, 0, 0);
    expect(stream.chunks[0]).toBe(
      'Training on layerwise-wasm (auto; skipped tensorflow: @layerwise/backend-node is not installed; ' +
        'webgpu: registerWebGpuBackend: the only adapter is a software one)\n',
    );
    expect(stream.chunks[1]).toBe('Epoch 1/2\n');
  });

  it('says when the backend was named or left to tfjs-core, and prints nothing with verbose 0', async () => {
    const named = new FakeStream(false);
    await attached(named, { backend: { name: 'cpu', choice: 'explicit', reason: 'chosen explicitly', skipped: [] } }).onTrainBegin();
    expect(named.text).toBe('Training on cpu (explicit)\n');
    const fallback = new FakeStream(false);
    await attached(fallback, { backend: { name: 'cpu', choice: 'default', reason: '', skipped: [] } }).onTrainBegin();
    expect(fallback.text).toBe("Training on cpu (tfjs-core's default; useBackend was not called)\n");
    const quiet = new FakeStream(false);
    await attached(quiet, { backend, verbose: 0 }).onTrainBegin();
    expect(quiet.text).toBe('');
  });
});

describe('ProgressBar, bad input', () => {
  it('rejects a bad stream, an unknown option and bad params with a LayerwiseError', () => {
    expect(() => new ProgressBar({ stream: {} as never })).toThrow(
      'ProgressBar: received an invalid value for `stream`, expected an object with a write(text) method. Received: stream={}',
    );
    expect(() => new ProgressBar({ verbose: 1 } as never)).toThrow(LayerwiseError);
    const bar = new ProgressBar({ stream: new FakeStream(false) });
    expect(() => bar.setParams(params({ verbose: 3 as never }))).toThrow(/`params.verbose`.*Received: params.verbose=3/);
    expect(() => bar.setParams(params({ steps: -1 }))).toThrow(/`params.steps`/);
  });
});
