import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '@layerwise/core';
import { registerLayer } from '@layerwise/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectIdentical } from '../testing/compare.js';
import { customNet, functionalNet, inputsFor, nestedFunctional, Scale, sequentialNet } from '../testing/models.js';
import type { AnyModel } from '../weights/weight-groups.js';
import { modelFromArtifacts, toLayersArtifacts } from './layers-artifacts.js';

const outputs = (value: tf.Tensor | tf.Tensor[]) => (Array.isArray(value) ? value : [value]);

/** Our artifacts loaded by @tensorflow/tfjs-layers. */
function inTfjs(m: AnyModel): Promise<tfl.LayersModel> {
  const { modelJson, weightData } = toLayersArtifacts(m);
  const buffer = weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength) as ArrayBuffer;
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology as object, weightSpecs: modelJson.weightsManifest[0]!.weights as tf.io.WeightsManifestEntry[], weightData: buffer }),
  );
}

const cases: [string, () => AnyModel, number[][]?][] = [
  ['a Sequential convnet with BatchNormalization', sequentialNet],
  ['a functional model with two inputs, two outputs and a nested Sequential', functionalNet],
  ['a functional model nested in a Sequential', nestedFunctional, [[5]]],
];

describe('writing the TensorFlow.js Layers format', () => {
  beforeAll(async () => {
    await useBackend('cpu');
    registerLayer(Scale);
  });

  for (const [what, make, shapes] of cases) {
    it(`${what}: loads in tfjs-layers with the same predictions, and back here bit for bit`, async () => {
      const before = tf.memory().numTensors;
      const original = make();
      const x = inputsFor(original, shapes);
      const expected = outputs(original.predictOnBatch(x));
      const theirs = await inTfjs(original);
      const predicted = outputs(theirs.predict(x.length === 1 ? x[0]! : x) as tf.Tensor | tf.Tensor[]);
      expect(predicted).toHaveLength(expected.length);
      predicted.forEach((p, i) => expectClose(p, expected[i]!, 1e-6));
      const copy = modelFromArtifacts(toLayersArtifacts(original));
      expect(copy.className).toBe(original.className);
      expect(copy.getConfig()).toEqual(original.getConfig());
      const again = outputs(copy.predictOnBatch(x));
      again.forEach((p, i) => expectIdentical(p, expected[i]!));
      tf.dispose([...x, ...expected, ...predicted, ...again]);
      theirs.dispose();
      original.dispose();
      copy.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('a registered custom layer round-trips; unregistered, the error names it and how to register it', () => {
    const original = customNet();
    const artifacts = toLayersArtifacts(original);
    const copy = modelFromArtifacts(artifacts);
    const x = tf.ones([1, 4]);
    const [a, b] = [original.predictOnBatch(x), copy.predictOnBatch(x)] as tf.Tensor[];
    expectIdentical(a!, b!);
    const renamed = JSON.parse(JSON.stringify(artifacts.modelJson).replace(/"Scale"/g, '"Shift"'));
    expect(() => modelFromArtifacts({ ...artifacts, modelJson: renamed })).toThrow(/unknown layer class 'Shift'.*registerLayer\(Shift\)/);
    tf.dispose([x, a!, b!]);
    original.dispose();
    copy.dispose();
  });

  it('writes the manifest TensorFlow.js expects: names, shapes, dtypes, byte count', () => {
    const m = sequentialNet();
    const { modelJson, weightData } = toLayersArtifacts(m);
    const specs = modelJson.weightsManifest[0]!.weights;
    expect(specs.map((s) => s.name).sort()).toEqual(m.weights.map((w) => w.name).sort());
    expect(specs.every((s) => s.dtype === 'float32')).toBe(true);
    expect(weightData.byteLength).toBe(m.countParams() * 4);
    expect(modelJson.format).toBe('layers-model');
    m.dispose();
  });
});
