// The Fashion-MNIST course's two models on the full dataset (60,000 training, 10,000 test
// images): Dense 128, then the small convnet, 5 epochs each. Exits non-zero below a target.
import { loadFashionMnist } from '@layerwise/datasets';
import type { FashionModel } from './models.js';
import { trainFashionModel } from './train.js';

/** The course reports about 88% (dense) and 91% (convnet) test accuracy after 5 epochs. */
const TARGETS: Record<FashionModel, number> = { dense: 0.87, conv: 0.9 };

const epochs = Number(process.env['FASHION_EPOCHS'] ?? 5);
const { train, test } = await loadFashionMnist({
  onProgress: ({ file, loaded, total }) => {
    if (total !== undefined && loaded === total) console.log(`Downloaded ${file} (${total} bytes)`);
  },
});
let failed = false;
for (const model of ['dense', 'conv'] as const) {
  const result = await trainFashionModel({ model, train, test, epochs, verbose: 1 });
  console.log(`${model}: backend ${result.backend.name}, ${result.secondsPerEpoch.toFixed(1)} s per epoch`);
  console.log(`${model}: test loss ${result.testLoss.toFixed(4)}, test accuracy ${(result.testAccuracy * 100).toFixed(2)}%`);
  if (result.testAccuracy < TARGETS[model]) {
    console.error(`FAILED: ${model} test accuracy ${(result.testAccuracy * 100).toFixed(2)}% is below the target ${TARGETS[model] * 100}%`);
    failed = true;
  } else {
    console.log(`OK: ${model} is above its target of ${TARGETS[model] * 100}%`);
  }
}
if (failed) process.exit(1);
