import { LayerwiseError } from '@layerwise/core';

/**
 * Imports a package on first use and keeps the promise, so that importing `@layerwise/vis` loads
 * none of its charting, layout or image libraries; a failed import is reported with the package to
 * install and is retried on the next call.
 */
export function lazyModule<T>(load: () => Promise<unknown>, specifier: string, purpose: string): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= (load() as Promise<T>).catch((cause: unknown) => {
      loaded = undefined;
      throw new LayerwiseError(`${purpose} needs the '${specifier}' package: npm install ${specifier} (${String(cause)})`);
    });
    return loaded;
  };
}
