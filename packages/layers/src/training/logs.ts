import type { Logs, Metric } from '@layerwise/core';
import { readScalar } from '@layerwise/core';
import type { Mean } from '@layerwise/metrics';

/** Reads the loss and every metric into plain numbers, optionally prefixed (`'val_'`). */
export async function readLogs(loss: Mean, metrics: readonly Metric[], prefix = ''): Promise<Logs> {
  const logs: Logs = { [`${prefix}loss`]: await readScalar(loss.result()) };
  for (const metric of metrics) logs[`${prefix}${metric.name}`] = await readScalar(metric.result());
  return logs;
}

/** Resets the loss tracker and every metric before a new pass. */
export function resetTrackers(loss: Mean, metrics: readonly Metric[]): void {
  loss.reset();
  for (const metric of metrics) metric.reset();
}
