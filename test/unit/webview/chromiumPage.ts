// The webview bundle in headless Chromium, in the page the host builds (webviewHtml, with its
// Content Security Policy), served from loopback, with a test double of VS Code's webview API and a
// dark theme's variables. Every request that leaves the page's own origin is recorded and blocked;
// every policy violation is recorded. Shared by the browser tests and the webview benchmark.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { newNonce, webviewHtml } from '../../../src/host/dashboard/webviewHtml';
import type { HostToWebview, ViewKind, WebviewToHost } from '../../../src/shared/webviewProtocol';

export const CHROMIUM = '/usr/bin/chromium';

export interface ChromiumPageOptions {
  readonly view: ViewKind;
  /** The built webview.js. */
  readonly bundle: string;
  /** media/dashboard.css. */
  readonly stylesheet: string;
  readonly viewport?: { readonly width: number; readonly height: number };
}

export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', ...args] });
}

export interface ChromiumPage {
  readonly page: Page;
  /** What the page posted to the "host", in order. */
  posted(): Promise<WebviewToHost[]>;
  /** Delivers a host message to the page, as VS Code does (a window message event). */
  post(message: HostToWebview): Promise<void>;
  /** Content Security Policy violations the page reported. */
  violations(): Promise<string[]>;
  /** URLs the page tried to reach outside its own origin (all blocked). */
  readonly outsideRequests: string[];
  /** Uncaught errors and console errors of the page. */
  readonly errors: string[];
  /** Closes the page and its server; the browser stays. */
  close(): Promise<void>;
}

/** A few of the variables VS Code sets for its Dark Modern theme. */
const DARK_THEME: Readonly<Record<string, string>> = {
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-sideBar-background': '#181818',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-widget-border': '#313131',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-progressBar-background': '#0078d4',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-errorForeground': '#f85149',
  '--vscode-charts-foreground': '#cccccc',
  '--vscode-charts-lines': 'rgba(204, 204, 204, 0.25)',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-orange': '#d18616',
  '--vscode-charts-purple': '#b180d7',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-testing-iconFailed': '#f14c4c',
};

/** A fresh page (its own context: no state shared with other pages) of `browser`. */
export async function openChromiumPage(browser: Browser, options: ChromiumPageOptions): Promise<ChromiumPage> {
  const [bundle, stylesheet] = await Promise.all([readFile(options.bundle), readFile(options.stylesheet)]);
  let origin = '';
  const server: Server = createServer((request, response) => {
    const files: Record<string, [string, Buffer | string]> = {
      '/': ['text/html', webviewHtml({ view: options.view, title: 'Imperium', cspSource: origin, scriptUri: `${origin}/webview.js`, styleUri: `${origin}/dashboard.css`, nonce: newNonce() })],
      '/webview.js': ['text/javascript', bundle],
      '/dashboard.css': ['text/css', stylesheet],
    };
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.[0] ?? 'text/plain' });
    response.end(file?.[1] ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 } });
  const outsideRequests: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
    outsideRequests.push(url);
    return route.abort();
  });
  // A string, not a function: the test runner's transpiler adds helpers a serialized function lacks.
  await page.addInitScript(`(() => {
    const theme = ${JSON.stringify(DARK_THEME)};
    window.posted = [];
    window.violations = [];
    window.acquireVsCodeApi = () => ({
      postMessage: (message) => window.posted.push(structuredClone(message)),
      getState: () => window.savedState,
      setState: (state) => { window.savedState = structuredClone(state); },
    });
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(event.effectiveDirective + ' ' + event.blockedURI + ' ' + event.sourceFile + ':' + event.lineNumber));
    // As VS Code does, before the page's scripts run: variables on the root element, the theme's kind as the body's class.
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      for (const [name, value] of Object.entries(theme)) document.documentElement.style.setProperty(name, value);
      document.body.classList.add('vscode-dark');
    });
  })();`);
  await page.goto(`${origin}/`);
  return {
    page,
    outsideRequests,
    errors,
    posted: () => page.evaluate(() => (window as unknown as { posted: WebviewToHost[] }).posted),
    post: (message) => page.evaluate((data) => window.postMessage(data, '*'), message),
    violations: () => page.evaluate(() => (window as unknown as { violations: string[] }).violations),
    async close() {
      await page.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
