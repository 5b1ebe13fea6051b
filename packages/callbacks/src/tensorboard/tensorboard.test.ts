import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import type { NamedWeight, Optimizer } from '@layerwise/core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeModel } from '../testing/fake-model.js';
import { crc32, crc32c, maskedCrc32c } from './crc.js';
import { histogramOf } from './histogram.js';
import { ProtobufWriter } from './protobuf-writer.js';
import { SummaryWriter } from './summary-writer.js';
import { TensorBoard } from './tensorboard.js';

// The event files are read back by an independent reader: Python's protobuf runtime with the
// message definitions compiled by protoc, and crcmod's CRC-32C (scripts/read_tensorboard_events.py).
const PYTHON = '/usr/bin/python3';
const READER = new URL('../../scripts/read_tensorboard_events.py', import.meta.url).pathname;
const readerMissing = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import crcmod.predefined, google.protobuf'], { stdio: 'ignore' });
    execFileSync('protoc', ['--version'], { stdio: 'ignore' });
    return undefined;
  } catch {
    return 'needs Debian python3-protobuf, protobuf-compiler and python3-crcmod (.ci/run installs them)';
  }
})();
if (readerMissing && process.env['CI']) throw new Error(`TensorBoard tests ${readerMissing}`);

interface ReadEvent {
  wall_time: number;
  step: number;
  file_version?: string;
  values?: {
    tag: string;
    simple_value?: number;
    histo?: { min: number; max: number; num: number; sum: number; sum_squares: number; bucket_limit: number[]; bucket: number[] };
    image?: { width: number; height: number; channels: number; pixels: number[]; colorspace: number; proto_width: number; proto_height: number };
  }[];
}

const readEvents = (file: string): ReadEvent[] => JSON.parse(execFileSync(PYTHON, [READER, file], { encoding: 'utf8' })) as ReadEvent[];
const scalars = (events: ReadEvent[]) =>
  events.flatMap((e) => (e.values ?? []).filter((v) => v.simple_value !== undefined).map((v) => [e.step, v.tag, v.simple_value] as const));

let dir: string;
beforeAll(async () => {
  await useBackend('cpu');
});
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => (dir = mkdtempSync(join(tmpdir(), 'layerwise-tb-')));

