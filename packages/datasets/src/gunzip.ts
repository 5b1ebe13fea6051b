import { LayerwiseError } from '@layerwise/core';

/** Options of {@link gunzip}. */
export interface GunzipOptions {
  /** The file the bytes came from, named in error messages (`'train-images-idx3-ubyte.gz'`). */
  readonly source: string;
}

function hex(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).padStart(2, '0')}`;
}

/**
 * Decompresses gzip data with the platform's `DecompressionStream('gzip')` (Node 18+ and every
 * current browser). A file that is not gzip, truncated or corrupt raises a `LayerwiseError`
 * naming `source` and what is wrong.
 *
 * @example
 * ```ts
 * const raw = await gunzip(gzBytes, { source: 'train-labels-idx1-ubyte.gz' });
 * ```
 */
export async function gunzip(bytes: Uint8Array, { source }: GunzipOptions): Promise<Uint8Array> {
  if (bytes.length < 18) {
    throw new LayerwiseError(
      `${source}: truncated gzip data: a gzip file has at least 18 bytes (header and trailer), got ${bytes.length}`,
    );
  }
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new LayerwiseError(
      `${source}: not gzip data: expected the gzip magic bytes 0x1f 0x8b, got ${hex(bytes[0])} ${hex(bytes[1])}`,
    );
  }
  if (typeof DecompressionStream !== 'function') {
    throw new LayerwiseError(`${source}: cannot decompress: this platform has no DecompressionStream (Node 18+ or a current browser is needed)`);
  }
  try {
    const stream = new DecompressionStream('gzip');
    const writer = stream.writable.getWriter();
    // Write and read at once: the stream's buffers are bounded, so reading must not wait.
    const writing = writer.write(bytes as Uint8Array<ArrayBuffer>).then(() => writer.close());
    const [, decompressed] = await Promise.all([writing, new Response(stream.readable).arrayBuffer()]);
    return new Uint8Array(decompressed);
  } catch (error) {
    const reason = (error as Error).message || String(error);
    const kind = /unexpected end/i.test(reason) ? 'truncated' : 'corrupt';
    throw new LayerwiseError(`${source}: ${kind} gzip data (${bytes.length} bytes): ${reason}`);
  }
}
