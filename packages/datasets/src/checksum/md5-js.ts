/** Per-round left-rotation amounts of MD5 (RFC 1321). */
const SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
  5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

/** The sine-derived constants of MD5: floor(|sin(i + 1)| * 2^32). */
const CONSTANTS = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

/** Runs the MD5 compression function over the 64-byte block at `offset` of `view`. */
function compress(state: Int32Array, view: DataView, offset: number, words: Int32Array): void {
  for (let i = 0; i < 16; i++) words[i] = view.getInt32(offset + 4 * i, true);
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    f = (f + a + CONSTANTS[i]! + words[g]!) | 0;
    const s = SHIFTS[i]!;
    a = d;
    d = c;
    c = b;
    b = (b + ((f << s) | (f >>> (32 - s)))) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
}

/**
 * The MD5 digest of `bytes` as 32 lowercase hex digits, in plain JavaScript (RFC 1321). Used where
 * Node's `crypto` is not available (browsers have no MD5 in Web Crypto).
 */
export function md5HexJs(bytes: Uint8Array): string {
  const state = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476);
  const words = new Int32Array(16);
  const fullBlocks = Math.floor(bytes.length / 64);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let block = 0; block < fullBlocks; block++) compress(state, view, block * 64, words);
  // The tail: the remaining bytes, 0x80, zeros, then the length in bits (64-bit little-endian).
  const rest = bytes.length - fullBlocks * 64;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(bytes.subarray(fullBlocks * 64));
  tail[rest] = 0x80;
  const tailView = new DataView(tail.buffer);
  tailView.setUint32(tail.length - 8, (bytes.length * 8) >>> 0, true);
  tailView.setUint32(tail.length - 4, Math.floor(bytes.length / 2 ** 29), true);
  for (let offset = 0; offset < tail.length; offset += 64) compress(state, tailView, offset, words);
  const digest = new Uint8Array(16);
  const digestView = new DataView(digest.buffer);
  for (let i = 0; i < 4; i++) digestView.setInt32(4 * i, state[i]!, true);
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
