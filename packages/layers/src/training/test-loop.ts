import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError, type Logs } from '@layerwise/core';
import { disposeBatch, type BatchStream } from './data.js';
import { Mean } from '@layerwise/metrics';
import { readLogs, resetTrackers } from './logs.js';
import { testStep, type StepModel } from './train-step.js';
import { checkBatchFinite } from './check-inputs.js';

/**
 * One pass of `testStep` over a stream: the mean loss and the metrics over all its batches,
 * prefixed as asked (`'val_'` during fit). Each batch's tensors are disposed after its step. With
 * `checkInputsAs` (the owner named in errors), every batch is checked for NaN and infinite values.
 */
export async function runTestPass(model: StepModel, stream: BatchStream, prefix = '', checkInputsAs?: string): Promise<Logs> {
  const tracker = new Mean({ name: 'loss' });
  resetTrackers(tracker, model.compiled.logged);
  try {
    let batches = 0;
    for await (const batch of stream.pass()) {
      batches++;
      try {
        if (checkInputsAs) await checkBatchFinite(checkInputsAs, batch, `${prefix ? 'validation' : 'evaluation'} batch ${batches}`);
        const { loss, size } = testStep(model, batch);
        tf.tidy(() => tracker.update(loss, tf.scalar(size)));
        loss.dispose();
      } finally {
        disposeBatch(batch);
      }
    }
    if (batches === 0) throw new LayerwiseError(`Model "${model.name}": the evaluation data yielded no batches`);
    return await readLogs(tracker, model.compiled.logged, prefix);
  } finally {
    tracker.dispose();
  }
}
