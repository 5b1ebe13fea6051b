// The child process of the interrupted-save test: saves a 7 MB model to one path again and again,
// every weight random (so the file does not compress away) but starting with the save's number,
// printing "saved <n>" after each; the test kills it while a save is being written.
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from '@layerwise/core';
import { saveModel } from '@layerwise/io';
import { dense, sequential } from '@layerwise/layers';

const path = process.argv[2];
if (!path) throw new Error('usage: save-loop.js <path>');
await useBackend('cpu');
const model = sequential([dense({ units: 1024, inputShape: [784] }), dense({ units: 1024 })]);
for (let n = 1; ; n++) {
  const values = model.weights.map((w) => {
    const data = tf.randomUniform(w.variable.shape, -1, 1, 'float32', n).dataSync() as Float32Array;
    data[0] = n;
    return tf.tensor(data, w.variable.shape);
  });
  model.setWeights(values);
  tf.dispose(values);
  await saveModel(model, path);
  console.log(`saved ${n}`);
}
