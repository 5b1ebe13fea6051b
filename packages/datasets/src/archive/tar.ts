import { LayerwiseError } from '@layerwise/core';

const BLOCK = 512;

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
}

/** A numeric header field: octal text, or GNU's base-256 (first byte 0x80) for large sizes. */
function number(bytes: Uint8Array, start: number, length: number): number {
  if (bytes[start]! & 0x80) {
    let value = bytes[start]! & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + bytes[start + i]!;
    return value;
  }
  const digits = text(bytes, start, length).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum === number(header, 148, 8);
}

/** The `path` record of a pax extended header (`<length> path=<value>\n` records). */
function paxPath(data: Uint8Array): string | undefined {
  const records = new TextDecoder().decode(data);
  return /(?:^|\n)\d+ path=([^\n]*)\n/.exec(records)?.[1];
}

/**
 * Reads a tar archive (POSIX ustar, GNU long names, pax `path` records) into its regular files,
 * by path (directories and links are left out). Each file's bytes are a view into `bytes`. A
 * header with a bad checksum or a file running past the end raises a `LayerwiseError` naming
 * `source`.
 *
 * @example
 * ```ts
 * const files = untar(await gunzip(archive, { source }), { source });
 * files.get('cifar-10-batches-bin/test_batch.bin'); // Uint8Array
 * ```
 */
export function untar(bytes: Uint8Array, { source }: { source: string }): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return files;
    if (!checksumOk(header)) {
      throw new LayerwiseError(`${source}: not a tar archive, or corrupt: bad header checksum at byte ${offset}`);
    }
    const size = number(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    const start = offset + BLOCK;
    if (start + size > bytes.length) {
      throw new LayerwiseError(
        `${source}: truncated tar archive: '${text(header, 0, 100)}' needs ${size} bytes at byte ${start}, the archive has ${bytes.length}`,
      );
    }
    const data = bytes.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = text(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const prefix = text(header, 257, 6).startsWith('ustar') ? text(header, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type === '0' || type === '\0' || type === '7') files.set(name.replace(/^\.\//, ''), data);
  }
  if (offset < bytes.length || files.size === 0) {
    throw new LayerwiseError(`${source}: truncated tar archive: it ends inside a header at byte ${offset} of ${bytes.length}`);
  }
  return files;
}
