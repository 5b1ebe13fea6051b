/**
 * Reads an environment variable where there is one (Node); `undefined` in browsers and for an
 * empty value, so that `LAYERWISE_DATASETS_DIR=` counts as unset.
 */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === undefined || value === '' ? undefined : value;
}
