// What the command center shows of an integration or deploy workflow: the contract tests (the
// description, the operations, what failed before, whether they pass with the generated client)
// and a deployment's plan (each staged file with its status and why it is a person's, each
// command a person runs and why). Host to webview, vscode-free.

export interface ContractTestsView {
  readonly spec: string;
  readonly module: string;
  readonly testFile: string;
  readonly operations: readonly string[];
  /** What failed before the client was wired (red). */
  readonly failingBefore: readonly string[];
  /** Set once green passed: the generated client the module goes through. */
  readonly client?: string;
  readonly passed?: number;
}

export interface DeploymentPlanView {
  readonly summary: string;
  readonly files: readonly { readonly path: string; readonly status: string; readonly whyPerson: string; readonly problems: readonly string[] }[];
  readonly commands: readonly { readonly command: string; readonly purpose: string; readonly whyPerson: string }[];
}

export interface IntegrationView {
  readonly contract?: ContractTestsView;
  readonly plan?: DeploymentPlanView;
}

/** A workflow's contract tests or deployment plan now, replacing what was known. */
export interface WorkflowIntegrationView {
  readonly type: 'integration-view';
  readonly workflowId: string;
  readonly view: IntegrationView;
}
