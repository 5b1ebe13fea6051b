import { checkBoolean, type BatchSource, type BatchTensors, type Logs } from '@layerwise/core';
import { toBatchStream, type ModelBatch, type DataSource } from './data.js';
import { splitArgs } from './fit-args.js';
import { limitSteps } from './steps.js';
import { runTestPass } from './test-loop.js';
import type { StepModel } from './train-step.js';

/** Options of `model.evaluate`. */
export interface EvaluateOptions {
  /** Samples per batch when x and y are tensors. Default 32. */
  batchSize?: number;
  /** Check every batch for NaN or infinite values, with an error naming the batch and the tensor. Default false. */
  checkInputs?: boolean;
  /**
   * Evaluate on the first `steps` batches only (Keras' `steps`). Default: every batch of one pass;
   * required for a dataset that repeats forever.
   */
  steps?: number;
}

/** The loop behind `model.evaluate`: loss and metrics over all the data, by name. */
export async function evaluateModel<O extends EvaluateOptions>(
  model: StepModel,
  xOrData: BatchTensors | DataSource,
  yOrOptions: BatchTensors | O | undefined,
  maybeOptions: O | undefined,
): Promise<Logs> {
  const owner = `Model "${model.name}": evaluate`;
  const { x, y, options } = splitArgs<EvaluateOptions>(owner, xOrData, yOrOptions, maybeOptions);
  const check = checkBoolean(owner, 'checkInputs', options.checkInputs ?? false);
  const stream = limitSteps(owner, toBatchStream(x, y, { batchSize: options.batchSize ?? 32, shuffle: false, owner }), options.steps);
  return runTestPass(model, stream, '', check ? owner : undefined);
}
