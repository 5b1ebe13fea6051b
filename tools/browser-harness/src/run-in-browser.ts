import { build } from 'esbuild';
import { chromiumPath } from './chromium.js';
import { withPage } from './with-page.js';

/** Options of {@link runInBrowser}. */
export interface RunInBrowserOptions {
  /** A TypeScript or JavaScript module whose default export is `async (args) => result` (JSON-serialisable). */
  readonly entry: string;
  /** Passed to the default export (JSON-serialisable). */
  readonly args?: unknown;
  /** Serve the page with COOP/COEP headers, so `crossOriginIsolated` is true and SharedArrayBuffer exists. Default false. */
  readonly crossOriginIsolated?: boolean;
  /** Files the page may fetch: URL path (`/data/a.png`) to file path. */
  readonly files?: Readonly<Record<string, string>>;
  /** Give up after this long. Default 120,000 ms. */
  readonly timeoutMs?: number;
  /** Extra Chromium flags (`--enable-unsafe-webgpu` is always passed). */
  readonly launchArgs?: readonly string[];
  /** Write a PNG screenshot of the page here after the module ran. */
  readonly screenshot?: string;
}

/** What the page reported besides the module's result. */
export interface BrowserRun<T> {
  readonly result: T;
  /** The page's console messages, in order (`'error: ...'`, `'log: ...'`). */
  readonly console: readonly string[];
}

const PAGE = `<!doctype html><meta charset="utf-8"><body><script type="module">
import run from '/entry.js';
try {
  const args = await (await fetch('/args.json')).json();
  window.__layerwiseResult = { ok: true, value: await run(args) };
} catch (error) {
  window.__layerwiseResult = { ok: false, error: String(error && error.stack || error) };
}
</script></body>`;

/**
 * Bundles `entry` for the browser with esbuild (workspace packages from their TypeScript sources,
 * through the `@layerwise/source` condition; lazily imported `node:` built-ins left out), serves it
 * from a local HTTP server (cross-origin isolated on request), runs its default export in headless
 * Chromium through playwright-core, and returns its result. An exception in the module rejects with
 * its message and stack.
 */
export async function runInBrowser<T>(options: RunInBrowserOptions): Promise<BrowserRun<T>> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('runInBrowser: Chromium is not installed (apt-get install chromium)');
  const bundle = await build({
    entryPoints: [options.entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@layerwise/source'],
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const generated = new Map([
    ['/', PAGE],
    ['/index.html', PAGE],
    ['/entry.js', bundle.outputFiles[0]!.text],
    ['/args.json', JSON.stringify(options.args ?? null)],
  ]);
  return withPage({ generated, files: options.files ?? {}, crossOriginIsolated: options.crossOriginIsolated ?? false, launchArgs: options.launchArgs ?? [] }, async ({ page, origin, console: messages }) => {
    await page.goto(`${origin}/`);
    const timeout = options.timeoutMs ?? 120_000;
    await page.waitForFunction(() => (window as unknown as { __layerwiseResult?: unknown }).__layerwiseResult !== undefined, undefined, { timeout });
    const outcome = await page.evaluate(() => (window as unknown as { __layerwiseResult: { ok: boolean; value?: unknown; error?: string } }).__layerwiseResult);
    if (options.screenshot) await page.screenshot({ path: options.screenshot, fullPage: true });
    if (!outcome.ok) throw new Error(`runInBrowser: ${options.entry} threw in Chromium: ${outcome.error}\nconsole:\n${messages.join('\n')}`);
    return { result: outcome.value as T, console: [...messages] };
  });
}
