import * as tf from '@tensorflow/tfjs-core';
import { JSDOM, VirtualConsole } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { dense, sequential } from '@layerwise/layers';
import { LiveHistoryChart } from './live-chart.js';

// A browser page's DOM (jsdom) as the global document Vega draws with.
const { document } = new JSDOM('<!DOCTYPE html><body></body>', { virtualConsole: new VirtualConsole() }).window;
beforeAll(async () => {
  await useBackend('cpu');
  Object.assign(globalThis, { document });
});
afterAll(() => {
  delete (globalThis as { document?: unknown }).document;
});

const points = (container: Element) => container.querySelectorAll('[aria-roledescription="point"]').length;

describe('LiveHistoryChart', () => {
  it('redraws the chart in its container after every epoch of fit', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const seen: number[] = [];
    const chart = new LiveHistoryChart({ container, width: 200, height: 80 });
    const model = sequential([dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
    const y = tf.tensor2d([[1], [2], [3], [0]]);
    const before = tf.memory().numTensors;
    const probe = { onEpochEnd: () => void seen.push(points(container)) };
    await model.fit(x, y, { epochs: 3, verbose: 0, validationData: [x, y], callbacks: [chart, probe] });
    expect(tf.memory().numTensors).toBe(before);
    // training and validation loss: two points per epoch, drawn before the next epoch starts.
    expect(seen).toEqual([2, 4, 6]);
    const svg = container.querySelector('svg')!;
    expect(svg).not.toBeNull();
    expect(svg.querySelectorAll('[aria-roledescription="line mark"]')).toHaveLength(2);
    expect(container.textContent).toContain('loss');
    chart.dispose();
    model.dispose();
    tf.dispose([x, y]);
  });

  it('starts a new chart when a metric appears', async () => {
    const container = document.createElement('div');
    const chart = new LiveHistoryChart({ container });
    await chart.onEpochEnd(0, { loss: 1 });
    expect(container.textContent).not.toContain('accuracy');
    await chart.onEpochEnd(1, { loss: 0.5, accuracy: 0.7 });
    expect(container.textContent).toContain('accuracy');
    expect(container.querySelectorAll('svg')).toHaveLength(1);
  });

  it('needs a DOM element', () => {
    expect(() => new LiveHistoryChart({ container: 'chart' as never })).toThrow(/LiveHistoryChart: received an invalid value for `container`, expected a DOM element. Received: container='chart'/);
  });
});
