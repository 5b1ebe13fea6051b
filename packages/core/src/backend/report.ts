/** A backend `useBackend('auto')` tried and could not use. */
export interface SkippedBackend {
  /** The backend's name (`'webgpu'`). */
  readonly name: string;
  /** The npm package that provides it. */
  readonly packageName: string;
  /** Why it could not be used: `'<package> is not installed'` or the error's first line. */
  readonly why: string;
}

/** How the active backend came to be chosen. */
export type BackendChoice = 'auto' | 'explicit' | 'application' | 'default';

/** What `useBackend` chose, and why. */
export interface BackendReport {
  /** The active tfjs backend's name. */
  readonly name: string;
  /**
   * `'auto'`: the first available of `useBackend('auto')`'s candidates; `'explicit'`: named in
   * `useBackend(name)`; `'application'`: a backend the application registered itself, or switched
   * to with `tf.setBackend`; `'default'`: tfjs-core's own choice, `useBackend` was never called.
   */
  readonly choice: BackendChoice;
  /** Why it was chosen, in a sentence, including the candidates that failed and their errors. */
  readonly reason: string;
  /** The candidates tried before it, with why each could not be used (`'auto'` only; else empty). */
  readonly skipped: readonly SkippedBackend[];
}

const MISSING_MODULE = /Cannot find (?:package|module)|Failed to resolve module specifier|Failed to fetch dynamically imported module|ERR_MODULE_NOT_FOUND/;

/** Why a provider failed, shortly: a missing package says so; anything else is its error's first line. */
export function skipReason(packageName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND' || MISSING_MODULE.test(message);
  // The package itself, quoted as the import specifier (not a package it failed to import, whose
  // message may name this one in the importer's path).
  const named = ["'", '"', '`'].some((q) => message.includes(`${q}${packageName}${q}`));
  if (missing && named) return `${packageName} is not installed`;
  return message.split('\n')[0]!.trim();
}

/** The one-line summary progress bars print: `layerwise-wasm (auto; skipped webgpu: no adapter)`. */
export function describeBackend(report: BackendReport): string {
  const skipped = report.skipped.map((s) => `${s.name}: ${s.why}`).join('; ');
  const how = report.choice === 'default' ? "tfjs-core's default; useBackend was not called" : report.choice === 'application' ? 'set by the application' : report.choice;
  return `${report.name} (${how}${skipped ? `; skipped ${skipped}` : ''})`;
}
