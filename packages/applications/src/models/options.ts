import { checkBoolean, checkInteger, checkOneOf, checkOptions, invalidArgument, LayerwiseError } from '@layerwise/core';
import { activationNames, type ActivationName } from '@layerwise/layers';
import { kerasFileOptionNames, type KerasFileOptions } from '../weights/keras-file.js';

/** Where weights come from: Keras' ImageNet files, none (random initialisation), or a weights file path or URL. */
export type WeightsSource = 'imagenet' | null | string;

/** The options every application takes, as Keras names them (camelCase). */
export interface ApplicationOptions {
  /** Whether to include the classifier on top (the fully connected layers). Default true. */
  includeTop?: boolean;
  /**
   * `'imagenet'` (default, as in Keras: Keras' official weight files, see {@link KerasFileOptions}),
   * `null` (random initialisation), or the path or URL of a weights file (`.h5`, `.weights.h5`,
   * `.keras`, `model.json`), loaded by layer name.
   */
  weights?: WeightsSource;
  /**
   * The shape of one image, channels last. Default: the family's size (224x224x3, Xception
   * 299x299x3) with the top, `[null, null, 3]` without. With the top and ImageNet weights it must be
   * the default; otherwise at least the family's minimum size (32, Xception 71).
   */
  inputShape?: readonly (number | null)[];
  /** Without the top: `'avg'` or `'max'` global pooling of the last feature map, or `null` (default: the 4D feature map). */
  pooling?: 'avg' | 'max' | null;
  /** Classes of the top classifier. Default 1000; with ImageNet weights and the top, 1000 only. */
  classes?: number;
  /** The top layer's activation: default `'softmax'`; `null` for logits. With pretrained weights, `'softmax'` or `null` only. */
  classifierActivation?: ActivationName | null;
  /** The model's name (default the family's: `'vgg16'`, `'resnet50'`...). */
  name?: string;
  /** Where `weights: 'imagenet'` finds or downloads Keras' files. */
  weightsFile?: KerasFileOptions;
}

/** The options after checking, with defaults applied. */
export interface ResolvedOptions {
  readonly includeTop: boolean;
  readonly weights: WeightsSource;
  readonly inputShape: (number | null)[];
  readonly pooling: 'avg' | 'max' | null;
  readonly classes: number;
  readonly activation: ActivationName;
  readonly name: string;
  readonly weightsFile: KerasFileOptions;
}

/** What a family fixes: its name, its default and minimum input sizes. */
export interface FamilySpec {
  readonly name: string;
  readonly defaultSize: number;
  readonly minSize: number;
}

const optionNames = ['includeTop', 'weights', 'inputShape', 'pooling', 'classes', 'classifierActivation', 'name', 'weightsFile'];

function checkWeights(owner: string, weights: unknown): WeightsSource {
  if (weights === null || weights === 'imagenet') return weights;
  if (typeof weights !== 'string' || weights === '') {
    throw invalidArgument({ owner, argument: 'weights', expected: "'imagenet', null or the path of a weights file", received: weights });
  }
  return weights;
}

/**
 * Keras' `obtain_input_shape`: the input shape from the option, the family's sizes, whether the
 * top (which flattens a fixed size) is included and whether ImageNet weights are loaded.
 */
export function obtainInputShape(owner: string, family: FamilySpec, shape: readonly (number | null)[] | undefined, includeTop: boolean, imagenet: boolean): (number | null)[] {
  const channels = !imagenet && shape?.length === 3 && typeof shape[2] === 'number' ? shape[2] : 3;
  const defaultShape = [family.defaultSize, family.defaultSize, channels];
  if (shape !== undefined) {
    const valid = Array.isArray(shape) && shape.length === 3 && shape.every((d, i) => (d === null && i < 2) || (typeof d === 'number' && Number.isInteger(d) && d > 0));
    if (!valid) throw invalidArgument({ owner, argument: 'inputShape', expected: '[height, width, channels] (height and width may be null)', received: shape });
  }
  if (imagenet && includeTop) {
    if (shape !== undefined && shape.some((d, i) => d !== defaultShape[i])) {
      throw new LayerwiseError(`${owner}: with includeTop and ImageNet weights, inputShape must be [${defaultShape.join(', ')}]. Received: inputShape=${JSON.stringify(shape)}`);
    }
    return defaultShape;
  }
  if (shape === undefined) return includeTop ? defaultShape : [null, null, 3];
  if (imagenet && shape[2] !== 3) throw new LayerwiseError(`${owner}: ImageNet weights need 3 input channels. Received: inputShape=${JSON.stringify(shape)}`);
  if (shape.slice(0, 2).some((d) => d !== null && d < family.minSize)) {
    throw new LayerwiseError(`${owner}: the input must be at least ${family.minSize}x${family.minSize}. Received: inputShape=${JSON.stringify(shape)}`);
  }
  if (includeTop && shape.includes(null)) {
    throw new LayerwiseError(`${owner}: with includeTop, inputShape must be fully known. Received: inputShape=${JSON.stringify(shape)}`);
  }
  return [...shape];
}

/** Checks an application's options (Keras' rules) and applies the defaults. */
export function resolveOptions(family: FamilySpec, options: ApplicationOptions): ResolvedOptions {
  const owner = family.name;
  checkOptions(owner, options, optionNames);
  const includeTop = checkBoolean(owner, 'includeTop', options.includeTop ?? true);
  const weights = checkWeights(owner, options.weights === undefined ? 'imagenet' : options.weights);
  const classes = checkInteger(owner, 'classes', options.classes ?? 1000);
  const pooling = options.pooling === undefined || options.pooling === null ? null : checkOneOf(owner, 'pooling', options.pooling, ['avg', 'max']);
  const given = options.classifierActivation === undefined ? 'softmax' : options.classifierActivation;
  const activation = given === null ? 'linear' : checkOneOf(owner, 'classifierActivation', given, activationNames);
  if (weights === 'imagenet' && includeTop && classes !== 1000) {
    throw new LayerwiseError(`${owner}: with weights 'imagenet' and includeTop, classes must be 1000. Received: classes=${classes}`);
  }
  if (weights !== null && includeTop && activation !== 'softmax' && activation !== 'linear') {
    throw new LayerwiseError(`${owner}: with pretrained weights, classifierActivation must be 'softmax' or null. Received: classifierActivation='${activation}'`);
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw invalidArgument({ owner, argument: 'name', expected: 'a non-empty string', received: options.name });
  }
  const weightsFile = options.weightsFile ?? {};
  checkOptions(`${owner}: weightsFile`, weightsFile, kerasFileOptionNames);
  const inputShape = obtainInputShape(owner, family, options.inputShape, includeTop, weights === 'imagenet');
  return { includeTop, weights, inputShape, pooling, classes, activation, name: options.name ?? family.name, weightsFile };
}
