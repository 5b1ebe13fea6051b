import { LayerwiseError } from '@layerwise/core';

/** The browser locations models are saved to and loaded from, as TensorFlow.js names them. */
export type BrowserScheme = 'indexeddb' | 'localstorage' | 'downloads';

const PATTERN = /^(indexeddb|localstorage|downloads):\/\/(.+)$/;

/** Whether `location` names a browser store (`indexeddb://name`, `localstorage://name`, `downloads://name`). */
export function isBrowserLocation(location: string): boolean {
  return PATTERN.test(location);
}

/** The scheme and model name of a browser location; errors name `owner` and the location. */
export function parseBrowserLocation(owner: string, location: string): { scheme: BrowserScheme; name: string } {
  const match = PATTERN.exec(location);
  if (!match) throw new LayerwiseError(`${owner}: '${location}' is not a browser location (indexeddb://name, localstorage://name, downloads://name)`);
  return { scheme: match[1] as BrowserScheme, name: match[2]! };
}
