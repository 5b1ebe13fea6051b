// The child process of the BackupAndRestore test: a seeded run of 6 epochs with BackupAndRestore,
// printing "batch <epoch> <batch>" after every batch and writing the final weights as JSON. The
// test kills it at a random batch and runs it again, and compares with an uninterrupted run.
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { BackupAndRestore, LambdaCallback } from '@layerwise/callbacks';
import { dense, initializers, sequential } from '@layerwise/layers';
import { adam } from '@layerwise/optimizers';

const [backupDir, outFile] = process.argv.slice(2);
if (!backupDir || !outFile) throw new Error('usage: backup-run.js <backupDir> <weights.json>');
await useBackend('cpu');
const x = tf.randomNormal([512, 20], 0, 1, 'float32', 3);
const y = tf.randomUniform([512], 0, 3, 'int32', 4);
const kernelInitializer = initializers.glorotUniform({ seed: 5 });
const model = sequential([dense({ units: 32, activation: 'relu', inputShape: [20], kernelInitializer }), dense({ units: 3, activation: 'softmax', kernelInitializer })]);
model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'sparseCategoricalCrossentropy' });
let epochNow = 0;
await model.fit(x, y, {
  epochs: 6,
  batchSize: 32,
  seed: 7,
  verbose: 0,
  callbacks: [
    new BackupAndRestore({ backupDir }),
    new LambdaCallback({
      onEpochBegin: (epoch) => void (epochNow = epoch),
      onTrainBatchEnd: (batch) => console.log(`batch ${epochNow} ${batch}`),
    }),
  ],
});
const weights = await Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
writeFileSync(outFile, JSON.stringify(weights));
console.log('done');
