// The browser a host (the editor, the CLI) gives DesignBot and the design workflow: the system's
// Chromium (or the one named, $IMPERIUM_BROWSER for the CLI) over the workspace's pages, with
// screenshot baselines and kept screenshots in the state folder. None when that Chromium or the
// playwright-core package is not there: UI tasks then have no agent, and the Product Owner is not
// offered one. The browser itself starts on first use.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ChromiumPageInspector } from '../infra/browser/chromiumPageInspector';
import { SYSTEM_CHROMIUM } from '../infra/browser/chromiumSession';

export function workspaceBrowser(folder: string, stateFolder: string, executablePath: string = SYSTEM_CHROMIUM): ChromiumPageInspector | undefined {
  if (!existsSync(executablePath) || !playwrightInstalled()) return undefined;
  return new ChromiumPageInspector({ root: folder, baselines: join(folder, stateFolder, 'baselines'), artifacts: join(folder, stateFolder, 'design'), executablePath });
}

/** playwright-core drives the browser; it is a package beside the bundles, not inside them (the .vsix carries it in dist/node_modules/). */
function playwrightInstalled(): boolean {
  try {
    require.resolve('playwright-core');
    return true;
  } catch {
    return false;
  }
}
