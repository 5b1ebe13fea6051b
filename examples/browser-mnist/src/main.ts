import * as tf from '@tensorflow/tfjs-core';
import { describeBackend } from '@layerwise/core';
import { ProgressBar } from '@layerwise/callbacks';
import { LiveHistoryChart } from '@layerwise/vis';
import { chooseBackend } from './backend.js';
import { loadPageData, type PageData } from './data.js';
import { DrawPad } from './draw-pad.js';
import { buildModel } from './model.js';
import { readSettings, type Settings } from './settings.js';
import { toMnistDigit } from './to-mnist.js';
import { element, preStream, showPrediction } from './views.js';

type Model = ReturnType<typeof buildModel>;

const status = element('status');
const trainButton = element<HTMLButtonElement>('train');
const pad = new DrawPad(element<HTMLCanvasElement>('pad'), { onStroke: () => void predictDrawing() });
let model: Model | undefined;

/** Sets the status line; `state` lands in `data-state` for tests and styling. */
function setStatus(text: string, state: string): void {
  status.textContent = text;
  status.dataset['state'] = state;
}

async function predictDrawing(): Promise<void> {
  const output = element('prediction');
  const digit = toMnistDigit(pad.image());
  if (!model || !digit) {
    output.replaceChildren(model ? 'Draw a digit.' : 'Train the model first.');
    delete output.dataset['prediction'];
    return;
  }
  const x = tf.tensor4d(digit, [1, 28, 28, 1]);
  const y = model.predictOnBatch(x) as tf.Tensor;
  const probabilities = Array.from(await y.data());
  tf.dispose([x, y]);
  showPrediction(output, probabilities);
}

async function train(settings: Settings, data: PageData): Promise<void> {
  trainButton.disabled = true;
  model?.dispose();
  model = buildModel();
  const progress = element('progress');
  progress.textContent = '';
  const chart = new LiveHistoryChart({ container: element('chart'), width: 260, height: 140 });
  setStatus('Training…', 'training');
  const started = performance.now();
  const history = await model.fit(data.train.x, data.train.y, {
    epochs: settings.epochs,
    stepsPerEpoch: settings.steps,
    batchSize: settings.batchSize,
    validationData: [data.validation.x, data.validation.y],
    verbose: 2,
    yieldEvery: 'auto',
    callbacks: [chart, new ProgressBar({ stream: preStream(progress) })],
  });
  chart.dispose();
  const seconds = (performance.now() - started) / 1000;
  const accuracy = history.history['val_accuracy']!.at(-1)!;
  const samples = settings.epochs * settings.steps * settings.batchSize;
  setStatus(`Trained on ${samples} images in ${seconds.toFixed(1)} s: ${(accuracy * 100).toFixed(1)}% of the 1,000 held-out images right. Draw a digit!`, 'trained');
  status.dataset['valAccuracy'] = String(accuracy);
  trainButton.disabled = false;
  await predictDrawing();
}

async function start(): Promise<void> {
  const settings = readSettings(location.search);
  setStatus('Choosing a backend…', 'backend');
  const report = await chooseBackend(settings.backend);
  const backend = element('backend');
  backend.textContent = describeBackend(report);
  backend.title = report.reason;
  backend.dataset['name'] = report.name;
  setStatus('Loading the MNIST test set…', 'loading');
  const data = await loadPageData(({ file, loaded, total }) => {
    setStatus(`Loading ${file}: ${Math.round(loaded / 1024)}${total ? ` of ${Math.round(total / 1024)}` : ''} KiB`, 'loading');
  });
  setStatus(`${data.train.x.shape[0]} images to train on, ${data.validation.x.shape[0]} to validate on. Press Train.`, 'ready');
  trainButton.disabled = false;
  trainButton.addEventListener('click', () => {
    train(settings, data).catch(fail);
  });
  element('clear').addEventListener('click', () => {
    pad.clear();
    void predictDrawing();
  });
  if (settings.autostart) trainButton.click();
}

function fail(error: unknown): void {
  setStatus(`Error: ${error instanceof Error ? error.message : String(error)}`, 'error');
  console.error(error);
}

start().catch(fail);
