// Mocha's global setup for the unit suites: on a fresh machine, the system packages some unit tests
// drive for real (Chromium for the page checks and the webview bundle, bubblewrap for confined test
// runs, ripgrep for search_text's first pass) are installed first, so they are not reported as failures of the code. Where they cannot be
// installed, the suites still run and the tests that need them fail naming what is missing.
import { installDebianPackages } from './debianPackages';

export function mochaGlobalSetup(): void {
  if (process.platform !== 'linux') return;
  try {
    installDebianPackages(['chromium', 'bubblewrap', 'ripgrep'], (message) => console.log(`[setup] ${message}`));
  } catch (error) {
    console.log(`[setup] ${error instanceof Error ? error.message : String(error)}`);
  }
}
