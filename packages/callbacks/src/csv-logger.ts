import { invalidArgument, type Logs } from '@layerwise/core';
import { Callback } from './callback.js';

/** Options of {@link CSVLogger}. */
export interface CSVLoggerOptions {
  /** Column separator. Default `','`. */
  separator?: string;
  /** Append to an existing file (no second header) instead of overwriting it. Default false. */
  append?: boolean;
}

const quote = (value: string, separator: string) =>
  value.includes(separator) || value.includes('"') || value.includes('\n') ? `"${value.replaceAll('"', '""')}"` : value;

/**
 * Writes one CSV row per epoch (`epoch` then the logs, columns sorted by name as Keras does) to a
 * file in Node; the file is flushed after every epoch, so it is readable while training runs.
 *
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 10, callbacks: [new CSVLogger('training.csv')] });
 * ```
 */
export class CSVLogger extends Callback {
  private keys: string[] | undefined;
  private readonly separator: string;
  private readonly append: boolean;
  private appendHeader = true;

  constructor(
    readonly filename: string,
    options: CSVLoggerOptions = {},
  ) {
    super();
    if (typeof filename !== 'string' || filename === '') {
      throw invalidArgument({ owner: 'CSVLogger', argument: 'filename', expected: 'a file path', received: filename });
    }
    this.separator = options.separator ?? ',';
    this.append = options.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    const fs = await import('node:fs/promises');
    this.keys = undefined;
    if (this.append) {
      const existing = await fs.readFile(this.filename, 'utf8').catch(() => '');
      this.appendHeader = existing.length === 0;
    } else {
      await fs.writeFile(this.filename, '');
      this.appendHeader = true;
    }
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const fs = await import('node:fs/promises');
    this.keys ??= Object.keys(logs).sort();
    const lines: string[] = [];
    if (this.appendHeader) {
      lines.push(['epoch', ...this.keys].map((k) => quote(k, this.separator)).join(this.separator));
      this.appendHeader = false;
    }
    const row = [String(epoch), ...this.keys.map((k) => (k in logs ? String(logs[k]) : 'NA'))];
    lines.push(row.join(this.separator));
    await fs.appendFile(this.filename, `${lines.join('\n')}\n`);
  }
}
