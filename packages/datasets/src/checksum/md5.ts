import { md5HexJs } from './md5-js.js';

type CreateHash = (typeof import('node:crypto'))['createHash'];

let loading: Promise<CreateHash | undefined> | undefined;

function loadCreateHash(): Promise<CreateHash | undefined> {
  loading ??= (async () => {
    const process = (globalThis as { process?: { versions?: { node?: unknown } } }).process;
    if (typeof process?.versions?.node !== 'string') return undefined;
    try {
      const crypto = await import(/* webpackIgnore: true */ /* @vite-ignore */ 'node:crypto');
      return crypto.createHash;
    } catch {
      return undefined;
    }
  })();
  return loading;
}

/**
 * The MD5 digest of `bytes` as 32 lowercase hex digits: Node's `crypto` where it is available
 * (loaded on first use, so browser bundles never see it), else a plain JavaScript implementation.
 *
 * @example
 * ```ts
 * await md5Hex(new TextEncoder().encode('abc')); // '900150983cd24fb0d6963f7d28e17f72'
 * ```
 */
export async function md5Hex(bytes: Uint8Array): Promise<string> {
  const createHash = await loadCreateHash();
  if (createHash === undefined) return md5HexJs(bytes);
  return createHash('md5').update(bytes).digest('hex');
}
