import type { Logs } from '@layerwise/core';
import { readScalar } from '@layerwise/core';
import type { Mean } from '@layerwise/metrics';
import type { LoggedValue } from './compile.js';

/**
 * Reads the loss and every logged value (per-output losses, metrics) into plain numbers, optionally
 * prefixed (`'val_'`). A metric whose result is a vector (an F-score per class with `average:
 * 'none'`) becomes one entry per element, `<name>_0`, `<name>_1`..., so that every callback (History,
 * CSVLogger, EarlyStopping on one class) sees numbers.
 */
export async function readLogs(loss: Mean, logged: readonly LoggedValue[], prefix = ''): Promise<Logs> {
  const logs: Logs = { [`${prefix}loss`]: await readScalar(loss.result()) };
  for (const { name, tracker } of logged) {
    const result = tracker.result();
    if (result.size === 1) {
      logs[`${prefix}${name}`] = await readScalar(result);
      continue;
    }
    const values = await result.data();
    result.dispose();
    values.forEach((v, i) => (logs[`${prefix}${name}_${i}`] = Number(v)));
  }
  return logs;
}

/** Resets the loss tracker and every logged value before a new pass. */
export function resetTrackers(loss: Mean, logged: readonly LoggedValue[]): void {
  loss.reset();
  for (const { tracker } of logged) tracker.reset();
}
