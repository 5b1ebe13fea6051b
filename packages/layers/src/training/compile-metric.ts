import type { Loss, Metric } from '@layerwise/core';
import { LayerwiseError } from '@layerwise/core';
import { getLoss, knownLossNames } from '@layerwise/losses';
import { getMetric, knownMetricNames, MeanMetricWrapper } from '@layerwise/metrics';
import type { MetricIdentifier } from './compile.js';

/** The names that stand for "the cross-entropy that fits the loss", as `'accuracy'` does for accuracies (Keras 3). */
export const CROSSENTROPY_NAMES: readonly string[] = ['crossentropy', 'ce'];

/** Keras' choice for `'crossentropy'`: the cross-entropy of the compiled loss' kind. */
function crossentropyFor(lossName: string): string {
  const kind = lossName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (kind.startsWith('sparse_categorical')) return 'sparse_categorical_crossentropy';
  if (kind.startsWith('binary')) return 'binary_crossentropy';
  return 'categorical_crossentropy';
}

/** A loss' per-sample values as a running-mean metric named `name` (Keras' `MeanMetricWrapper` around a loss function). */
function lossMetric(name: string, loss: Loss): Metric {
  return new MeanMetricWrapper((yTrue, yPred) => loss.call(yTrue, yPred), { name });
}

/**
 * Resolves one compiled metric as Keras' `compile` does: a metric object, or a metric name
 * (`'accuracy'`/`'acc'` by the loss; see `getMetric`); `'crossentropy'`/`'ce'` give the
 * cross-entropy that fits the loss; and any loss name (`'kld'`, `'binary_crossentropy'`, `'hinge'`)
 * gives the running mean of that loss. Each is logged under the name given.
 */
export function resolveMetric(owner: string, identifier: MetricIdentifier, loss: Loss): Metric {
  if (typeof identifier === 'string' && !knownMetricNames.includes(identifier)) {
    if (CROSSENTROPY_NAMES.includes(identifier)) return lossMetric(identifier, getLoss(crossentropyFor(loss.name)));
    if (knownLossNames.includes(identifier)) return lossMetric(identifier, getLoss(identifier));
  }
  try {
    return getMetric(identifier, { loss: loss.name });
  } catch (error) {
    if (!(error instanceof LayerwiseError) || typeof identifier !== 'string') throw error;
    throw new LayerwiseError(`${owner}: ${error.message} Loss names work as metrics too (their running mean): ${[...CROSSENTROPY_NAMES, ...knownLossNames].join(', ')}.`);
  }
}
