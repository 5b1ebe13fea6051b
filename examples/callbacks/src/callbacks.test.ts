import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { loadModel } from '@layerwise/io';
import { afterAll, describe, expect, it } from 'vitest';
import { trainWithCallbacks } from './train.js';

process.env.LAYERWISE_DATASETS_DIR ??= resolve(__dirname, '../../../../shared/datasets');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerwise-callbacks-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('examples/callbacks, short run', () => {
  it('keeps the best checkpoint, logs CSV and TensorBoard, saves activations, and leaks nothing', async () => {
    await useBackend('auto');
    const before = tf.memory().numTensors;
    const outDir = tempDir();
    const result = await trainWithCallbacks({ outDir, trainSamples: 4_000, testSamples: 1_000, epochs: 3, batchSize: 64, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.epochsRun).toBe(3);
    // One checkpoint per improvement of val_loss, the last being the best epoch's.
    const improvements = result.history['val_loss']!.filter((v, i, all) => all.slice(0, i).every((p) => v < p)).length;
    expect(result.files.checkpoints).toHaveLength(improvements);
    expect(result.checkpointTestAccuracy).toBeGreaterThan(0.9);
    // EarlyStopping restored the best epoch's weights, which are the checkpoint's.
    expect(result.testAccuracy).toBeCloseTo(result.checkpointTestAccuracy, 6);
    const csv = readFileSync(result.files.csv, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('epoch,accuracy,learning_rate,loss,val_accuracy,val_loss');
    expect(csv).toHaveLength(4);
    for (const file of result.files.tensorboard) expect(statSync(file).size).toBeGreaterThan(100);
    expect(result.files.activations).toHaveLength(7 * 3);
    expect(result.files.activations[0]).toMatch(/epoch-1\/conv2d[^/]*\.npy$/);
    expect(result.files.activations.every((f) => existsSync(f))).toBe(true);
  }, 600_000);
});

/**
 * Polls `dir` until some file in it is part-written (more than 0 and fewer than `full` bytes: the
 * save under way, whether into a temporary file or into the target itself), then returns true; false
 * if none was seen within `ms`.
 */
function waitForPartialWrite(dir: string, full: number, ms: number): boolean {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (const name of readdirSync(dir)) {
      try {
        const size = statSync(join(dir, name)).size;
        if (size > 0 && size < full) return true;
      } catch {
        // renamed or removed between the listing and the stat
      }
    }
  }
  return false;
}

describe('a save killed half-way', () => {
  it('leaves the previous file whole and readable (killed while a new save is being written, 3 times)', async () => {
    await useBackend('cpu');
    const child = new URL('../dist/save-loop.js', import.meta.url).pathname;
    expect(existsSync(child), 'build the example first (turbo builds it before its tests)').toBe(true);
    let caughtMidWrite = 0;
    for (let attempt = 0; attempt < 3; attempt++) {
      const dir = tempDir();
      const path = join(dir, 'model.keras');
      const proc = spawn(process.execPath, [child, path], { stdio: ['ignore', 'pipe', 'ignore'] });
      let saved = 0;
      await new Promise<void>((resolveSaved) =>
        proc.stdout.on('data', (chunk: Buffer) => {
          saved = Number(/saved (\d+)\s*$/.exec(chunk.toString())?.[1] ?? saved);
          if (saved >= 2) resolveSaved();
        }),
      );
      if (waitForPartialWrite(dir, statSync(path).size, 3_000)) caughtMidWrite++;
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      const model = await loadModel(path, { compile: false });
      const marks = await Promise.all(model.getWeights().map(async (w) => {
        const first = (await w.data())[0]!;
        w.dispose();
        return first;
      }));
      // Every weight starts with one save's number: the file is one complete save, never a mix.
      expect(new Set(marks).size).toBe(1);
      expect(marks[0]).toBeGreaterThanOrEqual(2);
      model.dispose();
    }
    expect(caughtMidWrite, 'kills that landed while a save was being written').toBeGreaterThan(0);
  }, 300_000);
});

describe('a training run killed at a random batch and started again with BackupAndRestore', () => {
  it('ends with the same weights as an uninterrupted run (same backend, same seed)', async () => {
    const child = new URL('../dist/backup-run.js', import.meta.url).pathname;
    expect(existsSync(child), 'build the example first (turbo builds it before its tests)').toBe(true);
    const dir = tempDir();
    execFileSync(process.execPath, [child, join(dir, 'backup-a'), join(dir, 'uninterrupted.json')], { stdio: 'ignore' });
    // Kill at a random batch of epochs 2 to 4 (16 batches each).
    const killAt = 32 + Math.floor(Math.random() * 48);
    const proc = spawn(process.execPath, [child, join(dir, 'backup-b'), join(dir, 'resumed.json')], { stdio: ['ignore', 'pipe', 'ignore'] });
    let batches = 0;
    await new Promise<void>((resolveKilled) => {
      proc.stdout.on('data', (chunk: Buffer) => {
        batches += (chunk.toString().match(/^batch /gm) ?? []).length;
        if (batches >= killAt) {
          proc.kill('SIGKILL');
          resolveKilled();
        }
      });
    });
    await new Promise((r) => proc.once('exit', r));
    expect(existsSync(join(dir, 'backup-b', 'backup.lwbk'))).toBe(true);
    const restarted = execFileSync(process.execPath, [child, join(dir, 'backup-b'), join(dir, 'resumed.json')], { encoding: 'utf8' });
    // The restart resumed after the last completed epoch: fewer than 6 epochs of batches.
    expect(restarted.match(/^batch /gm)!.length).toBeLessThan(6 * 16);
    expect(readFileSync(join(dir, 'resumed.json'), 'utf8')).toBe(readFileSync(join(dir, 'uninterrupted.json'), 'utf8'));
    expect(existsSync(join(dir, 'backup-b'))).toBe(false);
  }, 300_000);
});
