import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BatchSource, BatchTensors, Callback, CallbackModel, Logs } from '@layerwise/core';
import { activeBackend, checkBoolean, checkInteger, checkNumber, LayerwiseError } from '@layerwise/core';
import { checkBatchFinite } from './check-inputs.js';
import { checkKernels } from './check-kernels.js';
import { eventLoopYielder, type YieldEvery } from './yielder.js';
import { checkStepsGiven, firstSteps, stepsPerEpochStream } from './steps.js';
import { CallbackList, type History } from '@layerwise/callbacks';
import { toBatchStream, type BatchStream, disposeBatch, type ModelBatch, type DataSource } from './data.js';
import { splitArgs } from './fit-args.js';
import { Mean } from '@layerwise/metrics';
import { readLogs, resetTrackers } from './logs.js';
import { runTestPass } from './test-loop.js';
import { applyClassWeight, classWeightTable, type ClassWeight } from './class-weight.js';
import { isTensorStructure, mapTensors, tensorsOf } from './structure.js';
import type { StepModel, StepResult } from './train-step.js';

// Who owns which fit option: batching, shuffling and the validation split belong to the data
// normalisation (data.ts); the epoch and batch loop, stopping and logs to this file; the step
// itself to train-step.ts; History and the progress bar to @layerwise/callbacks' CallbackList.

/** Options of `model.fit`. */
export interface FitOptions {
  /** Passes over the data. Default 1. */
  epochs?: number;
  /** The epoch to start counting from (to resume a run). Default 0. */
  initialEpoch?: number;
  /** Samples per batch when x and y are tensors. Default 32. */
  batchSize?: number;
  /** Reshuffle tensor data at every epoch. Default true. */
  shuffle?: boolean;
  /** Seeds the shuffling. */
  seed?: number;
  /** Fraction of the tensor data, taken from the end before shuffling, held out for validation. */
  validationSplit?: number;
  /**
   * Data evaluated at the end of every epoch: `[x, y]` tensors (or lists or records of them), `[x, y,
   * sampleWeight]`, or a source of batches.
   */
  validationData?: readonly [BatchTensors, BatchTensors] | readonly [BatchTensors, BatchTensors, Tensor] | DataSource;
  /** Callbacks; History and (with verbose) the progress bar are added by fit itself. */
  callbacks?: readonly Callback[];
  /** 0 silent, 1 progress bar, 2 one line per epoch. Default 1. */
  verbose?: 0 | 1 | 2;
  /** One weight per sample of tensor `x` (shape `[n]`); the loss is the weighted mean (of every output's loss). */
  sampleWeight?: Tensor;
  /** Weights per class index (`{ 0: 1, 1: 5 }`), multiplied into the sample weights (single-output models). */
  classWeight?: ClassWeight;
  /** Validate every N epochs, or at the listed (1-based) epochs. Default 1. */
  validationFreq?: number | readonly number[];
  /** Batch size of the validation pass when the validation data are tensors. Default `batchSize`. */
  validationBatchSize?: number;
  /**
   * Check every batch (training and validation) for NaN or infinite values and stop with an error
   * naming the batch and the tensor. Costs a device read per batch. Default false.
   */
  checkInputs?: boolean;
  /**
   * Before the first step, check that the active backend has every forward and gradient kernel the
   * model needs (traced on tfjs-backend-cpu), with one error listing the missing ones. Default true.
   */
  checkKernels?: boolean;
  /**
   * Batches per epoch, as Keras' `steps_per_epoch`: each epoch takes this many batches, continuing
   * through the data where the previous epoch stopped (starting over when it ends). When the data run
   * out (a generator with no more batches), training stops with a warning. Default: one pass per epoch.
   * Required when the data are a generator object (a one-shot iterator, which may never end) or a
   * dataset that repeats forever.
   */
  stepsPerEpoch?: number;
  /**
   * Validation batches per validation pass (from the start of the validation data each time).
   * Default all; required when validationData is a generator object or repeats forever.
   */
  validationSteps?: number;
  /** When to give the event loop a turn between batches (see {@link YieldEvery}). Default `'auto'` (at most every 16 ms). */
  yieldEvery?: YieldEvery;
}

/** What fit returns: the History callback (`history.history.loss`, ...). */
export type FitResult = History;

/** What fit needs of a model: the step (overridable, as Keras' `train_step`) and the callback view. */
export interface FitModel extends StepModel, CallbackModel {
  trainStep(batch: ModelBatch): StepResult;
  /** Weights training does not update (restored after the kernel check's trace). */
  readonly nonTrainableWeights: readonly { variable: tf.Variable }[];
}

