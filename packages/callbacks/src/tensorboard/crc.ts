/** The lookup table of a reflected 32-bit CRC with the given (reversed) polynomial. */
function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

function crc(table: Uint32Array, bytes: Uint8Array): number {
  let value = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) value = table[(value ^ bytes[i]!) & 0xff]! ^ (value >>> 8);
  return (value ^ 0xffffffff) >>> 0;
}

let castagnoli: Uint32Array | undefined;
let ieee: Uint32Array | undefined;

/** CRC-32C (Castagnoli), the checksum of TensorFlow's record files. */
export function crc32c(bytes: Uint8Array): number {
  castagnoli ??= crcTable(0x82f63b78);
  return crc(castagnoli, bytes);
}

/** CRC-32 (IEEE 802.3), the checksum of PNG chunks. */
export function crc32(bytes: Uint8Array): number {
  ieee ??= crcTable(0xedb88320);
  return crc(ieee, bytes);
}

/** TensorFlow's masked CRC: the CRC-32C rotated right by 15 bits plus 0xa282ead8. */
export function maskedCrc32c(bytes: Uint8Array): number {
  const value = crc32c(bytes);
  return ((((value >>> 15) | (value << 17)) >>> 0) + 0xa282ead8) >>> 0;
}
