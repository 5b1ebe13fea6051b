import type { Tensor } from '@tensorflow/tfjs-core';
import type { Loss, Metric, Optimizer } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { Mean } from '@layerwise/metrics';
import { getOptimizer } from '@layerwise/optimizers';
import { resolveOutputs } from './compile-outputs.js';

/** A loss object, or a Keras name (`'mse'`, `'sparseCategoricalCrossentropy'`). */
export type LossIdentifier = Loss | string;
/** A metric object, or a Keras name (`'accuracy'`). */
export type MetricIdentifier = Metric | string;

/** Options of `model.compile`. */
export interface CompileOptions {
  /** An optimizer, or a Keras name: `'sgd'`, `'rmsprop'`, `'adam'`. */
  optimizer: Optimizer | string;
  /**
   * A loss, or a Keras name: `'sparseCategoricalCrossentropy'`, `'categoricalCrossentropy'`,
   * `'binaryCrossentropy'`, `'mse'`. For several outputs: one loss for all, a list in output order,
   * or a record by output name (`{ label: 'sparseCategoricalCrossentropy', score: 'mse' }`).
   */
  loss: LossIdentifier | readonly LossIdentifier[] | Readonly<Record<string, LossIdentifier>>;
  /**
   * For several outputs, the weight of each output's loss in the total (a list in output order or a
   * record by output name; default 1 each): the training loss is `sum_i weight_i * loss_i`.
   */
  lossWeights?: readonly number[] | Readonly<Record<string, number>>;
  /**
   * Metrics, or Keras names: `'accuracy'` (`'acc'`) picks the accuracy that fits the loss. For
   * several outputs: a flat list applies to every output; a list of lists (in output order) or a
   * record by output name gives each output its own. Logged as `<output>_<metric>` then.
   */
  metrics?:
    | readonly MetricIdentifier[]
    | readonly (readonly MetricIdentifier[])[]
    | Readonly<Record<string, MetricIdentifier | readonly MetricIdentifier[]>>;
  /**
   * Metrics computed with the sample weights (`sampleWeight`, `classWeight`), in the same forms as
   * `metrics`, as Keras' `weighted_metrics`; `metrics` themselves ignore sample weights. A weighted
   * metric whose name an unweighted one of the same output already has is logged as `weighted_<name>`.
   */
  weightedMetrics?: CompileOptions['metrics'];
  /**
   * Check that the active backend has every forward and gradient kernel the model needs (one
   * training pass traced on tfjs-backend-cpu), with one error listing the missing ones: here when the
   * model's input shapes are known, else at the first batch of `fit` (whose own `checkKernels`
   * option can skip it). Default true.
   */
  checkKernels?: boolean;
}

/** What compile resolved for one output. */
export interface CompiledOutput {
  /** The output's name (`model.outputNames`), or `'output'` for a model with one unnamed output. */
  readonly name: string;
  readonly loss: Loss;
  /** The output's weight in the total loss. */
  readonly weight: number;
  readonly metrics: readonly Metric[];
  /** Metrics updated with the sample weights (Keras' `weighted_metrics`). */
  readonly weightedMetrics: readonly Metric[];
  /** The running mean of this output's loss, logged as `<name>_loss`: models with several outputs only. */
  readonly lossTracker: Mean | undefined;
}

/** A value the logs show besides `loss`, under its log name. */
export interface LoggedValue {
  readonly name: string;
  readonly tracker: { result(): Tensor; reset(): void };
}

/** What `compile` resolved, ready for the training loop. */
export interface CompiledModel {
  readonly optimizer: Optimizer;
  /** The loss of the first (for most models, the only) output. */
  readonly loss: Loss;
  /** Every output's metrics. */
  readonly metrics: readonly Metric[];
  /** Per output, in the model's output order: loss, weight, metrics. */
  readonly outputs: readonly CompiledOutput[];
  /**
   * What the logs show after `loss`, in order: each output's loss and then the metrics, named
   * `<output>_loss`, `<output>_<metric>` for several outputs and `<metric>` for one.
   */
  readonly logged: readonly LoggedValue[];
  /** Frees the optimizer's, metrics' and trackers' state. */
  dispose(): void;
}

/** Resolves compile options (names or objects) into a {@link CompiledModel} for outputs named `outputNames`. */
export function compileModel(modelName: string, outputNames: readonly string[], options: CompileOptions): CompiledModel {
  const owner = `Model "${modelName}": compile`;
  if (options == null || options.optimizer == null || options.loss == null) {
    throw new LayerwiseError(`Model "${modelName}": compile needs { optimizer, loss }, received ${JSON.stringify(Object.keys(options ?? {}))}`);
  }
  const resolved = resolveOutputs(owner, outputNames, options);
  const several = resolved.length > 1;
  const outputs: CompiledOutput[] = resolved.map((o) => ({ ...o, lossTracker: several ? new Mean({ name: `${o.name}_loss` }) : undefined }));
  const logged: LoggedValue[] = [
    ...outputs.flatMap((o) => (o.lossTracker ? [{ name: o.lossTracker.name, tracker: o.lossTracker }] : [])),
    ...outputs.flatMap((o) => [
      ...o.metrics.map((m) => ({ name: several ? `${o.name}_${m.name}` : m.name, tracker: m })),
      ...o.weightedMetrics.map((m) => {
        const name = o.metrics.some((u) => u.name === m.name) ? `weighted_${m.name}` : m.name;
        return { name: several ? `${o.name}_${name}` : name, tracker: m };
      }),
    ]),
  ];
  const names = new Set<string>(['loss']);
  for (const { name } of logged) {
    if (names.has(name)) {
      outputs.forEach((o) => o.lossTracker?.dispose());
      throw new LayerwiseError(several ? `${owner}: two logged values are named '${name}'` : `Model "${modelName}": two metrics are named '${name}'`);
    }
    names.add(name);
  }
  const optimizer = getOptimizer(options.optimizer);
  const metrics = outputs.flatMap((o) => [...o.metrics, ...o.weightedMetrics]);
  return {
    optimizer,
    loss: outputs[0]!.loss,
    metrics,
    outputs,
    logged,
    dispose() {
      for (const m of metrics) m.dispose();
      for (const o of outputs) o.lossTracker?.dispose();
      optimizer.dispose();
    },
  };
}
