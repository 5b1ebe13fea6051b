import type { Logs } from '@layerwise/core';
import { readScalar } from '@layerwise/core';
import type { Mean } from '@layerwise/metrics';
import type { LoggedValue } from './compile.js';

/** Reads the loss and every logged value (per-output losses, metrics) into plain numbers, optionally prefixed (`'val_'`). */
export async function readLogs(loss: Mean, logged: readonly LoggedValue[], prefix = ''): Promise<Logs> {
  const logs: Logs = { [`${prefix}loss`]: await readScalar(loss.result()) };
  for (const { name, tracker } of logged) logs[`${prefix}${name}`] = await readScalar(tracker.result());
  return logs;
}

/** Resets the loss tracker and every logged value before a new pass. */
export function resetTrackers(loss: Mean, logged: readonly LoggedValue[]): void {
  loss.reset();
  for (const { tracker } of logged) tracker.reset();
}