/** Which 1-based epochs validate, from `validationFreq`. */
function validationSchedule(owner: string, freq: number | readonly number[] | undefined): (epoch: number) => boolean {
  if (freq === undefined) return () => true;
  if (typeof freq === 'number') {
    checkInteger(owner, 'validationFreq', freq);
    return (epoch) => epoch % freq === 0;
  }
  if (!Array.isArray(freq)) {
    throw new LayerwiseError(`${owner}: received an invalid value for \`validationFreq\`, expected a positive integer or a list of epochs. Received: validationFreq=${JSON.stringify(freq)}`);
  }
  freq.forEach((e, i) => checkInteger(owner, `validationFreq[${i}]`, e));
  const epochs = new Set(freq);
  return (epoch) => epochs.has(epoch);
}

interface Prepared {
  train: BatchStream;
  validation: BatchStream | undefined;
  /** Tensors fit made (the validation split) and must dispose. */
  owned: Tensor[];
}

function prepareData(owner: string, x: BatchTensors | DataSource, y: BatchTensors | undefined, options: FitOptions): Prepared {
  const batchSize = options.batchSize ?? 32;
  const validationBatchSize = options.validationBatchSize ?? batchSize;
  const stream = (xs: BatchTensors | DataSource, ys: BatchTensors | undefined, training: boolean, sampleWeight?: Tensor) =>
    toBatchStream(xs, ys, {
      batchSize: training ? batchSize : validationBatchSize,
      shuffle: training && (options.shuffle ?? true),
      owner,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(sampleWeight ? { sampleWeight } : {}),
    });
  const validation = options.validationData;
  if (options.validationSplit !== undefined && options.validationSplit !== 0) {
    const split = checkNumber(owner, 'validationSplit', options.validationSplit, { min: 0, max: 1, minExclusive: true, maxExclusive: true });
    if (!isTensorStructure(x) || !y) {
      throw new LayerwiseError(`${owner}: validationSplit needs x and y as tensors; for a dataset, pass validationData`);
    }
    const n = tensorsOf(x)[0]!.shape[0]!;
    const nVal = Math.floor(n * split);
    if (nVal === 0 || nVal === n) {
      throw new LayerwiseError(`${owner}: validationSplit=${split} of ${n} samples leaves an empty training or validation set`);
    }
    const owned: Tensor[] = [];
    const part = (s: BatchTensors, begin: number, size: number) =>
      mapTensors(s, (t) => {
        const sliced = tf.slice(t, begin, size);
        owned.push(sliced);
        return sliced;
      });
    // The sample weights are split with the samples, as Keras does.
    const weights = options.sampleWeight ? tf.slice(options.sampleWeight, 0, n - nVal) : undefined;
    const validationWeights = options.sampleWeight ? tf.slice(options.sampleWeight, n - nVal, nVal) : undefined;
    if (weights) owned.push(weights, validationWeights!);
    return {
      train: stream(part(x, 0, n - nVal), part(y, 0, n - nVal), true, weights),
      validation: stream(part(x, n - nVal, nVal), part(y, n - nVal, nVal), false, validationWeights),
      owned,
    };
  }
  let validationStream: BatchStream | undefined;
  if (validation !== undefined) {
    const tuple = Array.isArray(validation) && (validation.length === 2 || validation.length === 3) && isTensorStructure(validation[0]) && isTensorStructure(validation[1]);
    if (tuple && validation.length === 3 && !(validation[2] instanceof tf.Tensor)) {
      throw new LayerwiseError(`${owner}: validationData's third entry must be the sample weights (a tensor of shape [n]), received ${Object.prototype.toString.call(validation[2])}`);
    }
    validationStream = tuple
      ? stream(validation[0] as BatchTensors, validation[1] as BatchTensors, false, validation[2] as Tensor | undefined)
      : stream(validation as DataSource, undefined, false);
  }
  return { train: stream(x, y, true, options.sampleWeight), validation: validationStream, owned: [] };
}

