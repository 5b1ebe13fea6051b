export { browserUnavailable, chromiumPath } from './chromium.js';
export { runInBrowser, type BrowserRun, type RunInBrowserOptions } from './run-in-browser.js';
export { servePage, type PageContent } from './serve.js';
