import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from './chromium.js';
import { servePage } from './serve.js';

/** Options of {@link withPage}. */
export interface WithPageOptions {
  /** Generated text served by URL path (`'/'`, `'/entry.js'`). */
  readonly generated?: ReadonlyMap<string, string>;
  /** Files served from disk: URL path (`/data/a.png`) to file path. */
  readonly files?: Readonly<Record<string, string>>;
  /** Serve with COOP/COEP headers, so `crossOriginIsolated` is true and SharedArrayBuffer exists. Default false. */
  readonly crossOriginIsolated?: boolean;
  /** Extra Chromium flags (`--enable-unsafe-webgpu` is always passed). */
  readonly launchArgs?: readonly string[];
  /** The browser window's size; default Playwright's (1280x720). */
  readonly viewport?: { readonly width: number; readonly height: number };
}

/** What {@link withPage} hands its callback: the page (not yet navigated), the server's origin, and the console so far. */
export interface PageSession {
  readonly page: Page;
  readonly origin: string;
  /** The page's console messages, in order (`'error: ...'`, `'log: ...'`, `'pageerror: ...'`). */
  readonly console: readonly string[];
}

/**
 * Serves the content from a local HTTP server, opens a page in headless Chromium (Debian's, through
 * playwright-core; never a downloaded browser) and runs `use` with it; the browser and the server
 * are closed afterwards, whatever happens.
 */
export async function withPage<T>(options: WithPageOptions, use: (session: PageSession) => Promise<T>): Promise<T> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('withPage: Chromium is not installed (apt-get install chromium)');
  const { server, origin } = await servePage({
    generated: options.generated ?? new Map(),
    files: options.files ?? {},
    crossOriginIsolated: options.crossOriginIsolated ?? false,
  });
  let browser: Browser | undefined;
  const messages: string[] = [];
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: ['--enable-unsafe-webgpu', '--no-sandbox', ...(options.launchArgs ?? [])] });
    const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    return await use({ page, origin, console: messages });
  } finally {
    await browser?.close();
    server.close();
  }
}
