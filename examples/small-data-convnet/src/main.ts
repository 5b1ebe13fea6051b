// The classic small-data workflow on ants vs bees (hymenoptera: 245 training, 153 validation
// images): the book's four-block convnet trained from scratch without, then with augmentation and
// dropout. Prints both validation accuracies and their curves, writes out/curves.csv and saves the
// second model to out/small-data-convnet.keras.
import { describeBackend } from '@layerwise/core';
import { runSmallDataConvnet } from './small-data.js';

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
const result = await runSmallDataConvnet({
  plainEpochs: Number(process.env['PLAIN_EPOCHS'] ?? 30),
  augmentedEpochs: Number(process.env['AUGMENTED_EPOCHS'] ?? 60),
  verbose: 2,
});
console.log(`Backend: ${describeBackend(result.backend)}`);
console.log(result.plot);
for (const [name, run] of [['plain', result.plain], ['augmentation + dropout', result.augmented]] as const) {
  console.log(`${name.padEnd(24)} validation accuracy ${percent(run.valAccuracy)} (best ${percent(run.bestValAccuracy)}), ${run.seconds.toFixed(0)} s`);
}
console.log(`Curves: ${result.files.curves}; model: ${result.files.model}`);
const gain = result.augmented.bestValAccuracy - result.plain.bestValAccuracy;
console.log(`Augmentation and dropout changed the best validation accuracy by ${(gain * 100).toFixed(1)} points`);