describe('checksums and encodings', () => {
  it('computes CRC-32C and CRC-32 check values, and masks as TensorFlow does', () => {
    const digits = new TextEncoder().encode('123456789');
    expect(crc32c(digits)).toBe(0xe3069283);
    expect(crc32(digits)).toBe(0xcbf43926);
    // masked = rotr15(crc) + 0xa282ead8
    const crc = 0xe3069283;
    expect(maskedCrc32c(digits)).toBe(((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0);
  });

  it('encodes protobuf varints, doubles and nested messages in the wire format', () => {
    expect(Array.from(new ProtobufWriter().varint(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
    expect(Array.from(new ProtobufWriter().varint(2, -1).finish())).toEqual([0x10, ...Array(9).fill(0xff), 0x01]);
    expect(Array.from(new ProtobufWriter().string(2, 'testing').finish())).toEqual([0x12, 0x07, ...new TextEncoder().encode('testing')]);
    expect(Array.from(new ProtobufWriter().float(2, 1).finish())).toEqual([0x15, 0, 0, 0x80, 0x3f]);
  });

  it('buckets a histogram between the minimum and the maximum, leaving non-finite values out', () => {
    const h = histogramOf([0, 1, 2, 3, 4, NaN, Infinity], 4);
    expect(h).toMatchObject({ min: 0, max: 4, num: 5, sum: 10, sumSquares: 30 });
    expect(Array.from(h.bucketLimits)).toEqual([1, 2, 3, 4]);
    expect(Array.from(h.bucketCounts)).toEqual([1, 1, 1, 2]);
    expect(Array.from(histogramOf([2, 2, 2]).bucketCounts)).toEqual([3]);
  });
});

describe.skipIf(readerMissing)('SummaryWriter, read back by Python protobuf', () => {
  it('writes the file-version record, scalars, histograms and PNG images', async () => {
    const writer = await SummaryWriter.create(join(tempDir(), 'run'));
    await writer.scalar('loss', 0.5, 1);
    await writer.scalar('loss', 0.25, 2);
    await writer.histogram('w', [0, 1, 2, 3], 2, 3);
    const image = tf.tensor3d([0, 0.5, 1, 1, 0.5, 0], [2, 3, 1]);
    await writer.image('activations', image, 3);
    await writer.image('rgba', { width: 1, height: 2, channels: 4, data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) }, 3);
    image.dispose();
    await writer.close();
    expect(writer.path).toMatch(/events\.out\.tfevents\.\d+\..+\.v2$/);
    const events = readEvents(writer.path);
    expect(events[0]!.file_version).toBe('brain.Event:2');
    expect(scalars(events)).toEqual([[1, 'loss', 0.5], [2, 'loss', 0.25]]);
    const histo = events[3]!.values![0]!;
    expect(histo.tag).toBe('w');
    expect(histo.histo).toMatchObject({ min: 0, max: 3, num: 4, sum: 6, sum_squares: 14, bucket_limit: [1, 2, 3], bucket: [1, 1, 2] });
    const grey = events[4]!.values![0]!.image!;
    expect(grey).toMatchObject({ width: 3, height: 2, channels: 1, proto_width: 3, proto_height: 2, colorspace: 1, pixels: [0, 128, 255, 255, 128, 0] });
    expect(events[5]!.values![0]!.image).toMatchObject({ width: 1, height: 2, channels: 4, colorspace: 4, pixels: [1, 2, 3, 4, 5, 6, 7, 8] });
    expect(events.every((e) => Math.abs(e.wall_time - Date.now() / 1000) < 60)).toBe(true);
  });

  it('rejects bad tags, steps and images, and writes after close', async () => {
    const writer = await SummaryWriter.create(tempDir());
    await expect(writer.scalar('', 1, 0)).rejects.toThrow(/tag/);
    await expect(writer.scalar('x', 1, -1)).rejects.toThrow(/step/);
    await expect(writer.image('x', { width: 2, height: 2, channels: 3, data: new Uint8Array(5) }, 0)).rejects.toThrow(/image\.data.*12 bytes/);
    const wrong = tf.zeros([2, 2]);
    await expect(writer.image('x', wrong, 0)).rejects.toThrow(/\[height, width, 1 \| 3 \| 4\]/);
    wrong.dispose();
    await writer.close();
    await expect(writer.scalar('x', 1, 0)).rejects.toThrow(/closed/);
  });
});

/** A FakeModel whose weights are named, as Layerwise models' are, with an optimizer's learning rate. */
class NamedModel extends FakeModel {
  readonly weights: NamedWeight[];
  constructor() {
    super([0, 0], { learningRate: 0.01 } as unknown as Optimizer);
    this.weights = [
      { name: 'dense/kernel', variable: tf.variable(tf.tensor1d([1, 2, 3, 4])) },
      { name: 'dense/bias', variable: tf.variable(tf.tensor1d([0.5])) },
    ];
  }
  override dispose(): void {
    super.dispose();
    tf.dispose(this.weights.map((w) => w.variable));
  }
}

describe.skipIf(readerMissing)('TensorBoard callback', () => {
  it('writes epoch values to train/ and validation/, the learning rate, batch values and weight histograms', async () => {
    const logDir = tempDir();
    const model = new NamedModel();
    const callback = new TensorBoard({ logDir, histogramFreq: 2, updateFreq: 2 });
    callback.setModel(model);
    const before = tf.memory().numTensors;
    await callback.onTrainBegin();
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let batch = 0; batch < 3; batch++) await callback.onTrainBatchEnd(batch, { loss: epoch + batch / 10 });
      await callback.onEpochEnd(epoch, { loss: 1 / (epoch + 1), accuracy: epoch / 4, val_loss: 2 / (epoch + 1), val_accuracy: epoch / 8 });
    }
    await callback.onTrainEnd();
    expect(tf.memory().numTensors).toBe(before);
    expect(readdirSync(logDir).sort()).toEqual(['train', 'validation']);

    const train = readEvents(callback.trainEventFile!);
    const trainScalars = scalars(train);
    // Batch values every 2 batches of the 9, at the global batch count.
    expect(trainScalars.filter(([, tag]) => tag === 'batch_loss').map(([step]) => step)).toEqual([2, 4, 6, 8]);
    expect(trainScalars.filter(([, tag]) => tag === 'epoch_loss')).toEqual([[0, 'epoch_loss', 1], [1, 'epoch_loss', 0.5], [2, 'epoch_loss', expect.closeTo(1 / 3, 6)]]);
    expect(trainScalars.filter(([, tag]) => tag === 'epoch_learning_rate').map(([, , v]) => v)).toEqual([expect.closeTo(0.01, 6), expect.closeTo(0.01, 6), expect.closeTo(0.01, 6)]);
    expect(trainScalars.some(([, tag]) => tag.startsWith('epoch_val'))).toBe(false);
    const histograms = train.flatMap((e) => (e.values ?? []).filter((v) => v.histo).map((v) => [e.step, v.tag, v.histo!.num] as const));
    expect(histograms).toEqual([[0, 'dense/kernel/histogram', 4], [0, 'dense/bias/histogram', 1], [2, 'dense/kernel/histogram', 4], [2, 'dense/bias/histogram', 1]]);

    const validation = scalars(readEvents(callback.validationEventFile!));
    expect(validation.filter(([, tag]) => tag === 'epoch_loss')).toEqual([[0, 'epoch_loss', 2], [1, 'epoch_loss', 1], [2, 'epoch_loss', expect.closeTo(2 / 3, 6)]]);
    expect(validation.map(([, tag]) => tag)).not.toContain('epoch_learning_rate');
    model.dispose();
  });

  it('names the option at fault', () => {
    expect(() => new TensorBoard({ updateFreq: 'sometimes' as 'epoch' })).toThrow(/updateFreq/);
    expect(() => new TensorBoard({ histogramFreq: -1 })).toThrow(/histogramFreq/);
    expect(() => new TensorBoard({ logDir: '' })).toThrow(/logDir/);
    expect(() => new TensorBoard({ logdir: 'x' } as never)).toThrow(/unknown option `logdir`/);
  });
});

it('finds the independent reader, unless outside CI', () => {
  if (process.env['CI']) expect(readerMissing).toBeUndefined();
  else if (readerMissing) console.warn(`TensorBoard reader tests skipped: ${readerMissing}`);
  expect(existsSync(READER)).toBe(true);
});
