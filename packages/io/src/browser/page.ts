// Runs in headless Chromium (browser.test.ts): saves a model to IndexedDB, localStorage and
// downloads, loads each back (the downloads as user-picked files), and compares predictions.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerAllGradients } from '@layerwise/core';
import { dense, sequential } from '@layerwise/layers';
import { loadModel, saveModel } from '../index.js';

async function predictions(model: { predict(x: tf.Tensor): Promise<unknown> }, x: tf.Tensor): Promise<number[]> {
  const out = (await model.predict(x)) as tf.Tensor;
  const values = Array.from(await out.data());
  out.dispose();
  return values;
}

export default async function run(): Promise<unknown> {
  await tf.setBackend('cpu');
  registerAllGradients();
  const model = sequential([dense({ units: 3, activation: 'relu', inputShape: [4] }), dense({ units: 2 })]);
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  const x = tf.randomNormal([5, 4], 0, 1, 'float32', 1);
  const expected = await predictions(model, x);
  const same: Record<string, boolean> = {};
  for (const target of ['indexeddb://mlp', 'localstorage://mlp']) {
    await saveModel(model, target);
    const back = await loadModel(target);
    same[target] = JSON.stringify(await predictions(back, x)) === JSON.stringify(expected) && back.optimizer?.className === 'Adam';
  }
  const captured: { name: string; href: string }[] = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    captured.push({ name: this.download, href: this.href });
  };
  try {
    await saveModel(model, 'downloads://my-model');
  } finally {
    HTMLAnchorElement.prototype.click = click;
  }
  const files = await Promise.all(captured.map(async (c) => new File([await (await fetch(c.href)).arrayBuffer()], c.name)));
  const picked = await loadModel(files);
  same['files'] = JSON.stringify(await predictions(picked, x)) === JSON.stringify(expected);
  let missing = '';
  try {
    await loadModel('indexeddb://nothing-here');
  } catch (error) {
    missing = String(error);
  }
  let partial = '';
  try {
    await loadModel(files.filter((f) => f.name.endsWith('.json')));
  } catch (error) {
    partial = String(error);
  }
  return { same, downloads: captured.map((c) => c.name), missing, partial };
}
