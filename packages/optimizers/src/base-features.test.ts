import { beforeAll, describe, it } from 'vitest';
import type { ConfigDict } from '@layerwise/core';
import { useBackend } from '@layerwise/core';
import type { BaseOptimizer } from './base-optimizer.js';
import { deserializeOptimizer } from './registry.js';
import { CosineDecay } from './schedules/cosine-decay.js';
import { ExponentialDecay } from './schedules/exponential-decay.js';
import { PiecewiseConstantDecay } from './schedules/piecewise-constant-decay.js';
import { adagrad, adam, adamw, ftrl, lion, nadam, rmsprop, sgd } from './index.js';
import { runOptimizerTest } from './testing/conformance.js';

/** Optimizers with the base features on, alone and together; each goes through the conformance harness. */
const CASES: [string, () => BaseOptimizer, number | null][] = [
  ['SGD momentum + weight decay + clipnorm', () => sgd({ learningRate: 0.1, momentum: 0.9, weightDecay: 0.05, clipnorm: 1 }), null],
  ['Adam + EMA overwriting every 2 iterations', () => adam({ learningRate: 0.1, useEma: true, emaMomentum: 0.5, emaOverwriteFrequency: 2 }), null],
  ['RMSprop + gradient accumulation 2', () => rmsprop({ learningRate: 0.05, gradientAccumulationSteps: 2 }), 2],
  ['Nadam + accumulation 2 + EMA + global clipnorm', () => nadam({ learningRate: 0.1, gradientAccumulationSteps: 2, useEma: true, globalClipnorm: 1 }), 2],
  ['AdamW + ExponentialDecay schedule', () => adamw({ learningRate: new ExponentialDecay({ initialLearningRate: 0.2, decaySteps: 2, decayRate: 0.7 }) }), null],
  ['Ftrl + PiecewiseConstantDecay + accumulation 3', () => ftrl({ learningRate: new PiecewiseConstantDecay({ boundaries: [2], values: [0.5, 0.3] }), gradientAccumulationSteps: 3 }), 3],
  ['Lion + CosineDecay warmup + clipvalue + EMA', () => lion({ learningRate: new CosineDecay({ initialLearningRate: 0.01, decaySteps: 10, warmupTarget: 0.1, warmupSteps: 2 }), clipvalue: 0.5, useEma: true }), null],
  ['Adagrad + everything', () => adagrad({ learningRate: 0.5, weightDecay: 0.01, globalClipnorm: 2, useEma: true, emaOverwriteFrequency: 3, gradientAccumulationSteps: 2 }), 2],
];

describe('the base features through the conformance harness', () => {
  beforeAll(() => useBackend('cpu'));

  for (const [name, create, accumulation] of CASES) {
    it(name, () => {
      runOptimizerTest({
        create,
        fromConfig: (config: ConfigDict) => deserializeOptimizer({ className: create().className, config }),
        ...(accumulation ? { iterationsAfter: (calls: number) => Math.floor(calls / accumulation) } : {}),
      });
    });
  }
});
