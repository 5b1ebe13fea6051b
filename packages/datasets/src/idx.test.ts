import { LayerwiseError } from '@layerwise/core';
import { describe, expect, it } from 'vitest';
import { parseIdx } from './idx.js';

/** An IDX file: the magic number, big-endian dimensions, then `payload`. */
function idx(typeCode: number, dims: readonly number[], payload: Uint8Array | number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, typeCode, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

function bigEndian(count: number, size: number, write: (view: DataView, i: number) => void): Uint8Array {
  const bytes = new Uint8Array(count * size);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) write(view, i);
  return bytes;
}

function failure(fn: () => unknown): LayerwiseError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LayerwiseError);
    return error as LayerwiseError;
  }
  throw new Error('expected a LayerwiseError');
}

const source = 'images-idx3-ubyte';

describe('parseIdx', () => {
  it('reads uint8 images of rank 3 as a view of the input', () => {
    const pixels = Array.from({ length: 2 * 3 * 4 }, (_, i) => (i * 11) % 256);
    const bytes = idx(0x08, [2, 3, 4], pixels);
    const parsed = parseIdx(bytes, { source, dtype: 'uint8', rank: 3 });
    expect(parsed.dtype).toBe('uint8');
    expect(parsed.shape).toEqual([2, 3, 4]);
    expect(parsed.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(parsed.data)).toEqual(pixels);
    expect(parsed.data.buffer).toBe(bytes.buffer);
  });

  it('reads dimensions above 2^16 and 2^24 (big-endian)', () => {
    const parsed = parseIdx(idx(0x08, [70_000, 0, 17_000_000], []), { source });
    expect(parsed.shape).toEqual([70_000, 0, 17_000_000]);
    expect(parsed.data.length).toBe(0);
  });

  it('reads big-endian int8, int16, int32, float32 and float64 values', () => {
    const int8 = parseIdx(idx(0x09, [3], [0xff, 0x7f, 0x80]), { source });
    expect(int8.dtype).toBe('int8');
    expect(Array.from(int8.data)).toEqual([-1, 127, -128]);

    const int16Values = [-2, 300, -32768];
    const int16 = parseIdx(idx(0x0b, [3], bigEndian(3, 2, (v, i) => v.setInt16(i * 2, int16Values[i]!))), { source });
    expect(int16.data).toBeInstanceOf(Int16Array);
    expect(Array.from(int16.data)).toEqual(int16Values);

    const int32Values = [-1, 256, 2 ** 31 - 1, 70_000];
    const int32 = parseIdx(idx(0x0c, [2, 2], bigEndian(4, 4, (v, i) => v.setInt32(i * 4, int32Values[i]!))), { source, rank: 2 });
    expect(int32.shape).toEqual([2, 2]);
    expect(int32.data).toBeInstanceOf(Int32Array);
    expect(Array.from(int32.data)).toEqual(int32Values);

    const floatValues = [0.5, -1.25, 1e30];
    const float32 = parseIdx(idx(0x0d, [3], bigEndian(3, 4, (v, i) => v.setFloat32(i * 4, floatValues[i]!))), { source });
    expect(float32.data).toBeInstanceOf(Float32Array);
    expect(Array.from(float32.data)).toEqual(Array.from(Float32Array.from(floatValues)));

    const doubleValues = [Math.PI, -1e300];
    const float64 = parseIdx(idx(0x0e, [2], bigEndian(2, 8, (v, i) => v.setFloat64(i * 8, doubleValues[i]!))), { source });
    expect(float64.dtype).toBe('float64');
    expect(Array.from(float64.data)).toEqual(doubleValues);
  });

  it('reads from a view that starts inside its buffer', () => {
    const file = idx(0x0c, [1], [0, 0, 1, 0]);
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    expect(Array.from(parseIdx(padded.subarray(3), { source }).data)).toEqual([256]);
  });

  it('rejects a wrong magic number, naming the file and the bytes', () => {
    const error = failure(() => parseIdx(Uint8Array.of(0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4), { source }));
    expect(error.message).toMatch(/^images-idx3-ubyte: not an IDX file: bad magic number 0x1f 0x8b 0x08 0x00/);
  });

  it('rejects an unknown type code', () => {
    const error = failure(() => parseIdx(idx(0x07, [1], [0]), { source }));
    expect(error.message).toMatch(/^images-idx3-ubyte: not an IDX file: bad magic number 0x00 0x00 0x07 0x01/);
  });

  it('rejects a type or rank other than the one expected', () => {
    expect(failure(() => parseIdx(idx(0x0c, [1], [0, 0, 0, 1]), { source, dtype: 'uint8' })).message).toBe(
      'images-idx3-ubyte: expected IDX values of type uint8, got int32',
    );
    expect(failure(() => parseIdx(idx(0x08, [2], [1, 2]), { source, rank: 3 })).message).toBe(
      'images-idx3-ubyte: expected an IDX array of rank 3, got rank 1',
    );
  });

  it('rejects a truncated header', () => {
    expect(failure(() => parseIdx(Uint8Array.of(0, 0, 8), { source })).message).toMatch(/^images-idx3-ubyte: truncated IDX data: .*got 3 bytes/);
    const header = idx(0x08, [60_000, 28, 28], []).subarray(0, 10);
    expect(failure(() => parseIdx(header, { source })).message).toBe(
      'images-idx3-ubyte: truncated IDX header: expected 16 bytes for rank 3, got 10',
    );
  });

  it('rejects truncated data with the expected and actual byte counts', () => {
    const bytes = new Uint8Array(1000);
    bytes.set(idx(0x08, [60_000, 28, 28], []));
    expect(failure(() => parseIdx(bytes, { source })).message).toBe(
      'images-idx3-ubyte: truncated IDX data: expected 47040016 bytes (16-byte header + 60000x28x28 uint8 values), got 1000',
    );
  });

  it('rejects bytes after the data', () => {
    expect(failure(() => parseIdx(idx(0x0c, [1], [0, 0, 0, 1, 9]), { source })).message).toBe(
      'images-idx3-ubyte: corrupt (trailing bytes after the data) IDX data: expected 12 bytes (8-byte header + 1 int32 values), got 13',
    );
  });
});
