import { formatShape, type Shape } from '@layerwise/core';
import { Model, type AnyLayer, type LayerNode, type LayerOutput, type SymbolicTensor } from '@layerwise/layers';
import { escapeHtml } from '../figure/html-page.js';

/** What the boxes show and how the graph is laid out. */
export interface ModelDotOptions {
  /** Show each layer's output shape (default true). */
  showShapes?: boolean;
  /** Show each layer's class (default true). */
  showLayerTypes?: boolean;
  /** Show each layer's parameter count (default true). */
  showParams?: boolean;
  /** Draw nested models as boxes around their own layers instead of one box (default false). */
  expandNested?: boolean;
  /** Direction of the graph: `'TB'` top to bottom (default) or `'LR'` left to right. */
  rankdir?: 'TB' | 'LR';
}

type AnyModel = Model<LayerOutput>;

interface Writer {
  readonly lines: string[];
  readonly options: Required<ModelDotOptions>;
}

const quote = (id: string) => `"${id.replace(/["\\]/g, (c) => `\\${c}`)}"`;

function shapeText(shapes: readonly Shape[]): string {
  return shapes.length === 1 ? formatShape(shapes[0]!) : `[${shapes.map(formatShape).join(', ')}]`;
}

/** A box's label: a Graphviz HTML-like table (name, class, output shape, parameters). */
function label(layer: AnyLayer, nodes: readonly LayerNode[], options: Required<ModelDotOptions>): string {
  const title = `<B>${escapeHtml(layer.name)}</B>${options.showLayerTypes ? ` (${escapeHtml(layer.className)})` : ''}`;
  const rows = [`<TR><TD COLSPAN="2">${title}</TD></TR>`];
  if (options.showShapes) {
    const shapes = [...new Set(nodes.map((n) => shapeText(n.outputs.map((t) => t.shape))))];
    rows.push(`<TR><TD>Output shape</TD><TD>${escapeHtml(shapes.length === 1 ? shapes[0]! : shapes.length === 0 ? '?' : 'multiple')}</TD></TR>`);
  }
  if (options.showParams) rows.push(`<TR><TD>Params</TD><TD>${layer.countParams().toLocaleString('en-US')}</TD></TR>`);
  return `<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">${rows.join('')}</TABLE>>`;
}

/**
 * Writes one model's layers (boxes, or clusters for nested models) into the DOT lines, and its
 * edges; returns how tensors of this model map to box ids (the ends of edges).
 */
function writeModel(w: Writer, model: AnyModel, prefix: string, indent: string): { source(t: SymbolicTensor): string; target(node: LayerNode, input: number): string } {
  const nodes = model.nodes;
  // A Sequential lists no input layer among its layers, but its graph starts at one.
  const layers = [...new Set([...nodes.map((n) => n.layer), ...model.layers])];
  const inner = new Map<AnyLayer, ReturnType<typeof writeModel>>();
  const id = (layer: AnyLayer) => `${prefix}${layer.name}`;
  for (const layer of layers) {
    if (w.options.expandNested && layer instanceof Model && layer.nodes.length > 0) {
      w.lines.push(`${indent}subgraph ${quote(`cluster_${id(layer)}`)} {`);
      w.lines.push(`${indent}  label=<<B>${escapeHtml(layer.name)}</B> (${escapeHtml(layer.className)})>; style="rounded,dashed"; color="#555555";`);
      inner.set(layer, writeModel(w, layer, `${id(layer)}/`, `${indent}  `));
      w.lines.push(`${indent}}`);
    } else {
      w.lines.push(`${indent}${quote(id(layer))} [label=${label(layer, nodes.filter((n) => n.layer === layer), w.options)}];`);
    }
  }
  const source = (t: SymbolicTensor): string => {
    const nested = inner.get(t.layer);
    return nested ? nested.source((t.layer as AnyModel).outputs[t.index]!) : id(t.layer);
  };
  const target = (node: LayerNode, input: number): string => {
    const nested = inner.get(node.layer);
    return nested ? id(node.layer) + '/' + (node.layer as AnyModel).inputs[input]!.layer.name : id(node.layer);
  };
  // A Sequential without a known input shape has no graph: its layers are a chain.
  if (nodes.length === 0) {
    for (let i = 1; i < layers.length; i++) w.lines.push(`${indent}${quote(id(layers[i - 1]!))} -> ${quote(id(layers[i]!))};`);
  }
  for (const node of nodes) {
    node.inputs.forEach((t, i) => w.lines.push(`${indent}${quote(source(t))} -> ${quote(target(node, i))};`));
  }
  return { source, target };
}

export const MODEL_DOT_KEYS = ['showShapes', 'showLayerTypes', 'showParams', 'expandNested', 'rankdir'] as const;

/**
 * The model's graph in Graphviz's DOT language, as Keras' `model_to_dot`: a box per layer with
 * its name, class, output shape and parameter count, an edge per tensor passed between layers
 * (read from the model's nodes, so shared layers, several inputs and outputs and merges show as
 * they are wired), nested models as one box or, with `expandNested`, as a cluster of their layers.
 */
export function modelToDot(model: AnyModel, options: ModelDotOptions = {}): string {
  const w: Writer = {
    lines: [],
    options: { showShapes: true, showLayerTypes: true, showParams: true, expandNested: false, rankdir: 'TB', ...options },
  };
  w.lines.push(`digraph ${quote(model.name)} {`);
  w.lines.push(`  graph [rankdir=${w.options.rankdir}, fontname="DejaVu Sans", fontsize=11, bgcolor="white"];`);
  w.lines.push('  node [shape=plaintext, fontname="DejaVu Sans", fontsize=11];');
  w.lines.push('  edge [color="#333333"];');
  writeModel(w, model, '', '  ');
  w.lines.push('}');
  return w.lines.join('\n') + '\n';
}
