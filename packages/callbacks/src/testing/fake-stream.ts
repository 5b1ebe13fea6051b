import type { OutputStream } from '../output.js';

/** An output stream that keeps what is written, for progress-bar tests. */
export class FakeStream implements OutputStream {
  readonly chunks: string[] = [];

  constructor(readonly isTTY: boolean) {}

  write(text: string): void {
    this.chunks.push(text);
  }

  /** Everything written so far. */
  get text(): string {
    return this.chunks.join('');
  }
}
