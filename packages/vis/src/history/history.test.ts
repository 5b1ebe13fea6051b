import { describe, expect, it } from 'vitest';
import { LayerwiseError } from '@layerwise/core';
import { History } from '@layerwise/callbacks';
import { plotHistory } from './plot-history.js';
import { historyMetrics, historyRows } from './history-data.js';
import { decodePng, distinctColours } from '../testing/png.js';

const history = { history: { loss: [0.9, 0.5, 0.3], accuracy: [0.6, 0.8, 0.9], val_loss: [1.0, 0.7, 0.6], val_accuracy: [0.55, 0.7, 0.75] }, epoch: [0, 1, 2] };

describe('history data', () => {
  it('folds validation values into their metric and counts epochs from 1', () => {
    expect(historyMetrics('t', history)).toEqual(['loss', 'accuracy']);
    const rows = historyRows('t', history);
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.metric === 'loss' && r.split === 'validation').map((r) => [r.epoch, r.value])).toEqual([[1, 1.0], [2, 0.7], [3, 0.6]]);
    expect(historyRows('t', { val_only: [1, Number.NaN] })).toEqual([
      { epoch: 1, metric: 'val_only', split: 'validation', value: 1 },
      { epoch: 2, metric: 'val_only', split: 'validation', value: null },
    ]);
  });

  it('reads a History as fit returns it', () => {
    const h = new History();
    h.onEpochEnd(0, { loss: 2 });
    h.onEpochEnd(1, { loss: 1 });
    expect(historyRows('t', h).map((r) => r.value)).toEqual([2, 1]);
  });
});

describe('plotHistory', () => {
  it('draws one panel per metric with training and validation lines (SVG)', async () => {
    const svg = await plotHistory(history);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>loss<');
    expect(svg).toContain('>accuracy<');
    expect(svg).toContain('>validation<');
    // 2 panels, each with a training and a validation line ; 12 points, one per value.
    expect(svg.match(/aria-roledescription="line mark"/g)?.length).toBe(4);
    expect(svg.match(/aria-label="epoch: \d; value: [\d.]+; data: (training|validation)" role="graphics-symbol" aria-roledescription="point"/g)?.length).toBe(12);
    expect(svg).toContain('aria-label="epoch: 3; value: 0.75; data: validation"');
  });

  it('writes PNG and a self-contained HTML page', async () => {
    const png = await plotHistory(history, { format: 'png', metrics: ['loss'] });
    const image = await decodePng(png);
    expect(image.width).toBeGreaterThan(400);
    expect(distinctColours(image.data, image.channels)).toBeGreaterThan(10);
    const html = await plotHistory(history, { format: 'html', title: 'run <1>' });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<title>run &lt;1&gt;</title>');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|src="http/);
  });

  it('names the bad argument', async () => {
    await expect(plotHistory(history, { format: 'jpg' as 'svg' })).rejects.toThrow(/plotHistory: received an invalid value for `format`.*Received: format='jpg'/);
    await expect(plotHistory(history, { metrics: ['mae'] })).rejects.toThrow(/no metric 'mae'; it has loss, accuracy, val_loss, val_accuracy/);
    await expect(plotHistory(history, { colour: 'red' } as never)).rejects.toThrow(LayerwiseError);
    await expect(plotHistory(null as never)).rejects.toThrow(/`history`/);
  });
});
