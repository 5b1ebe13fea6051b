import { invalidArgument } from '@layerwise/core';

/**
 * When `fit` gives the event loop a turn (timers, I/O, a browser's rendering and input), as
 * tfjs-layers' `yieldEvery`: `'auto'` at most every 16 ms (about a frame), `'batch'` after every
 * batch, `'epoch'` after every epoch, `'never'`, or a number of milliseconds.
 */
export type YieldEvery = 'auto' | 'batch' | 'epoch' | 'never' | number;

const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Yields to the event loop on the schedule `every` sets; call `after('batch')` and `after('epoch')`. */
export function eventLoopYielder(owner: string, every: YieldEvery): { after(boundary: 'batch' | 'epoch'): Promise<void> } {
  let interval: number | undefined;
  if (every === 'auto') interval = 16;
  else if (typeof every === 'number') {
    if (!Number.isFinite(every) || every < 0) throw invalidArgument({ owner, argument: 'yieldEvery', expected: "'auto', 'batch', 'epoch', 'never' or milliseconds (>= 0)", received: every });
    interval = every;
  } else if (every !== 'batch' && every !== 'epoch' && every !== 'never') {
    throw invalidArgument({ owner, argument: 'yieldEvery', expected: "'auto', 'batch', 'epoch', 'never' or milliseconds (>= 0)", received: every });
  }
  let last = Date.now();
  return {
    async after(boundary) {
      const due = interval !== undefined ? Date.now() - last >= interval : every === boundary || (every === 'batch' && boundary === 'epoch');
      if (!due) return;
      await nextTurn();
      last = Date.now();
    },
  };
}
