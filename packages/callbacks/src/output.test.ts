import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLineStream, defaultOutputStream } from './output.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('defaultOutputStream', () => {
  it('is process.stdout where it exists', () => {
    expect(defaultOutputStream()).toBe(process.stdout);
  });

  it('falls back to console.log, line by line, where there is no process (browsers)', () => {
    vi.stubGlobal('process', undefined);
    const stream = defaultOutputStream();
    vi.unstubAllGlobals();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(stream.isTTY).toBe(false);
    stream.write('Epoch 1/2\n');
    stream.write('3/3 [====');
    expect(log.mock.calls).toEqual([['Epoch 1/2']]);
    stream.write('] - 1s\nEpoch 2/2\n');
    expect(log.mock.calls).toEqual([['Epoch 1/2'], ['3/3 [====] - 1s'], ['Epoch 2/2']]);
  });
});

describe('consoleLineStream', () => {
  it('keeps text after the last newline until the line is complete', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const stream = consoleLineStream();
    stream.write('a');
    stream.write('b\n\nc');
    expect(log.mock.calls).toEqual([['ab'], ['']]);
  });
});
