import { describe, expect, it } from 'vitest';
import { TerminalHistory } from './terminal-history.js';
import { sparkline } from './sparkline.js';

function stream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, output: { isTTY, write: (t: string) => void chunks.push(t) } };
}

describe('sparkline', () => {
  it('scales values to eight bars, gaps for non-finite values', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([3, Number.NaN, 1])).toBe('█ ▁');
    expect(sparkline([2, 2])).toBe('▁▁');
  });
});

describe('TerminalHistory', () => {
  it('prints a line per metric with training and validation sparklines', () => {
    const { chunks, output } = stream(false);
    const view = new TerminalHistory({ output });
    view.setParams({ epochs: 3, steps: 1, batchSize: 1, samples: 1, verbose: 0, metrics: [] });
    view.onTrainBegin();
    view.onEpochEnd(0, { loss: 1, accuracy: 0.5, val_loss: 1.2 });
    view.onEpochEnd(1, { loss: 0.5, accuracy: 0.75, val_loss: 0.9 });
    expect(chunks[1]).toBe(['epoch 2/3', 'loss      █▁ 0.5000 │ val █▁ 0.9000', 'accuracy  ▁█ 0.7500', ''].join('\n'));
  });

  it('redraws in place on a terminal, keeping the last `width` epochs', () => {
    const { chunks, output } = stream(true);
    const view = new TerminalHistory({ output, width: 3 });
    for (const [i, loss] of [4, 3, 2, 1].entries()) view.onEpochEnd(i, { loss });
    expect(chunks[0]).toBe('\x1b[2Kepoch 1\n\x1b[2Kloss  ▁ 4.000\n');
    expect(chunks[3]).toBe('\x1b[2A\x1b[2Kepoch 4\n\x1b[2Kloss  █▅▁ 1.000\n');
  });

  it('checks its options', () => {
    expect(() => new TerminalHistory({ width: 0 })).toThrow(/`width`.*Received: width=0/);
    expect(() => new TerminalHistory({ colour: true } as never)).toThrow(/unknown option `colour`/);
  });
});
