import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5Hex } from './md5.js';
import { md5HexJs } from './md5-js.js';

// The test suite of RFC 1321, appendix A.5.
const RFC_1321: readonly (readonly [string, string])[] = [
  ['', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['a', '0cc175b9c0f1b6a831c399e269772661'],
  ['abc', '900150983cd24fb0d6963f7d28e17f72'],
  ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
  ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
  ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
  ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
];

const nodeMd5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

describe('md5', () => {
  it.each(RFC_1321)('md5Hex and md5HexJs give the RFC 1321 digest of %j', async (text, digest) => {
    const bytes = new TextEncoder().encode(text);
    expect(await md5Hex(bytes)).toBe(digest);
    expect(md5HexJs(bytes)).toBe(digest);
  });

  it('md5HexJs agrees with Node on every length around the padding boundaries', () => {
    const data = new Uint8Array(randomBytes(300));
    for (let length = 0; length <= 300; length++) {
      const bytes = data.subarray(0, length);
      expect(md5HexJs(bytes), `length ${length}`).toBe(nodeMd5(bytes));
    }
  });

  it('md5HexJs agrees with Node on a large view that starts inside its buffer', () => {
    const data = new Uint8Array(randomBytes(1_000_003));
    const view = data.subarray(3);
    expect(md5HexJs(view)).toBe(nodeMd5(view));
  });
});
