import { LayerwiseError } from '@layerwise/core';

/** The element types of the IDX format, by name. */
export type IdxDtype = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array each IDX element type is read into. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A parsed IDX file: its element type, its dimensions and its values in row-major order. */
export interface IdxArray {
  readonly dtype: IdxDtype;
  readonly shape: readonly number[];
  /** The values; for `uint8` a view into the input bytes (no copy). */
  readonly data: IdxData;
}

/** Options of {@link parseIdx}. */
export interface ParseIdxOptions {
  /** The file the bytes came from, named in error messages. */
  readonly source: string;
  /** The element type the file must have; any when absent. */
  readonly dtype?: IdxDtype;
  /** The rank the file must have; any when absent. */
  readonly rank?: number;
}

interface DtypeInfo {
  readonly dtype: IdxDtype;
  readonly size: number;
}

/** The type codes of the third magic byte. */
const DTYPES: ReadonlyMap<number, DtypeInfo> = new Map([
  [0x08, { dtype: 'uint8', size: 1 }],
  [0x09, { dtype: 'int8', size: 1 }],
  [0x0b, { dtype: 'int16', size: 2 }],
  [0x0c, { dtype: 'int32', size: 4 }],
  [0x0d, { dtype: 'float32', size: 4 }],
  [0x0e, { dtype: 'float64', size: 8 }],
]);

function hexBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `0x${b.toString(16).padStart(2, '0')}`).join(' ');
}

function readValues(bytes: Uint8Array, offset: number, count: number, info: DtypeInfo): IdxData {
  if (info.dtype === 'uint8') return bytes.subarray(offset, offset + count);
  if (info.dtype === 'int8') return new Int8Array(bytes.buffer, bytes.byteOffset + offset, count);
  // Multi-byte values are big-endian in IDX: read them one by one.
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, count * info.size);
  switch (info.dtype) {
    case 'int16':
      return Int16Array.from({ length: count }, (_, i) => view.getInt16(i * 2));
    case 'int32':
      return Int32Array.from({ length: count }, (_, i) => view.getInt32(i * 4));
    case 'float32':
      return Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4));
    case 'float64':
      return Float64Array.from({ length: count }, (_, i) => view.getFloat64(i * 8));
  }
}

/**
 * Parses an IDX file (the format of MNIST and its relatives): two zero bytes, a type code, the
 * rank, the dimensions as big-endian 32-bit integers, then the values. Validates the magic number,
 * the type code, the expected type and rank, and that the data length is exactly what the
 * dimensions call for; a truncated or corrupt file raises a `LayerwiseError` naming `source`.
 *
 * @example
 * ```ts
 * const { shape, data } = parseIdx(await gunzip(gz, { source }), { source, dtype: 'uint8', rank: 3 });
 * // shape [60000, 28, 28], data a Uint8Array of 47,040,000 pixels
 * ```
 */
export function parseIdx(bytes: Uint8Array, options: ParseIdxOptions): IdxArray {
  const { source } = options;
  if (bytes.length < 4) {
    throw new LayerwiseError(`${source}: truncated IDX data: expected a 4-byte magic number, got ${bytes.length} bytes`);
  }
  const magic = bytes.subarray(0, 4);
  const info = DTYPES.get(bytes[2]!);
  if (bytes[0] !== 0 || bytes[1] !== 0 || info === undefined) {
    throw new LayerwiseError(
      `${source}: not an IDX file: bad magic number ${hexBytes(magic)}, expected 0x00 0x00, a type code ` +
        `(0x08 uint8, 0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32, 0x0e float64) and the rank`,
    );
  }
  const rank = bytes[3]!;
  if (options.dtype !== undefined && info.dtype !== options.dtype) {
    throw new LayerwiseError(`${source}: expected IDX values of type ${options.dtype}, got ${info.dtype}`);
  }
  if (options.rank !== undefined && rank !== options.rank) {
    throw new LayerwiseError(`${source}: expected an IDX array of rank ${options.rank}, got rank ${rank}`);
  }
  const headerSize = 4 + 4 * rank;
  if (bytes.length < headerSize) {
    throw new LayerwiseError(
      `${source}: truncated IDX header: expected ${headerSize} bytes for rank ${rank}, got ${bytes.length}`,
    );
  }
  const header = new DataView(bytes.buffer, bytes.byteOffset, headerSize);
  const shape = Array.from({ length: rank }, (_, i) => header.getUint32(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerSize + count * info.size;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'corrupt (trailing bytes after the data)';
    throw new LayerwiseError(
      `${source}: ${what} IDX data: expected ${expected} bytes (${headerSize}-byte header + ` +
        `${rank === 0 ? 1 : shape.join('x')} ${info.dtype} values), got ${bytes.length}`,
    );
  }
  return { dtype: info.dtype, shape, data: readValues(bytes, headerSize, count, info) };
}
