import * as tf from '@tensorflow/tfjs-core';
import { LayerwiseError, useBackend } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { imageDataGenerator, type ImageDataGeneratorOptions } from './index.js';
import { randomBrightness, randomContrast, randomCrop, randomFlip, randomRotation, randomTranslation, randomZoom, resizing } from './index.js';

function fails(make: () => unknown, ...parts: string[]): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(LayerwiseError);
  for (const part of parts) expect((error as Error).message).toContain(part);
}

describe('bad options raise errors naming the option and the value', () => {
  it.each<[ImageDataGeneratorOptions, string[]]>([
    [{ rotationRange: -10 }, ['rotationRange', 'rotationRange=-10']],
    [{ widthShiftRange: -0.1 }, ['widthShiftRange', '-0.1']],
    [{ heightShiftRange: [0.1, -2] }, ['heightShiftRange', '[0.1,-2]']],
    [{ shearRange: -1 }, ['shearRange=-1']],
    [{ channelShiftRange: -5 }, ['channelShiftRange=-5']],
    [{ zoomRange: [0, 1.2] }, ['zoomRange', '[0,1.2]']],
    [{ zoomRange: 1 }, ['zoomRange=1']],
    [{ zoomRange: [1.2, 0.8] }, ['zoomRange', '[1.2,0.8]']],
    [{ brightnessRange: [-0.5, 1] }, ['brightnessRange', '[-0.5,1]']],
    [{ fillMode: 'mirror' as never }, ['fillMode', "'mirror'", "'reflect'"]],
    [{ cval: Number.NaN }, ['cval']],
    [{ interpolation: 'cubic' as never }, ['interpolation', "'cubic'"]],
    [{ horizontalFlip: 'yes' as never }, ['horizontalFlip', "'yes'"]],
    [{ rescale: 0 }, ['rescale=0']],
    [{ rotation_range: 10 } as never, ['unknown option', 'rotation_range']],
  ])('imageDataGenerator(%j)', (options, parts) => {
    fails(() => imageDataGenerator(options), 'imageDataGenerator', ...parts);
  });

  it('layers', () => {
    fails(() => randomRotation({ factor: -0.1 }), 'RandomRotation', 'factor=-0.1');
    fails(() => randomRotation({ factor: 0.1, fillMode: 'edge' as never }), 'fillMode', "'edge'");
    fails(() => randomZoom({ heightFactor: [-1, 0] }), 'RandomZoom', 'heightFactor=[-1,0]');
    fails(() => randomZoom({ heightFactor: 0.2, widthFactor: 1.5 }), 'widthFactor=1.5');
    fails(() => randomTranslation({ heightFactor: 1.5, widthFactor: 0 }), 'RandomTranslation', 'heightFactor=1.5');
    fails(() => randomFlip({ mode: 'diagonal' as never }), 'RandomFlip', "mode='diagonal'");
    fails(() => randomContrast({ factor: 2 }), 'RandomContrast', 'factor=2');
    fails(() => randomBrightness({ factor: [0.5, -0.5] }), 'RandomBrightness', 'factor=[0.5,-0.5]');
    fails(() => randomCrop({ height: 0, width: 3 }), 'RandomCrop', 'height=0');
    fails(() => resizing({ height: 3, width: 2.5 }), 'Resizing', 'width=2.5');
  });

  it('featurewise normalisation before fit, and inputs that are not image batches', async () => {
    await useBackend('cpu');
    const gen = imageDataGenerator({ featurewiseStdNormalization: true });
    const x = tf.zeros([2, 4, 4, 3]) as never;
    fails(() => gen.standardize(x), 'featurewiseCenter', 'fit(');
    const flat = tf.zeros([4, 3]);
    fails(() => gen.flow(flat as never), 'imageDataGenerator.flow', '`x`', '(4, 3)');
    fails(() => randomFlip().apply(flat, { training: true }), 'RandomFlip', '(4, 3)');
    tf.dispose([x, flat]);
  });
});