/** The training loop behind `model.fit`. */
export async function fitModel<O extends FitOptions>(
  model: FitModel,
  xOrData: BatchTensors | DataSource,
  yOrOptions: BatchTensors | O | undefined,
  maybeOptions: O | undefined,
): Promise<FitResult> {
  const owner = `Model "${model.name}": fit`;
  const { x, y, options } = splitArgs<FitOptions>(owner, xOrData, yOrOptions, maybeOptions);
  const compiled = model.compiled;
  const epochs = checkInteger(owner, 'epochs', options.epochs ?? 1);
  const initialEpoch = checkInteger(owner, 'initialEpoch', options.initialEpoch ?? 0, 0);
  const verbose = options.verbose ?? 1;
  const checkInputs = checkBoolean(owner, 'checkInputs', options.checkInputs ?? false);
  let kernelsToCheck = checkBoolean(owner, 'checkKernels', options.checkKernels ?? true);
  const yielder = eventLoopYielder(owner, options.yieldEvery ?? 'auto');
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) {
    throw new LayerwiseError(`${owner}: received an invalid value for \`verbose\`, expected 0, 1 or 2. Received: verbose=${String(verbose)}`);
  }
  const validateAt = validationSchedule(owner, options.validationFreq);
  const stepsPerEpoch = options.stepsPerEpoch === undefined ? undefined : checkInteger(owner, 'stepsPerEpoch', options.stepsPerEpoch);
  const validationSteps = options.validationSteps === undefined ? undefined : checkInteger(owner, 'validationSteps', options.validationSteps);
  const classWeights = options.classWeight ? classWeightTable(owner, options.classWeight) : undefined;
  let prepared: Prepared | undefined;
  try {
    prepared = prepareData(owner, x, y, options);
    checkStepsGiven(owner, 'the training data', prepared.train, 'stepsPerEpoch', stepsPerEpoch, 'every pass');
    if (prepared.validation) checkStepsGiven(owner, 'validationData', prepared.validation, 'validationSteps', validationSteps, 'every pass');
  } catch (error) {
    tf.dispose([...(prepared?.owned ?? []), ...(classWeights ? [classWeights] : [])]);
    throw error;
  }
  const { owned } = prepared;
  if (classWeights) owned.push(classWeights);
  const stepped = stepsPerEpoch === undefined ? undefined : stepsPerEpochStream(prepared.train, stepsPerEpoch);
  const train = stepped ?? prepared.train;
  const validation: (BatchStream & { close?(): Promise<void> }) | undefined =
    validationSteps === undefined || !prepared.validation ? prepared.validation : firstSteps(prepared.validation, validationSteps);
  const tracker = new Mean({ name: 'loss' });
  const metricNames = ['loss', ...compiled.logged.map((l) => l.name)];
  const callbacks = new CallbackList({
    callbacks: options.callbacks ?? [],
    addHistory: true,
    addProgressBar: verbose > 0,
    verbose,
    model,
    params: {
      epochs,
      steps: train.steps,
      batchSize: train.batchSize,
      samples: train.samples,
      verbose,
      metrics: validation ? [...metricNames, ...metricNames.map((n) => `val_${n}`)] : metricNames,
      backend: activeBackend(),
    },
  });
  try {
    model.stopTraining = false;
    await callbacks.onTrainBegin({});
    // A callback (BackupAndRestore) may have restored an interrupted run and asked to resume.
    const startEpoch = model.resumeEpoch ?? initialEpoch;
    model.resumeEpoch = undefined;
    let epochLogs: Logs = {};
    for (let epoch = startEpoch; epoch < epochs && !model.stopTraining; epoch++) {
      resetTrackers(tracker, compiled.logged);
      await callbacks.onEpochBegin(epoch, {});
      let step = 0;
      for await (const batch of train.pass(epoch)) {
        if (checkInputs) {
          try {
            await checkBatchFinite(owner, batch, `training batch ${step + 1} of epoch ${epoch + 1}`);
          } catch (error) {
            disposeBatch(batch);
            throw error;
          }
        }
        if (kernelsToCheck) {
          kernelsToCheck = false;
          try {
            await checkKernels(model, batch, owner);
          } catch (error) {
            disposeBatch(batch);
            throw error;
          }
        }
        await callbacks.onTrainBatchBegin(step, {});
        let weighted = batch;
        try {
          if (classWeights) weighted = applyClassWeight(owner, batch, classWeights);
          const { loss, size } = model.trainStep(weighted);
          tf.tidy(() => tracker.update(loss, tf.scalar(size)));
          loss.dispose();
        } finally {
          disposeBatch(weighted);
        }
        // Logs are read back from the device only when a callback wants this batch's.
        await callbacks.onTrainBatchEnd(step, callbacks.wantsBatchLogs(step) ? await readLogs(tracker, compiled.logged) : {});
        step++;
        await yielder.after('batch');
        if (model.stopTraining) break;
      }
      if (step === 0 && stepped?.exhausted) {
        console.warn(
          `${owner}: the input ran out of data; interrupting training at epoch ${epoch + 1}. Make sure the data can give ` +
            `at least stepsPerEpoch * epochs (${stepsPerEpoch} * ${epochs}) batches (repeat a dataset, or lower stepsPerEpoch).`,
        );
        break;
      }
      if (step === 0) throw new LayerwiseError(`${owner}: the training data yielded no batches in epoch ${epoch + 1}`);
      epochLogs = await readLogs(tracker, compiled.logged);
      if (validation && validateAt(epoch + 1)) Object.assign(epochLogs, await runTestPass(model, validation, 'val_', checkInputs ? owner : undefined));
      await callbacks.onEpochEnd(epoch, epochLogs);
      await yielder.after('epoch');
    }
    // As Keras: with a moving average of the weights (useEma), the model ends with the averages.
    model.compiled.optimizer.finalizeVariableValues?.();
    await callbacks.onTrainEnd(epochLogs);
    return callbacks.history;
  } finally {
    await stepped?.close();
    await validation?.close?.();
    tracker.dispose();
    tf.dispose(owned);
  }
}
