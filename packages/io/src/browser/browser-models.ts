import { LayerwiseError } from '@layerwise/core';
import { toLayersArtifacts, modelFromArtifacts, type LayersModelArtifacts } from '../tfjs/layers-artifacts.js';
import type { ModelJson } from '../tfjs/model-json.js';
import { trainingConfigOf } from '../training/training-config.js';
import type { AnyModel } from '../weights/weight-groups.js';
import { parseBrowserLocation } from './browser-locations.js';
import { getModel, putModel } from './idb.js';

const LOCAL_PREFIX = 'layerwise/models/';

const toBase64 = (bytes: Uint8Array) => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/**
 * Saves a model in a browser, in the TensorFlow.js Layers format (which TensorFlow.js reads too):
 * `indexeddb://name` into IndexedDB, `localstorage://name` into localStorage (base64; a quota error
 * names the size), `downloads://name` as two downloads, `name.json` and `name.weights.bin`.
 */
export async function saveModelInBrowser(model: AnyModel, target: string, owner: string): Promise<void> {
  const { scheme, name } = parseBrowserLocation(owner, target);
  const trainingConfig = trainingConfigOf(model);
  const artifacts = toLayersArtifacts(model, { ...(trainingConfig ? { trainingConfig } : {}), shardPath: `${name}.weights.bin` });
  if (scheme === 'indexeddb') {
    await putModel(owner, { name, modelJson: artifacts.modelJson, weightData: artifacts.weightData.slice().buffer, savedAt: new Date().toISOString() });
  } else if (scheme === 'localstorage') {
    const text = JSON.stringify({ modelJson: artifacts.modelJson, weightData: toBase64(artifacts.weightData) });
    try {
      localStorage.setItem(`${LOCAL_PREFIX}${name}`, text);
    } catch (error) {
      throw new LayerwiseError(`${owner}: localStorage refused '${name}' (${text.length} characters; browsers allow about 5 MB): ${(error as Error).message}. Use indexeddb:// for larger models`);
    }
  } else {
    download(new Blob([JSON.stringify(artifacts.modelJson)], { type: 'application/json' }), `${name}.json`);
    download(new Blob([artifacts.weightData.slice().buffer], { type: 'application/octet-stream' }), `${name}.weights.bin`);
  }
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Loads a model saved by {@link saveModelInBrowser} from IndexedDB or localStorage. */
export async function loadModelFromBrowser(source: string, owner: string, compile: boolean): Promise<AnyModel> {
  const { scheme, name } = parseBrowserLocation(owner, source);
  let artifacts: LayersModelArtifacts;
  if (scheme === 'indexeddb') {
    const stored = await getModel(owner, name);
    artifacts = { modelJson: stored.modelJson as ModelJson, weightData: new Uint8Array(stored.weightData), source };
  } else if (scheme === 'localstorage') {
    const text = localStorage.getItem(`${LOCAL_PREFIX}${name}`);
    if (text === null) throw new LayerwiseError(`${owner}: localStorage holds no model named '${name}'`);
    const parsed = JSON.parse(text) as { modelJson: ModelJson; weightData: string };
    artifacts = { modelJson: parsed.modelJson, weightData: fromBase64(parsed.weightData), source };
  } else {
    throw new LayerwiseError(`${owner}: downloads:// only saves; load the downloaded files with loadModel(files)`);
  }
  return modelFromArtifacts(artifacts, { compile });
}

/**
 * Loads a TensorFlow.js model from files the user picked (an `<input type="file" multiple>` or a
 * drop): the `.json` file and the weight files its manifest names, matched by file name.
 */
export async function loadModelFromFiles(files: readonly File[], owner: string, compile: boolean): Promise<AnyModel> {
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (!json) throw new LayerwiseError(`${owner}: none of the files (${files.map((f) => f.name).join(', ')}) is a model.json`);
  const modelJson = JSON.parse(await json.text()) as ModelJson;
  const paths = (modelJson.weightsManifest ?? []).flatMap((group) => group.paths);
  const parts: Uint8Array[] = [];
  for (const path of paths) {
    const base = path.split('/').pop()!;
    const file = files.find((f) => f.name === base);
    if (!file) throw new LayerwiseError(`${owner}: ${json.name} names the weight file '${base}', which is not among the files given`);
    parts.push(new Uint8Array(await file.arrayBuffer()));
  }
  const weightData = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    weightData.set(part, offset);
    offset += part.length;
  }
  return modelFromArtifacts({ modelJson, weightData, source: json.name }, { compile });
}
