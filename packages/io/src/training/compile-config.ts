import type { ConfigDict, ConfigValue, Loss } from '@layerwise/core';
import { describeValue, LayerwiseError } from '@layerwise/core';
import type { CompileOptions } from '@layerwise/layers';
import * as losses from '@layerwise/losses';
import { deserializeOptimizer } from '@layerwise/optimizers';
import type { AnyModel } from '../weights/weight-groups.js';

const isDict = (value: unknown): value is ConfigDict => typeof value === 'object' && value !== null && !Array.isArray(value);
const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A loss as a compile config holds it: its Keras name when it has default options, else `{ class_name, config }`. */
function serializeLoss(loss: Loss): ConfigValue {
  const withConfig = loss as Loss & { className?: string; getConfig?: () => ConfigDict };
  if (!withConfig.getConfig || !withConfig.className) return loss.name;
  let defaults: ConfigDict | undefined;
  try {
    defaults = (losses.getLoss(loss.name) as typeof withConfig).getConfig?.();
  } catch {
    defaults = undefined;
  }
  const config = withConfig.getConfig();
  return JSON.stringify(defaults) === JSON.stringify(config) ? loss.name : { class_name: withConfig.className, config };
}

/**
 * The model's compile settings in Keras 3's `compile_config` layout (`optimizer` as
 * `{ class_name, config }`, `loss` per output, `loss_weights`, `metrics` and `weighted_metrics` per
 * output by name), or
 * undefined when the model is not compiled.
 */
export function compileConfigOf(model: AnyModel): ConfigDict | undefined {
  if (model.optimizer === undefined) return undefined;
  const { optimizer, outputs } = model.compiled;
  const several = outputs.length > 1;
  const byOutput = <T extends ConfigValue>(f: (o: (typeof outputs)[number]) => T): ConfigValue => (several ? Object.fromEntries(outputs.map((o) => [o.name, f(o)])) : f(outputs[0]!));
  return {
    optimizer: { class_name: optimizer.className, config: optimizer.getConfig() },
    loss: byOutput((o) => serializeLoss(o.loss)),
    loss_weights: several ? Object.fromEntries(outputs.map((o) => [o.name, o.weight])) : null,
    metrics: several ? Object.fromEntries(outputs.map((o) => [o.name, o.metrics.map((m) => m.name)])) : outputs[0]!.metrics.map((m) => m.name),
    weighted_metrics: outputs.every((o) => o.weightedMetrics.length === 0)
      ? null
      : several
        ? Object.fromEntries(outputs.map((o) => [o.name, o.weightedMetrics.map((m) => m.name)]))
        : outputs[0]!.weightedMetrics.map((m) => m.name),
  };
}

function deserializeLoss(value: ConfigValue, source: string): Loss | string {
  if (typeof value === 'string') return value;
  if (isDict(value) && typeof value['class_name'] === 'string') {
    const type = (losses as unknown as Record<string, new (options: Record<string, unknown>) => Loss>)[value['class_name']];
    if (typeof type !== 'function') throw new LayerwiseError(`${source}: the compile config names an unknown loss class '${value['class_name']}'`);
    const options = Object.fromEntries(Object.entries((value['config'] ?? {}) as ConfigDict).filter(([k, v]) => k !== 'name' && v !== null).map(([k, v]) => [camel(k), v]));
    return new type(options);
  }
  throw new LayerwiseError(`${source}: cannot read the loss ${describeValue(value)} of the compile config`);
}

/** A saved metric as its name: tf.keras 2.4 writes `{ class_name: 'MeanMetricWrapper', config: { name, fn } }`. */
function metricNames(value: ConfigValue | undefined): ConfigValue | undefined {
  if (Array.isArray(value)) return value.map((v) => metricNames(v) ?? null);
  if (!isDict(value)) return value;
  if (typeof value['class_name'] === 'string') return String((value['config'] as ConfigDict | undefined)?.['name'] ?? value['class_name']);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, metricNames(v) ?? null]));
}

/** Keras 2 wrote `training_config` with `optimizer_config` and `lr`; Keras 3 `compile_config`. */
function optimizerOf(config: ConfigDict, source: string): { className: string; config: ConfigDict } {
  const value = config['optimizer'] ?? config['optimizer_config'];
  if (typeof value === 'string') return { className: value, config: {} };
  if (!isDict(value) || typeof value['class_name'] !== 'string') throw new LayerwiseError(`${source}: the compile config has no optimizer, received ${describeValue(value)}`);
  const optimizerConfig = { ...((value['config'] ?? {}) as ConfigDict) };
  if (optimizerConfig['lr'] !== undefined && optimizerConfig['learning_rate'] === undefined) optimizerConfig['learning_rate'] = optimizerConfig['lr'];
  // Keras 2 settings Keras 3 (and Layerwise) dropped: learning-rate decay 0 is the same as none.
  for (const key of ['lr', 'decay', 'is_legacy_optimizer', 'jit_compile', 'loss_scale_factor']) {
    if (key !== 'decay' || optimizerConfig[key] === 0) delete optimizerConfig[key];
  }
  return { className: value['class_name'], config: optimizerConfig };
}

/**
 * Compiles `model` as a saved compile config says (ours, Keras 3's `compile_config` or Keras 2's
 * `training_config`).
 */
export function compileFromConfig(model: AnyModel, config: ConfigDict, source: string): void {
  const loss = config['loss'];
  const lossOption = isDict(loss) && typeof loss['class_name'] !== 'string'
    ? Object.fromEntries(Object.entries(loss).map(([k, v]) => [k, deserializeLoss(v ?? null, source)]))
    : Array.isArray(loss) ? loss.map((v) => deserializeLoss(v, source)) : deserializeLoss(loss ?? null, source);
  const metrics = metricNames(config['metrics']);
  const weightedMetrics = metricNames(config['weighted_metrics']);
  const lossWeights = config['loss_weights'];
  model.compile({
    optimizer: deserializeOptimizer(optimizerOf(config, source)),
    loss: lossOption as CompileOptions['loss'],
    ...(Array.isArray(metrics) || isDict(metrics) ? { metrics: metrics as CompileOptions['metrics'] } : {}),
    ...(Array.isArray(weightedMetrics) || isDict(weightedMetrics) ? { weightedMetrics: weightedMetrics as CompileOptions['weightedMetrics'] } : {}),
    ...(Array.isArray(lossWeights) || isDict(lossWeights) ? { lossWeights: lossWeights as CompileOptions['lossWeights'] } : {}),
  });
}
