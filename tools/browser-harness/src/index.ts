export { browserUnavailable, chromiumPath } from './chromium.js';
export { runInBrowser, type BrowserRun, type RunInBrowserOptions } from './run-in-browser.js';
export { directoryFiles, servePage, type PageContent } from './serve.js';
export { withPage, type PageSession, type WithPageOptions } from './with-page.js';
export type { Page } from 'playwright-core';
