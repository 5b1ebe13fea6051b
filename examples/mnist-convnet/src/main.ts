// A small MNIST convnet on Layerwise's WebAssembly backend: two epochs over the 60,000 training
// images, evaluated on the 10,000 test images. Exits non-zero below the target.
import { describeBackend } from '@layerwise/core';
import { trainMnistConvnet } from './train.js';

/** PyTorch 1.13 reaches 98.6% with this network after two epochs (reference/torch_convnet.py 60000 2 128). */
const TARGET_ACCURACY = 0.983;

const epochs = Number(process.env.MNIST_EPOCHS ?? 2);
const result = await trainMnistConvnet({ epochs, verbose: 1 });
console.log(`Backend: ${describeBackend(result.backend)}`);
console.log(`Training: ${result.secondsPerEpoch.toFixed(1)} s per epoch over 60,000 images`);
console.log(`Test loss: ${result.testLoss.toFixed(4)}  test accuracy: ${(result.testAccuracy * 100).toFixed(2)}%`);
if (result.testAccuracy < TARGET_ACCURACY) {
  console.error(`FAILED: test accuracy ${(result.testAccuracy * 100).toFixed(2)}% is below the target ${TARGET_ACCURACY * 100}%`);
  process.exit(1);
}
console.log(`OK: above the target of ${TARGET_ACCURACY * 100}%`);
