import { LayerwiseError } from '@layerwise/core';

const DATABASE = 'layerwise';
const STORE = 'models';

/** A model as IndexedDB keeps it: the TensorFlow.js `model.json` and its weights. */
export interface StoredModel {
  readonly name: string;
  readonly modelJson: unknown;
  readonly weightData: ArrayBuffer;
  readonly savedAt: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function open(owner: string): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') throw new LayerwiseError(`${owner}: IndexedDB is not available here (indexeddb:// works in browsers)`);
  const req = indexedDB.open(DATABASE, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'name' });
  };
  return request(req);
}

/** Puts a model into the `layerwise` database's `models` store (replacing one of the same name). */
export async function putModel(owner: string, model: StoredModel): Promise<void> {
  const db = await open(owner);
  try {
    const tx = db.transaction(STORE, 'readwrite');
    await request(tx.objectStore(STORE).put(model));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Reads a model from the store, or throws naming it. */
export async function getModel(owner: string, name: string): Promise<StoredModel> {
  const db = await open(owner);
  try {
    const found = (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(name))) as StoredModel | undefined;
    if (!found) throw new LayerwiseError(`${owner}: IndexedDB holds no model named '${name}'`);
    return found;
  } finally {
    db.close();
  }
}
