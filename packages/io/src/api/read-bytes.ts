import { readFileBytes } from '../node/atomic-write.js';
import { fetchBytes, isHttpUrl, type HttpOptions } from './http.js';

/** The bytes of a file path (Node) or an HTTP(S) URL. */
export function readSourceBytes(source: string, owner: string, options: HttpOptions): Promise<Uint8Array> {
  return isHttpUrl(source) ? fetchBytes(source, options) : readFileBytes(source, owner);
}
