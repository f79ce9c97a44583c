import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { contentSecurityPolicy, newNonce, webviewHtml } from '../../../../src/host/dashboard/webviewHtml';

const CSP_SOURCE = "'self' https://*.vscode-cdn.net";
const page = {
  view: 'command-center' as const,
  title: 'Imperium Command Center',
  cspSource: CSP_SOURCE,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/dashboard.css',
  nonce: 'bm9uY2Utb2YtdGhlLXRlc3Q=',
};

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+(.*)/s) as [string, string]));
}

describe('the dashboard page and its Content Security Policy', () => {
  it('starts from nothing: scripts by nonce only, styles from the webview or by nonce, images from the webview and data:', () => {
    assert.deepEqual(
      directives(contentSecurityPolicy(page)),
      new Map([
        ['default-src', "'none'"],
        ['img-src', `${CSP_SOURCE} data:`],
        ['style-src', `${CSP_SOURCE} 'nonce-${page.nonce}'`],
        ['script-src', `'nonce-${page.nonce}'`],
      ]),
    );
  });

  it('puts the policy at the top of the head, right after the charset, loads only the bundle (by nonce) and the stylesheet, and names the view', () => {
    const { document } = new JSDOM(webviewHtml(page)).window;
    const first = document.head.firstElementChild?.nextElementSibling;
    assert.equal(first?.getAttribute('http-equiv'), 'Content-Security-Policy');
    assert.equal(first?.getAttribute('content'), contentSecurityPolicy(page));
    const scripts = [...document.querySelectorAll('script')];
    assert.deepEqual(
      scripts.map((script) => [script.getAttribute('src'), script.getAttribute('nonce'), script.getAttribute('type'), script.textContent]),
      [[page.scriptUri, page.nonce, 'module', '']],
    );
    assert.deepEqual([...document.querySelectorAll('link')].map((link) => [link.rel, link.getAttribute('href')]), [['stylesheet', page.styleUri]]);
    assert.equal(document.querySelectorAll('style, img, iframe').length, 0);
    assert.equal(document.body.dataset.view, 'command-center');
    assert.equal(document.title, 'Imperium Command Center');
  });

  it('escapes what it puts into attributes and text', () => {
    const html = webviewHtml({ ...page, title: '</title><script>alert(1)</script>', styleUri: 'x" onload="alert(1)' });
    const { document } = new JSDOM(html).window;
    assert.equal(document.querySelectorAll('script').length, 1);
    assert.equal(document.title, '</title><script>alert(1)</script>');
    assert.equal(document.querySelector('link')?.getAttribute('href'), 'x" onload="alert(1)');
    assert.equal(document.querySelector('link')?.hasAttribute('onload'), false);
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    assert.equal(nonces.size, 100);
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16);
  });
});
