import type { Loss, Metric, Optimizer } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { getLoss } from '@layerwise/losses';
import { getMetric } from '@layerwise/metrics';
import { getOptimizer } from '@layerwise/optimizers';

/** Options of `model.compile`. */
export interface CompileOptions {
  /** An optimizer, or a Keras name: `'sgd'`, `'rmsprop'`, `'adam'`. */
  optimizer: Optimizer | string;
  /** A loss, or a Keras name: `'sparseCategoricalCrossentropy'`, `'categoricalCrossentropy'`, `'binaryCrossentropy'`, `'mse'`. */
  loss: Loss | string;
  /** Metrics, or Keras names: `'accuracy'` (`'acc'`) picks the accuracy that fits the loss. */
  metrics?: readonly (Metric | string)[];
}

/** What `compile` resolved, ready for the training loop. */
export interface CompiledModel {
  readonly optimizer: Optimizer;
  readonly loss: Loss;
  readonly metrics: readonly Metric[];
  /** Frees the optimizer's and metrics' state. */
  dispose(): void;
}

/** Resolves compile options (names or objects) into a {@link CompiledModel}. */
export function compileModel(modelName: string, options: CompileOptions): CompiledModel {
  if (options == null || options.optimizer == null || options.loss == null) {
    throw new LayerwiseError(`Model "${modelName}": compile needs { optimizer, loss }, received ${JSON.stringify(Object.keys(options ?? {}))}`);
  }
  const loss = getLoss(options.loss);
  const metrics = (options.metrics ?? []).map((m) => getMetric(m, { loss: loss.name }));
  const names = new Set<string>(['loss']);
  for (const m of metrics) {
    if (names.has(m.name)) throw new LayerwiseError(`Model "${modelName}": two metrics are named '${m.name}'`);
    names.add(m.name);
  }
  const optimizer = getOptimizer(options.optimizer);
  return {
    optimizer,
    loss,
    metrics,
    dispose() {
      for (const m of metrics) m.dispose();
      optimizer.dispose();
    },
  };
}
