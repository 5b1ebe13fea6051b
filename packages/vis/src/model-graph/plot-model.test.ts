import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@layerwise/core';
import { concatenate, conv2d, dense, flatten, input, model, sequential } from '@layerwise/layers';
import { modelToDot } from './model-dot.js';
import { plotModel } from './plot-model.js';
import { decodePng, distinctColours } from '../testing/png.js';

beforeAll(() => useBackend('cpu'));

/** Two inputs, a nested Sequential applied to one, a concatenation and two heads. */
function twoInputModel() {
  const image = input({ shape: [8, 8, 1], name: 'image' });
  const meta = input({ shape: [3], name: 'meta' });
  const tower = sequential([conv2d({ filters: 4, kernelSize: 3, name: 'tower_conv', inputShape: [8, 8, 1] }), flatten({ name: 'tower_flat' })], { name: 'tower' });
  const merged = concatenate({ name: 'merge' }).apply([tower.apply(image) as never, meta]);
  const label = dense({ units: 5, name: 'label' }).apply(merged);
  const score = dense({ units: 1, name: 'score' }).apply(merged);
  return model({ inputs: [image, meta], outputs: [label, score], name: 'two_heads' });
}

describe('modelToDot', () => {
  it('has a box per layer with name, class, shape and parameters, and the graph edges', () => {
    const dot = modelToDot(twoInputModel());
    expect(dot).toContain('"tower" [label=<<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4"><TR><TD COLSPAN="2"><B>tower</B> (Sequential)</TD></TR><TR><TD>Output shape</TD><TD>(None, 144)</TD></TR><TR><TD>Params</TD><TD>40</TD></TR></TABLE>>];');
    expect(dot).toContain('<B>merge</B> (Concatenate)</TD></TR><TR><TD>Output shape</TD><TD>(None, 147)</TD>');
    expect(dot).toContain('<B>label</B> (Dense)</TD></TR><TR><TD>Output shape</TD><TD>(None, 5)</TD></TR><TR><TD>Params</TD><TD>740</TD>');
    const edges = dot.split('\n').filter((l) => l.includes('->')).map((l) => l.trim());
    expect(edges).toEqual(['"image" -> "tower";', '"tower" -> "merge";', '"meta" -> "merge";', '"merge" -> "label";', '"merge" -> "score";']);
  });

  it('expands nested models into clusters wired to their inner layers', () => {
    const dot = modelToDot(twoInputModel(), { expandNested: true, showParams: false, rankdir: 'LR' });
    expect(dot).toContain('subgraph "cluster_tower" {');
    expect(dot).toContain('rankdir=LR');
    expect(dot).not.toContain('Params');
    expect(modelToDot(twoInputModel(), { showLayerTypes: false, showShapes: false })).toContain('<TR><TD COLSPAN="2"><B>merge</B></TD></TR><TR><TD>Params</TD><TD>0</TD></TR>');
    const edges = dot.split('\n').filter((l) => l.includes('->')).map((l) => l.trim());
    const towerInput = `tower/${(dot.match(/"tower\/(tower_conv_input[_\d]*)" \[label=/) ?? [])[1]}`;
    expect(edges).toEqual([`"${towerInput}" -> "tower/tower_conv";`, '"tower/tower_conv" -> "tower/tower_flat";', `"image" -> "${towerInput}";`, '"tower/tower_flat" -> "merge";', '"meta" -> "merge";', '"merge" -> "label";', '"merge" -> "score";']);
  });

  it('chains the layers of a Sequential without an input shape', () => {
    const dot = modelToDot(sequential([dense({ units: 2, name: 'a' }), dense({ units: 1, name: 'b' })]));
    expect(dot).toContain('"a" -> "b";');
    expect(dot).toContain('<TD>Output shape</TD><TD>?</TD>');
  });
});

describe('plotModel', () => {
  it('lays the graph out with Graphviz as SVG and PNG', async () => {
    const net = twoInputModel();
    const svg = await plotModel(net);
    expect(svg).toMatch(/<svg width="\d+pt" height="\d+pt"/);
    for (const text of ['>tower<', '>merge<', '>label<', '>score<', '> (Concatenate)<', '>(None, 147)<']) expect(svg).toContain(text);
    expect(svg.match(/class="edge"/g)).toHaveLength(5);
    expect(svg.match(/class="node"/g)).toHaveLength(6);
    const png = await decodePng(await plotModel(net, { format: 'png', expandNested: true }));
    expect(png.height).toBeGreaterThan(png.width / 3);
    expect(distinctColours(png.data, png.channels)).toBeGreaterThan(2);
  });

  it('names bad arguments', async () => {
    await expect(plotModel({} as never)).rejects.toThrow(/plotModel: received an invalid value for `model`/);
    await expect(plotModel(twoInputModel(), { rankdir: 'RL' as 'LR' })).rejects.toThrow(/`rankdir`.*Received: rankdir='RL'/);
    await expect(plotModel(twoInputModel(), { showShapes: 1 as never })).rejects.toThrow(/`showShapes`, expected a boolean/);
  });
});
