import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { checkInteger, invalidArgument, LayerwiseError } from '@layerwise/core';
import { fileVersionEvent, summaryEvent, type SummaryValue } from './event-messages.js';
import { histogramOf } from './histogram.js';
import { checkPixelImage, encodePng, type PixelImage } from './png.js';
import { frameRecord } from './record.js';

type FileHandle = Awaited<ReturnType<typeof import('node:fs/promises').open>>;

let writersCreated = 0;

const wallTime = () => Date.now() / 1000;

/** An image given to {@link SummaryWriter.image}: 8-bit pixels, or a `[height, width, channels]` tensor. */
export type SummaryImage = PixelImage | Tensor;

/**
 * Writes TensorBoard event files in Node, as `tf.summary.create_file_writer` does: each writer owns
 * one `events.out.tfevents.*` file in its directory, and every call appends one record (a
 * length-prefixed, CRC-32C-checked `Event` protocol buffer) that TensorBoard reads while training
 * runs. Scalars, histograms and images (PNG) are supported.
 *
 * @example
 * ```ts
 * const writer = await SummaryWriter.create('logs/experiment-1');
 * await writer.scalar('loss', 0.25, 1);
 * await writer.histogram('dense/kernel', model.getLayer('dense').getWeights()[0]!, 1);
 * await writer.close();
 * // then: tensorboard --logdir logs
 * ```
 */
export class SummaryWriter {
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    /** The event file's path. */
    readonly path: string,
    private readonly file: FileHandle,
  ) {}

  /** Creates `logDir` (and its parents) and a new event file in it, starting with the file-version record. */
  static async create(logDir: string): Promise<SummaryWriter> {
    if (typeof logDir !== 'string' || logDir === '') {
      throw invalidArgument({ owner: 'SummaryWriter', argument: 'logDir', expected: 'a directory path', received: logDir });
    }
    const [fs, os, path] = await Promise.all([import('node:fs/promises'), import('node:os'), import('node:path')]);
    await fs.mkdir(logDir, { recursive: true });
    const name = `events.out.tfevents.${Math.floor(Date.now() / 1000)}.${os.hostname()}.${process.pid}.${writersCreated++}.v2`;
    const filePath = path.join(logDir, name);
    const file = await fs.open(filePath, 'wx');
    const writer = new SummaryWriter(filePath, file);
    await writer.append(fileVersionEvent(wallTime()));
    return writer;
  }

  /** Appends a scalar under `tag` at `step`. */
  async scalar(tag: string, value: number, step: number): Promise<void> {
    if (typeof value !== 'number') throw invalidArgument({ owner: 'SummaryWriter.scalar', argument: 'value', expected: 'a number', received: value });
    await this.write(step, [{ tag: checkTag(tag), scalar: value }]);
  }

  /** Appends a histogram of `values` (numbers or a tensor, read without disposing it) in `buckets` equal-width buckets. */
  async histogram(tag: string, values: ArrayLike<number> | Tensor, step: number, buckets = 30): Promise<void> {
    checkInteger('SummaryWriter.histogram', 'buckets', buckets);
    const data = values instanceof tf.Tensor ? await values.data() : values;
    await this.write(step, [{ tag: checkTag(tag), histogram: histogramOf(data as ArrayLike<number>, buckets) }]);
  }

  /**
   * Appends an image as a PNG: 8-bit pixels, or a `[height, width, channels]` tensor (1, 3 or 4
   * channels) of floats in `[0, 1]` or of int32 in `[0, 255]`; values outside are clipped.
   */
  async image(tag: string, image: SummaryImage, step: number): Promise<void> {
    const pixels = image instanceof tf.Tensor ? await tensorToPixels(image) : image;
    checkPixelImage('SummaryWriter.image', pixels);
    const png = await encodePng(pixels);
    await this.write(step, [{ tag: checkTag(tag), image: { width: pixels.width, height: pixels.height, channels: pixels.channels, png } }]);
  }

  /** Appends several values in one event at `step`. */
  async write(step: number, values: readonly SummaryValue[]): Promise<void> {
    checkInteger('SummaryWriter', 'step', step, 0);
    await this.append(summaryEvent(wallTime(), step, values));
  }

  /** Waits for pending writes and closes the file; later writes throw. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await this.file.close();
  }

  private append(event: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new LayerwiseError(`SummaryWriter: ${this.path} is closed`));
    const record = frameRecord(event);
    this.queue = this.queue.then(async () => {
      await this.file.write(record);
    });
    return this.queue;
  }
}

function checkTag(tag: unknown): string {
  if (typeof tag !== 'string' || tag === '') throw invalidArgument({ owner: 'SummaryWriter', argument: 'tag', expected: 'a non-empty string', received: tag });
  return tag;
}

async function tensorToPixels(image: Tensor): Promise<PixelImage> {
  const channels = image.shape[2];
  if (image.rank !== 3 || (channels !== 1 && channels !== 3 && channels !== 4)) {
    throw invalidArgument({ owner: 'SummaryWriter.image', argument: 'image', expected: 'a [height, width, 1 | 3 | 4] tensor', received: image.shape });
  }
  const scale = image.dtype === 'float32' ? 255 : 1;
  const values = await image.data();
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) data[i] = Math.max(0, Math.min(255, Math.round(Number(values[i]) * scale)));
  return { width: image.shape[1]!, height: image.shape[0]!, channels, data };
}
