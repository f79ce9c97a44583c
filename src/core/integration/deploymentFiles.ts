// What IntegrationBot and the deployment plan ask of deployment files, checked offline (no Docker
// engine, no network): compose files against the compose specification's schema, GitHub Actions
// workflows against GitHub's own workflow schema, Dockerfiles by their syntax and our rules.
// The composition root gives them one (infra/deployment/).

export type DeploymentFileKind = 'compose' | 'github-actions' | 'dockerfile';

export interface DeploymentProblem {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly message: string;
  /** 1-based, where the validator knows it. */
  readonly line?: number;
  readonly column?: number;
  /** JSON pointer into the YAML, for schema problems. */
  readonly pointer?: string;
}

export interface DeploymentFileCheck {
  readonly file: string;
  readonly kind: DeploymentFileKind;
  /** No problem of severity error. */
  readonly valid: boolean;
  readonly problems: readonly DeploymentProblem[];
}

export interface DeploymentFiles {
  /** Checks `text` as the deployment file `file` names (by its path); throws for a path that is none of the kinds. */
  check(file: string, text: string): Promise<DeploymentFileCheck>;
}

/** The kind of deployment file a workspace-relative path names, or undefined. */
export function deploymentFileKind(file: string): DeploymentFileKind | undefined {
  const path = file.replace(/\\/g, '/');
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)) return 'github-actions';
  if (/(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/i.test(path)) return 'compose';
  if (/(^|\/)(Dockerfile|Containerfile)(\.[\w-]+)?$/.test(path) || /\.dockerfile$/i.test(path)) return 'dockerfile';
  return undefined;
}
