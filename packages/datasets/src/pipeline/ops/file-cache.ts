import { LayerwiseError } from '@layerwise/core';
import { removeFile, temporaryPath } from '../../fetch/file-store.js';
import { loadNodeModules, type NodeModules } from '../../node-modules.js';
import { decodeElement, encodeElement, payloadSize } from '../element-codec.js';

const OWNER = 'Dataset.cache';
const MAGIC = new TextEncoder().encode('LAYERWISE-DATASET-CACHE 1\n');

async function node(): Promise<NodeModules> {
  const modules = await loadNodeModules();
  if (!modules) throw new LayerwiseError(`${OWNER}: a cache file needs a file system (Node); call cache() without a file to keep the elements in memory`);
  return modules;
}

type Handle = Awaited<ReturnType<NodeModules['fs']['open']>>;

async function readExactly(handle: Handle, length: number, position: number, file: string): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new LayerwiseError(`${OWNER}: the cache file ${file} is truncated at byte ${position + bytesRead}; delete it to rebuild it`);
  return buffer;
}

/** Replays the elements of a complete cache file, one record at a time. */
async function* replay<T>(modules: NodeModules, file: string): AsyncGenerator<T> {
  const handle = await modules.fs.open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const magic = await readExactly(handle, Math.min(MAGIC.length, size), 0, file);
    if (magic.length !== MAGIC.length || !magic.every((b, i) => b === MAGIC[i])) {
      throw new LayerwiseError(`${OWNER}: ${file} is not a dataset cache file; delete it or choose another file`);
    }
    let position = MAGIC.length;
    while (position < size) {
      const length = new DataView((await readExactly(handle, 4, position, file)).buffer).getUint32(0, true);
      let header: unknown;
      try {
        header = JSON.parse(new TextDecoder().decode(await readExactly(handle, length, position + 4, file)));
      } catch (error) {
        if (error instanceof LayerwiseError) throw error;
        throw new LayerwiseError(`${OWNER}: the cache file ${file} is corrupt at byte ${position}; delete it to rebuild it`);
      }
      const bytes = payloadSize(header);
      const payload = await readExactly(handle, bytes, position + 4 + length, file);
      position += 4 + length + bytes;
      yield decodeElement(header, payload) as T;
    }
  } finally {
    await handle.close();
  }
}

/**
 * `cache({ file })`: the first complete pass is written to `file` as elements go by (through a
 * temporary file renamed into place at the end, so a pass stopped early leaves no cache); when the
 * file exists — later epochs, later runs — elements are read from it and the source (decoding,
 * augmenting, ...) is not run at all.
 */
export async function* fileCacheOp<T>(source: AsyncIterable<T>, file: string): AsyncGenerator<T> {
  const modules = await node();
  const exists = await modules.fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
  if (exists) {
    yield* replay<T>(modules, file);
    return;
  }
  const temporary = temporaryPath(file);
  const handle = await modules.fs.open(temporary, 'w').catch((error: Error) => {
    throw new LayerwiseError(`${OWNER}: cannot write the cache file ${file}: ${error.message}`);
  });
  let complete = false;
  try {
    let position = 0;
    const write = async (bytes: Uint8Array) => {
      await handle.write(bytes, 0, bytes.length, position);
      position += bytes.length;
    };
    await write(MAGIC);
    for await (const element of source) {
      await write(encodeElement(element, OWNER));
      yield element;
    }
    complete = true;
  } finally {
    await handle.close();
    if (complete) await modules.fs.rename(temporary, file);
    else await removeFile(modules, temporary);
  }
}
