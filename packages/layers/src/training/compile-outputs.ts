import type { Loss, Metric } from '@layerwise/core';
import { checkNumber, describeValue, LayerwiseError } from '@layerwise/core';
import { getLoss } from '@layerwise/losses';
import type { CompileOptions, LossIdentifier, MetricIdentifier } from './compile.js';
import { resolveMetric } from './compile-metric.js';

/** One output's loss, loss weight and metrics, resolved. */
export interface ResolvedOutput {
  readonly name: string;
  readonly loss: Loss;
  readonly weight: number;
  readonly metrics: Metric[];
  readonly weightedMetrics: Metric[];
}

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** A loss object (with `call`) rather than a record of losses by output name. */
const isLossObject = (value: unknown): boolean => typeof value === 'object' && value !== null && typeof (value as Loss).call === 'function';

function checkKeys(owner: string, argument: string, record: Readonly<Record<string, unknown>>, names: readonly string[]): void {
  for (const key of Object.keys(record)) {
    if (!names.includes(key)) {
      throw new LayerwiseError(`${owner}: \`${argument}\` names output "${key}", which the model does not have; its outputs are ${names.join(', ')}`);
    }
  }
}

function losses(owner: string, names: readonly string[], loss: CompileOptions['loss']): LossIdentifier[] {
  if (typeof loss === 'string' || isLossObject(loss)) return names.map(() => loss as LossIdentifier);
  if (Array.isArray(loss)) {
    if (loss.length !== names.length) {
      throw new LayerwiseError(`${owner}: \`loss\` lists ${loss.length} losses for ${names.length} output(s) (${names.join(', ')})`);
    }
    return [...(loss as LossIdentifier[])];
  }
  if (isRecord(loss)) {
    checkKeys(owner, 'loss', loss, names);
    return names.map((name) => {
      const given = loss[name];
      if (given === undefined) throw new LayerwiseError(`${owner}: \`loss\` has no entry for output "${name}"; give one per output (${names.join(', ')})`);
      return given as LossIdentifier;
    });
  }
  throw new LayerwiseError(`${owner}: \`loss\` must be a loss, a list or a record by output name. Received: loss=${describeValue(loss)}`);
}

function weights(owner: string, names: readonly string[], given: CompileOptions['lossWeights']): number[] {
  if (given === undefined) return names.map(() => 1);
  let list: unknown[];
  if (Array.isArray(given)) {
    if (given.length !== names.length) {
      throw new LayerwiseError(`${owner}: \`lossWeights\` lists ${given.length} weights for ${names.length} output(s) (${names.join(', ')})`);
    }
    list = [...given];
  } else if (isRecord(given)) {
    checkKeys(owner, 'lossWeights', given, names);
    list = names.map((name) => given[name] ?? 1);
  } else {
    throw new LayerwiseError(`${owner}: \`lossWeights\` must be a list or a record by output name. Received: lossWeights=${describeValue(given)}`);
  }
  return list.map((w, i) => checkNumber(owner, `lossWeights[${JSON.stringify(names[i])}]`, w));
}

function metricLists(owner: string, names: readonly string[], metrics: CompileOptions['metrics'], argument = 'metrics'): MetricIdentifier[][] {
  if (metrics === undefined) return names.map(() => []);
  const asList = (value: unknown): MetricIdentifier[] => (Array.isArray(value) ? [...value] : [value as MetricIdentifier]);
  if (Array.isArray(metrics)) {
    const nested = metrics.filter((m) => Array.isArray(m)).length;
    if (metrics.length > 0 && nested === metrics.length) {
      if (metrics.length !== names.length) {
        throw new LayerwiseError(`${owner}: \`${argument}\` lists ${metrics.length} lists for ${names.length} output(s) (${names.join(', ')})`);
      }
      return metrics.map(asList);
    }
    if (nested > 0) throw new LayerwiseError(`${owner}: \`${argument}\` mixes metrics and lists of metrics; give a flat list (every output) or one list per output`);
    const shared = metrics as MetricIdentifier[];
    if (names.length > 1 && shared.some((m) => typeof m !== 'string')) {
      throw new LayerwiseError(`${owner}: a metric object keeps one output's state; for several outputs give metrics by name, or per output (a list of lists or a record)`);
    }
    return names.map(() => [...shared]);
  }
  if (isRecord(metrics)) {
    checkKeys(owner, argument, metrics, names);
    return names.map((name) => (metrics[name] === undefined ? [] : asList(metrics[name])));
  }
  throw new LayerwiseError(`${owner}: \`${argument}\` must be a list or a record by output name. Received: ${argument}=${describeValue(metrics)}`);
}

/**
 * Resolves compile's loss, loss weights and metrics for each output, in the model's output order.
 * `outputNames` empty stands for one unnamed output (`'output'`).
 */
export function resolveOutputs(owner: string, outputNames: readonly string[], options: CompileOptions): ResolvedOutput[] {
  const names = outputNames.length > 0 ? outputNames : ['output'];
  const lossIds = losses(owner, names, options.loss);
  const lossWeights = weights(owner, names, options.lossWeights);
  const metricIds = metricLists(owner, names, options.metrics);
  const weightedIds = metricLists(owner, names, options.weightedMetrics, 'weightedMetrics');
  return names.map((name, i) => {
    const loss = getLoss(lossIds[i]!);
    const resolve = (ids: MetricIdentifier[]) => ids.map((m) => resolveMetric(owner, m, loss));
    return { name, loss, weight: lossWeights[i]!, metrics: resolve(metricIds[i]!), weightedMetrics: resolve(weightedIds[i]!) };
  });
}
