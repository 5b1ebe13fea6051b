// Runs in headless Chromium (browser.test.ts): draws the four-panel augmentation preview of a
// gradient image on a real canvas and reports what the canvas holds.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { imageDataGenerator } from '../../index.js';
import { drawAugmentationPreview } from '../canvas.js';

export default async function run(): Promise<unknown> {
  await tf.setBackend('cpu');
  const image = tf.tidy(() => {
    const ramp = tf.linspace(0, 255, 32);
    return tf.stack([tf.tile(tf.reshape(ramp, [1, 32]), [32, 1]), tf.tile(tf.reshape(ramp, [32, 1]), [1, 32]), tf.fill([32, 32], 128)], 2) as tf.Tensor3D;
  });
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const generator = imageDataGenerator({ rotationRange: 40, zoomRange: 0.2, horizontalFlip: true, fillMode: 'nearest' });
  await drawAugmentationPreview(canvas, image, generator, { count: 4, seed: 3 });
  image.dispose();
  const context = canvas.getContext('2d')!;
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const colours = new Set<number>();
  for (let i = 0; i < pixels.length; i += 4) colours.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
  return { width: canvas.width, height: canvas.height, colours: colours.size, tensors: tf.memory().numTensors };
}
