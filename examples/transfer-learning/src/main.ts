// Transfer learning on ants vs bees (hymenoptera: 245 training, 153 validation images) with the
// ImageNet-pretrained darknet-tiny as the frozen base. Exits non-zero below the targets.
import { describeBackend } from '@layerwise/core';
import { runTransferLearning } from './transfer.js';

/** Feature extraction must reach this on the validation images, and fine-tuning must not fall below it. */
const TARGET_ACCURACY = 0.9;

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const result = await runTransferLearning({ verbose: 1 });
console.log(`Backend: ${describeBackend(result.backend)}`);
console.log(`Feature extraction: ${result.extractionImagesPerSecond.toFixed(1)} images/s through the frozen base`);
console.log(`Validation accuracy (${result.valImages} images):`);
console.log(`  (1) head on stored features:        ${percent(result.featureExtractionAccuracy)}`);
console.log(`  (2) frozen base + head, end to end: ${percent(result.endToEndAccuracy)}`);
console.log(`  fine-tuned top block:               ${percent(result.fineTunedAccuracy)}`);
const failures = [
  result.featureExtractionAccuracy < TARGET_ACCURACY && `feature extraction ${percent(result.featureExtractionAccuracy)} is below ${percent(TARGET_ACCURACY)}`,
  result.fineTunedAccuracy < TARGET_ACCURACY && `fine-tuning ${percent(result.fineTunedAccuracy)} fell below ${percent(TARGET_ACCURACY)}`,
].filter(Boolean);
if (failures.length > 0) {
  console.error(`FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`OK: both at or above ${percent(TARGET_ACCURACY)}`);
