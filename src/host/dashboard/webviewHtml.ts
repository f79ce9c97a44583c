// The page every dashboard webview loads: the bundle and the stylesheet, under a Content Security
// Policy that starts from nothing: scripts only by this page's nonce, styles from the webview's own
// source or by the nonce, images only from the webview's own source and data:, no fonts, frames or
// connections at all. (The codicon font comes inside the bundle and is added through the FontFace
// API.) The toolkit's FAST library reads the nonce from the csp-nonce meta element for the one
// <style> element it adds, a feature probe for :focus-visible.
import type { ViewKind } from '../../shared/webviewProtocol';

export interface WebviewPage {
  readonly view: ViewKind;
  readonly title: string;
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** `webview.asWebviewUri(...)` of dist/webview.js and media/dashboard.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh for every page: newNonce(). */
  readonly nonce: string;
}

export function contentSecurityPolicy(page: Pick<WebviewPage, 'cspSource' | 'nonce'>): string {
  return [`default-src 'none'`, `img-src ${page.cspSource} data:`, `style-src ${page.cspSource} 'nonce-${page.nonce}'`, `script-src 'nonce-${page.nonce}'`].join('; ');
}

export function webviewHtml(page: WebviewPage): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(page))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${escapeAttribute(page.nonce)}">
<link rel="stylesheet" href="${escapeAttribute(page.styleUri)}">
<title>${escapeText(page.title)}</title>
</head>
<body data-view="${escapeAttribute(page.view)}">
<main id="app" aria-busy="true"></main>
<script type="module" nonce="${escapeAttribute(page.nonce)}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>
`;
}

/** 128 random bits, base64: a CSP nonce no page can guess. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
