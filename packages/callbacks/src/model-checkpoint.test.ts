import { useBackend } from '@layerwise/core';
import type { Logs } from '@layerwise/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CheckpointRequest } from './checkpoint-saver.js';
import { createIoCheckpointSaver, type CheckpointIo } from './checkpoint-saver.js';
import { ModelCheckpoint, type ModelCheckpointOptions } from './model-checkpoint.js';
import { formatPathTemplate, formatPythonSpec } from './path-template.js';
import { checkConformance } from './testing/conformance.js';
import { FakeModel } from './testing/fake-model.js';
import { FakeStream } from './testing/fake-stream.js';

beforeAll(() => useBackend('cpu'));
afterEach(() => vi.restoreAllMocks());

/** Drives a checkpoint through epochs of `steps` batches with the given epoch logs; returns what it saved. */
async function run(options: Omit<ModelCheckpointOptions, 'saver'>, epochLogs: Logs[], steps = 3) {
  const requests: CheckpointRequest[] = [];
  const checkpoint = new ModelCheckpoint({ ...options, saver: async (r) => void requests.push(r) });
  const model = new FakeModel();
  checkpoint.setModel(model);
  await checkpoint.onTrainBegin();
  for (const [epoch, logs] of epochLogs.entries()) {
    await checkpoint.onEpochBegin(epoch);
    for (let batch = 0; batch < steps; batch++) await checkpoint.onTrainBatchEnd(batch, { loss: logs['loss'] ?? 1 });
    await checkpoint.onEpochEnd(epoch, logs);
  }
  model.dispose();
  return { checkpoint, requests, paths: requests.map((r) => r.path) };
}

const VAL_LOSS = [1.0, 0.8, Number.NaN, 0.85, 0.8, 0.7].map((v, i) => ({ loss: 1 - i / 10, val_loss: v, val_accuracy: 0.5 + i / 20 }));

