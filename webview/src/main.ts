// Webview entry: the same app for the command center panel and the sidebar view; the host says
// which in the page. Browser code only.
import { DashboardApp } from './app';
import { installCodicons } from './theme/codicons';
import { registerToolkit } from './theme/toolkit';

registerToolkit();
installCodicons(document).catch((error: unknown) => console.error('Imperium: the codicon font did not load', error));

const root = document.getElementById('app');
if (!root) throw new Error('Imperium: the page has no #app element');
const app = new DashboardApp({ document, api: acquireVsCodeApi(), view: document.body.dataset.view === 'sidebar' ? 'sidebar' : 'command-center' });
app.start(root, window);
