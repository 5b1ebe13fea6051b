import { InputLayer } from '../engine/input-layer.js';
import type { AnyLayer } from '../engine/layer.js';
import type { LayerNode } from '../engine/symbolic.js';
import { modelMacs } from './macs.js';
import { summaryRows, type SummaryRow } from './summary-rows.js';

/** Options of `model.summary()`. */
export interface SummaryOptions {
  /** Width of the table before the optional MACs column. Default 65 as Keras, 98 for functional models. */
  lineLength?: number;
  /** Adds a "Trainable" column (Y/N per layer). */
  showTrainable?: boolean;
  /**
   * Adds a "MACs" column: the multiply-accumulates of one sample through each layer (`-` for layers
   * that do not report them), and their total. Beyond Keras.
   */
  showMacs?: boolean;
  /** Where the text goes; default `console.log`. */
  printFn?: (text: string) => void;
}

/** What a summary needs of a model. */
export interface SummarizedModel {
  readonly name: string;
  readonly className: string;
  readonly layers: readonly AnyLayer[];
  /** The model's graph (empty when it has none): gives output shapes, connections and MACs. */
  readonly nodes: readonly LayerNode[];
  readonly trainableWeights: readonly { variable: { size: number } }[];
  readonly nonTrainableWeights: readonly { variable: { size: number } }[];
}

interface Column {
  readonly title: string;
  readonly width: number;
  readonly cell: (row: SummaryRow) => string[];
}

const count = (weights: readonly { variable: { size: number } }[]) => weights.reduce((n, w) => n + w.variable.size, 0);
const thousands = (n: number) => n.toLocaleString('en-US');

function columnsFor(options: SummaryOptions, connected: boolean): Column[] {
  const width = options.lineLength ?? (connected ? 98 : 65);
  const base: [string, (row: SummaryRow) => string[]][] = [
    ['Layer (type)', (r) => [r.layer]],
    ['Output Shape', (r) => [r.outputShape]],
    ['Param #', (r) => [r.params]],
  ];
  if (connected) base.push(['Connected to', (r) => r.connectedTo]);
  if (options.showTrainable) base.push(['Trainable', (r) => [r.trainable]]);
  // Keras' proportions: [.45, .4, .15] (Sequential), [.33, .22, .12, .33] (functional).
  const fractions = connected
    ? options.showTrainable ? [0.3, 0.2, 0.1, 0.28, 0.12] : [0.33, 0.22, 0.12, 0.33]
    : options.showTrainable ? [0.4, 0.3, 0.17, 0.13] : [0.45, 0.4, 0.15];
  // At least 10 characters, 11 for "Trainable" (its title and a space).
  const columns = base.map(([title, cell], i) => ({ title, cell, width: Math.max(title.length + 2, 10, Math.floor(width * fractions[i]!)) }));
  if (options.showMacs) columns.push({ title: 'MACs', cell: (r) => [r.macs], width: 15 });
  return columns;
}

function renderRow(columns: readonly Column[], cells: readonly string[][]): string[] {
  const height = Math.max(...cells.map((c) => c.length));
  return Array.from({ length: height }, (_, line) =>
    columns
      .map((column, i) => {
        const text = ` ${cells[i]![line] ?? ''}`;
        return text.length >= column.width ? `${text.slice(0, column.width - 1)} ` : text.padEnd(column.width);
      })
      .join('')
      .trimEnd(),
  );
}

/**
 * Formats Keras' model summary: one row per layer with its name and type, output shape and
 * parameter count (and, for functional models, the tensors it reads, as `layer[node][index]`), then
 * the total, trainable and non-trainable parameter counts. A nested model is one row, its
 * parameters all counted there; a shared layer is one row, its weights counted once.
 */
export function formatSummary(model: SummarizedModel, options: SummaryOptions = {}): string {
  const connected = model.layers.some((l) => l instanceof InputLayer);
  const columns = columnsFor(options, connected);
  const tableWidth = columns.reduce((n, c) => n + c.width, 0);
  const macs = modelMacs(model);
  const rows = summaryRows(model.layers, model.nodes, macs);
  const lines = [`Model: "${model.name}"`, '_'.repeat(tableWidth), ...renderRow(columns, columns.map((c) => [c.title])), '='.repeat(tableWidth)];
  rows.forEach((row, i) => {
    lines.push(...renderRow(columns, columns.map((c) => c.cell(row))));
    lines.push(i === rows.length - 1 ? '='.repeat(tableWidth) : '');
  });
  if (rows.length === 0) lines.push('='.repeat(tableWidth));
  const trainable = count(model.trainableWeights);
  const frozen = count(model.nonTrainableWeights);
  lines.push(`Total params: ${thousands(trainable + frozen)}`);
  lines.push(`Trainable params: ${thousands(trainable)}`);
  lines.push(`Non-trainable params: ${thousands(frozen)}`);
  if (options.showMacs) {
    const missing = macs.unreported.map((l) => l.name);
    lines.push(`Total MACs: ${thousands(macs.total)} per sample${missing.length > 0 ? ` (layers that do not report theirs: ${missing.join(', ')})` : ''}`);
  }
  lines.push('_'.repeat(tableWidth));
  return lines.join('\n');
}