describe('ModelCheckpoint, against Keras on scripted logs', () => {
  it('saves every epoch by default, filling the template with epoch (from 1) and the logs', async () => {
    const { paths, requests } = await run({ filepath: 'ckpt/w.{epoch:02d}-{val_loss:.2f}.keras' }, VAL_LOSS.slice(0, 3));
    expect(paths).toEqual(['ckpt/w.01-1.00.keras', 'ckpt/w.02-0.80.keras', 'ckpt/w.03-nan.keras']);
    expect(requests.every((r) => r.weightsOnly === false)).toBe(true);
  });

  it('with saveBestOnly saves only strict improvements; NaN and ties never improve', async () => {
    const { paths, checkpoint } = await run({ filepath: 'best.{epoch}.keras', saveBestOnly: true }, VAL_LOSS);
    expect(paths).toEqual(['best.1.keras', 'best.2.keras', 'best.6.keras']);
    expect(checkpoint.best).toBe(0.7);
  });

  it("infers 'max' for accuracies and honours an explicit mode", async () => {
    const accuracy = await run({ filepath: 'a{epoch}', monitor: 'val_accuracy', saveBestOnly: true }, VAL_LOSS);
    expect(accuracy.paths).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    const inverted = await run({ filepath: 'l{epoch}', monitor: 'val_loss', mode: 'max', saveBestOnly: true }, VAL_LOSS);
    expect(inverted.paths).toEqual(['l1']);
  });

  it('starts from initialValueThreshold', async () => {
    const { paths } = await run({ filepath: 'x{epoch}', saveBestOnly: true, initialValueThreshold: 0.82 }, VAL_LOSS);
    expect(paths).toEqual(['x2', 'x6']);
  });

  it('skips with a warning when the monitored value is missing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { paths } = await run({ filepath: 'x', monitor: 'val_auc', saveBestOnly: true }, VAL_LOSS.slice(0, 2));
    expect(paths).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('can save best model only with val_auc available, skipping'));
  });

  it('saves every N batches across epoch boundaries, with batch (from 1) in the template', async () => {
    const { paths } = await run({ filepath: 'e{epoch}-b{batch}', saveFreq: 2 }, VAL_LOSS.slice(0, 2), 3);
    expect(paths).toEqual(['e1-b2', 'e2-b1', 'e2-b3']);
  });

  it('asks for weights only with saveWeightsOnly', async () => {
    const { requests } = await run({ filepath: 'w.weights.h5', saveWeightsOnly: true }, VAL_LOSS.slice(0, 1));
    expect(requests.map((r) => [r.path, r.weightsOnly])).toEqual([['w.weights.h5', true]]);
  });

  it("prints Keras' lines with verbose 1", async () => {
    const stream = new FakeStream(false);
    await run({ filepath: 'best.keras', saveBestOnly: true, verbose: 1, stream }, VAL_LOSS.slice(0, 3));
    expect(stream.text).toBe(
      '\nEpoch 1: val_loss improved from inf to 1.00000, saving model to best.keras\n' +
        '\nEpoch 2: val_loss improved from 1.00000 to 0.80000, saving model to best.keras\n' +
        '\nEpoch 3: val_loss did not improve from 0.80000\n',
    );
  });

  it('passes the conformance run without leaking tensors', async () => {
    const saved: string[] = [];
    const report = await checkConformance(new ModelCheckpoint({ filepath: 'c{epoch}', saver: async (r) => void saved.push(r.path) }), {
      epochLogs: VAL_LOSS.slice(0, 3),
    });
    expect(report.leakedTensors).toBe(0);
    expect(saved).toEqual(['c1', 'c2', 'c3']);
  });

  it('names the option at fault', () => {
    expect(() => new ModelCheckpoint({ filepath: '' })).toThrow(/filepath/);
    expect(() => new ModelCheckpoint({ filepath: 'x', saveFreq: 0 })).toThrow(/saveFreq/);
    expect(() => new ModelCheckpoint({ filepath: 'x', saveFreq: 'batch' as 'epoch' })).toThrow(/saveFreq/);
    expect(() => new ModelCheckpoint({ filepath: 'x', mode: 'up' as 'max' })).toThrow(/mode/);
    expect(() => new ModelCheckpoint({ filepath: 'x', saver: 'disk' as never })).toThrow(/saver/);
    expect(() => new ModelCheckpoint({ filepath: 'x', savebestonly: true } as never)).toThrow(/unknown option `savebestonly`/);
  });

  it('explains how to get @layerwise/io when the default saver cannot load it', async () => {
    const model = new FakeModel();
    const saver = createIoCheckpointSaver(() => Promise.reject(new Error("Cannot find package '@layerwise/io'")));
    await expect(saver({ model, path: 'x.keras', weightsOnly: false })).rejects.toThrow(/needs @layerwise\/io \(npm install @layerwise\/io\).*Cannot find package/);
    model.dispose();
  });

  it("saves through io: weights, or the model with the optimizer's state where the format keeps it", async () => {
    const calls: unknown[][] = [];
    const io: CheckpointIo = {
      saveModel: async (_model, target, options) => void calls.push(['saveModel', target, options]),
      saveWeights: async (_model, target) => void calls.push(['saveWeights', target]),
      modelFormatOf: (_owner, location) => (location.endsWith('.json') ? 'tfjs' : 'keras'),
    };
    const saver = createIoCheckpointSaver(async () => io);
    const model = new FakeModel();
    await saver({ model, path: 'a.keras', weightsOnly: false });
    await saver({ model, path: 'tfjs/model.json', weightsOnly: false });
    await saver({ model, path: 'w.weights.h5', weightsOnly: true });
    model.dispose();
    expect(calls).toEqual([
      ['saveModel', 'a.keras', { includeOptimizer: true }],
      ['saveModel', 'tfjs/model.json', { includeOptimizer: false }],
      ['saveWeights', 'w.weights.h5'],
    ]);
  });
});

describe('file path templates (Python str.format)', () => {
  it('formats integers, fixed and exponent notation, widths, signs and literal braces', () => {
    const v = { epoch: 7, val_loss: 0.45678, lr: 0.00012, name: 'run' };
    expect(formatPathTemplate('w.{epoch:02d}-{val_loss:.2f}.keras', v, 'T')).toBe('w.07-0.46.keras');
    expect(formatPathTemplate('{lr:.2e}|{epoch:>4}|{epoch:<4}|{epoch:^5}|{val_loss:+.1f}|{{x}}|{name}', v, 'T')).toBe('1.20e-04|   7|7   |  7  |+0.5|{x}|run');
    expect(formatPythonSpec(-3, '03d', 'T', 'x')).toBe('-03');
    expect(formatPythonSpec(0.5, '.0%', 'T', 'x')).toBe('50%');
    expect(formatPythonSpec(Number.POSITIVE_INFINITY, '.2f', 'T', 'x')).toBe('inf');
  });

  it('names a missing field and lists the available ones, and rejects bad specs', () => {
    expect(() => formatPathTemplate('{val_acc:.2f}', { epoch: 1, loss: 2 }, 'ModelCheckpoint')).toThrow(
      /ModelCheckpoint: the file path template names `val_acc`, which is not among the values available when saving: epoch, loss/,
    );
    expect(() => formatPathTemplate('{epoch:d}', { epoch: 1.5 }, 'T')).toThrow(/formats integers, but epoch is 1.5/);
    expect(() => formatPathTemplate('{epoch:q}', { epoch: 1 }, 'T')).toThrow(/not supported/);
  });
});
