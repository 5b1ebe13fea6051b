/**
 * The programs a consumer project runs: each as an ES module, a CommonJS script and a TypeScript
 * file for the type check, printing a JSON report as its last line.
 */

/** A program in the three forms. */
export interface Program {
  readonly esm: string;
  readonly cjs: string;
  readonly ts: string;
}

/** Turns an ES-module body (imports given separately) into the three forms. */
function forms(imports: Record<string, string>, body: string, types = ''): Program {
  const esm = Object.entries(imports)
    .map(([from, names]) => `import ${names.startsWith('*') ? names : `{ ${names} }`} from '${from}';`)
    .join('\n');
  const cjs = Object.entries(imports)
    .map(([from, names]) => `const ${names.startsWith('* as ') ? names.slice(5) : `{ ${names} }`} = require('${from}');`)
    .join('\n');
  return {
    esm: `${esm}\n${body}\n`,
    cjs: `${cjs}\n(async () => {\n${body}\n})().catch((error) => { console.error(error); process.exit(1); });\n`,
    ts: `${esm}\n${types}\n${body}\nexport {};\n`,
  };
}

/** layers + optimizers + backend-wasm: train a tiny regression and report the backend and the loss. */
export const trainProgram = forms(
  {
    '@tensorflow/tfjs-core': '* as tf',
    '@layerwise/core': 'useBackend',
    '@layerwise/layers': 'dense, sequential',
    '@layerwise/optimizers': 'adam',
  },
  `const report = await useBackend('auto');
const model = sequential([dense({ units: 8, activation: 'relu', inputShape: [4] }), dense({ units: 1 })]);
model.compile({ optimizer: adam({ learningRate: 0.05 }), loss: 'meanSquaredError' });
const x = tf.randomNormal([64, 4], 0, 1, 'float32', 1);
const y = tf.sum(x, 1, true);
await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 }); // creates the optimizer's slots
const before = tf.memory().numTensors;
const history = await model.fit(x, y, { epochs: 30, batchSize: 16, verbose: 0 });
const losses = history.history['loss'];
console.log(JSON.stringify({ backend: tf.getBackend(), chosen: report.name, first: losses[0], last: losses[losses.length - 1], leaked: tf.memory().numTensors - before }));`,
);

/** datasets alone: read MNIST from the offline directory and count the training labels. */
export const datasetsProgram = forms(
  { '@layerwise/datasets': 'loadMnist' },
  `const { train, test } = await loadMnist();
const counts = new Array(10).fill(0);
for (const label of train.labels) counts[label]++;
console.log(JSON.stringify({ train: train.labels.length, test: test.labels.length, counts }));`,
);

/** The umbrella `layerwise` alone: the same training through one import (tensors from its `tf`). */
export const umbrellaProgram = forms(
  { layerwise: 'tf, useBackend, sequential, dense, adam, losses, metrics' },
  `const report = await useBackend('auto');
const model = sequential([dense({ units: 8, activation: 'relu', inputShape: [4] }), dense({ units: 1 })]);
model.compile({ optimizer: adam({ learningRate: 0.05 }), loss: new losses.MeanSquaredError(), metrics: [new metrics.MeanAbsoluteError()] });
const x = tf.randomNormal([64, 4], 0, 1, 'float32', 1);
const y = tf.sum(x, 1, true);
await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
const before = tf.memory().numTensors;
const history = await model.fit(x, y, { epochs: 30, batchSize: 16, verbose: 0 });
const losses_ = history.history['loss'];
console.log(JSON.stringify({ backend: tf.getBackend(), chosen: report.name, first: losses_[0], last: losses_[losses_.length - 1], leaked: tf.memory().numTensors - before }));`,
);

/** io alone: load a saved TensorFlow.js model (DoodleNet from the shared folder) and predict. */
export const ioProgram = forms(
  {
    '@tensorflow/tfjs-core': '* as tf',
    '@layerwise/core': 'useBackend',
    '@layerwise/io': 'loadModel',
  },
  `const report = await useBackend('auto');
const model = await loadModel(process.env.LAYERWISE_MODELS_DIR + '/doodlenet/model.json', { compile: false });
const input = tf.zeros([2, 28, 28, 1]);
const outputs = await model.predict(input);
const output = Array.isArray(outputs) ? outputs[0] : outputs;
const sums = Array.from(await tf.sum(output, 1).data());
console.log(JSON.stringify({ backend: report.name, shape: output.shape, sums, layers: model.layers.length }));`,
);
