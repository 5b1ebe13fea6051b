// `pnpm start` at the repository root runs this: the classic Keras MNIST MLP, trained on the
// 60,000 training images and evaluated on the 10,000 test images. Exits non-zero below the target.
import { describeBackend } from '@layerwise/core';
import { trainMnistMlp } from './train.js';

/** Keras reaches about 98% with this network; below 97.5% something is wrong. */
const TARGET_ACCURACY = 0.975;

const epochs = Number(process.env.MNIST_EPOCHS ?? 5);
const result = await trainMnistMlp({ epochs, verbose: 1 });
console.log(`Backend: ${describeBackend(result.backend)}`);
console.log(`Training took ${result.seconds.toFixed(1)} s for ${epochs} epochs`);
console.log(`Test loss: ${result.testLoss.toFixed(4)}  test accuracy: ${(result.testAccuracy * 100).toFixed(2)}%`);
if (result.testAccuracy < TARGET_ACCURACY) {
  console.error(`FAILED: test accuracy ${(result.testAccuracy * 100).toFixed(2)}% is below the target ${TARGET_ACCURACY * 100}%`);
  process.exit(1);
}
console.log(`OK: above the target of ${TARGET_ACCURACY * 100}%`);
