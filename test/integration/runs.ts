// The integration runs: each is one VS Code launch on one workspace, running the tests in
// suite/<name>/. The workspace (a fixture) is copied to a temporary folder first, so tests may
// write to it and the repository stays clean.

export interface IntegrationRun {
  readonly name: string;
  /** Repository-relative folder the run's workspace is copied from. */
  readonly workspace: string;
  /** 'restricted' opens the folder in Restricted Mode (Workspace Trust); default: trusted. */
  readonly trust?: 'trusted' | 'restricted';
  /** Repository-relative folders of more extensions (test fixtures, e.g. a model provider), installed in the run's profile. */
  readonly extraExtensions?: readonly string[];
  /**
   * 'unusable' puts a bwrap first on the editor's PATH that cannot create a sandbox (as where user
   * namespaces are refused, e.g. Ubuntu 24.04's AppArmor default), so agents' test runs go unconfined.
   */
  readonly bubblewrap?: 'unusable';
}

export const INTEGRATION_RUNS: readonly IntegrationRun[] = [
  { name: 'editor', workspace: 'test/fixtures/integration-workspace' },
  { name: 'workflow', workspace: 'examples/bookshelf' },
  // The sidebar dashboard and the command center opened one after the other, in both orders (issue 15).
  { name: 'views', workspace: 'test/fixtures/integration-workspace' },
  { name: 'restricted', workspace: 'test/fixtures/integration-workspace', trust: 'restricted' },
  // vscode.lm models from another extension: the fixture stands in for Copilot, answered by the scripted server.
  { name: 'lm', workspace: 'examples/bookshelf', extraExtensions: ['test/fixtures/lm-provider-extension'] },
  // The Test Explorer over a node:test project: listing, runs, agents' runs, deadlines, debugging.
  { name: 'tests', workspace: 'test/fixtures/test-explorer-workspace' },
  // The fix workflow from the code lens and from "Fix with Agents", on an example whose tests fail as shipped.
  { name: 'fix', workspace: 'examples/roman-numerals' },
  // The gateway in the editor: Language Model tools, the opt-in HTTP API, what other extensions cannot do.
  { name: 'gateway', workspace: 'examples/bookshelf' },
  // A superpower another extension declares and brings code for (the fixture's exported tools).
  { name: 'superpowers', workspace: 'test/fixtures/integration-workspace', extraExtensions: ['test/fixtures/superpower-extension'] },
  // UI checks: "Check This Page's UI" and the design workflow in the command center, on a page with planted defects.
  { name: 'design', workspace: 'test/fixtures/shop-site' },
  // API integrations and deployments: the OpenAPI code lens, and a deploy workflow's plan the person approves file by file.
  { name: 'integration', workspace: 'test/fixtures/contract-service' },
  // The Conductor engine chosen in the folder's settings, at an address where no server answers; the token commands.
  { name: 'conductor', workspace: 'test/fixtures/conductor-workspace' },
  // @imperium in the Chat view, answered by Imperium's own model provider (no Copilot); the keybindings against VS Code's defaults.
  { name: 'chat', workspace: 'examples/bookshelf' },
  // Network access per workflow: a fix workflow started with it, and one a person allows while it is paused.
  { name: 'network', workspace: 'examples/roman-numerals' },
  // A machine whose bubblewrap cannot sandbox: the person is told the test runs are not confined, in a notification and the Tests card.
  { name: 'unconfined', workspace: 'examples/roman-numerals', bubblewrap: 'unusable' },
  // A first run with no model: welcome content, "Try Without a Model" on the scripted model in a copy, the model picker and status bar (vscode.lm models from the fixture).
  { name: 'firstrun', workspace: 'test/fixtures/integration-workspace', extraExtensions: ['test/fixtures/lm-provider-extension'] },
];
