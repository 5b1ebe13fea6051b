import { formatShape } from '@layerwise/core';
import type { Layer } from '../engine/layer.js';

/** Options of `model.summary()`. */
export interface SummaryOptions {
  /** Total width of the table in characters. Default 65, as Keras. */
  lineLength?: number;
  /** Adds a "Trainable" column (Y/N per layer). */
  showTrainable?: boolean;
  /** Where the text goes; default `console.log`. */
  printFn?: (text: string) => void;
}

/** What a summary needs of a model. */
export interface SummarizedModel {
  readonly name: string;
  readonly className: string;
  readonly layers: Layer[];
  readonly trainableWeights: readonly { variable: { size: number } }[];
  readonly nonTrainableWeights: readonly { variable: { size: number } }[];
}

const count = (weights: readonly { variable: { size: number } }[]) => weights.reduce((n, w) => n + w.variable.size, 0);
const thousands = (n: number) => n.toLocaleString('en-US');

function outputShapeOf(layer: Layer): string {
  const input = layer.inputShape;
  if (!input) return '?';
  try {
    return formatShape(layer.computeOutputShape(input));
  } catch {
    return 'multiple';
  }
}

/**
 * Formats Keras' model summary: one row per layer with its name and type, output shape and
 * parameter count, then the total, trainable and non-trainable parameter counts.
 */
export function formatSummary(model: SummarizedModel, options: SummaryOptions = {}): string {
  const width = options.lineLength ?? 65;
  const fractions = options.showTrainable ? [0.4, 0.3, 0.17, 0.13] : [0.45, 0.4, 0.15];
  const columns = fractions.map((f) => Math.max(10, Math.floor(width * f)));
  const tableWidth = columns.reduce((a, b) => a + b, 0);
  const row = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const w = columns[i]!;
        const text = ` ${cell}`;
        return text.length >= w ? `${text.slice(0, w - 1)} ` : text.padEnd(w);
      })
      .join('')
      .trimEnd();
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(options.showTrainable ? ['Trainable'] : [])];
  const lines = [`Model: "${model.name}"`, '_'.repeat(tableWidth), row(header), '='.repeat(tableWidth)];
  model.layers.forEach((layer, i) => {
    const cells = [`${layer.name} (${layer.className})`, outputShapeOf(layer), String(layer.countParams())];
    if (options.showTrainable) cells.push(layer.trainable ? 'Y' : 'N');
    lines.push(row(cells));
    lines.push(i === model.layers.length - 1 ? '='.repeat(tableWidth) : '');
  });
  if (model.layers.length === 0) lines.push('='.repeat(tableWidth));
  const trainable = count(model.trainableWeights);
  const frozen = count(model.nonTrainableWeights);
  lines.push(`Total params: ${thousands(trainable + frozen)}`);
  lines.push(`Trainable params: ${thousands(trainable)}`);
  lines.push(`Non-trainable params: ${thousands(frozen)}`);
  lines.push('_'.repeat(tableWidth));
  return lines.join('\n');
}
