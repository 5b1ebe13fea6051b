import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium (`apt-get install chromium`), or `CHROMIUM_PATH`; undefined when absent. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * Why browser tests cannot run here, or undefined when they can. In CI (`CI` set) a missing
 * Chromium throws instead, so browser tests fail rather than skip silently there.
 */
export function browserUnavailable(): string | undefined {
  if (chromiumPath()) return undefined;
  const why = 'Chromium is not installed (apt-get install chromium; .ci/run installs it)';
  if (process.env['CI']) throw new Error(`Browser tests need Chromium: ${why}`);
  return why;
}
