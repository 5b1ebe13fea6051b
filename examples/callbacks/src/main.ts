// MNIST with ModelCheckpoint, EarlyStopping, ReduceLROnPlateau, CSVLogger, TensorBoard and the
// book's activation-saving callback together; prints which epoch was best and where each file went.
// Exits non-zero when the reloaded best checkpoint misses the target accuracy.
import { trainWithCallbacks } from './train.js';

const TARGET_ACCURACY = 0.985;
const outDir = process.env.CALLBACKS_OUT ?? 'callbacks-output';
const result = await trainWithCallbacks({ outDir, epochs: Number(process.env.MNIST_EPOCHS ?? 12) });
console.log(`Backend: ${result.backend.name}`);
console.log(`Epochs run: ${result.epochsRun}${result.stoppedEpoch ? ` (EarlyStopping stopped at epoch ${result.stoppedEpoch})` : ''}`);
console.log(`Best epoch: ${result.bestEpoch}, val_loss ${result.bestValLoss.toFixed(4)}`);
console.log(`Learning rate per epoch: ${result.learningRates.map((r) => r.toExponential(1)).join(', ')}`);
console.log(`Checkpoints written: ${result.files.checkpoints.length} (the last, the best model, is ${result.files.checkpoints.at(-1)})`);
console.log(`CSV log: ${result.files.csv}`);
console.log(`TensorBoard: ${result.files.tensorboard.join(', ')} (tensorboard --logdir ${outDir}/logs)`);
console.log(`Activations of the first validation image: ${result.files.activations.length} .npy files under ${outDir}/activations`);
console.log(`Test accuracy: ${(result.testAccuracy * 100).toFixed(2)}% (best weights restored); reloaded checkpoint: ${(result.checkpointTestAccuracy * 100).toFixed(2)}%`);
if (result.checkpointTestAccuracy < TARGET_ACCURACY) {
  console.error(`FAILED: the best checkpoint's test accuracy is below ${TARGET_ACCURACY * 100}%`);
  process.exit(1);
}
