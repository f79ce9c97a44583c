// What only a person may change or run, decided here in code, never by the model: configuration of
// CI, the editor and agents, hooks, dependencies and lockfiles, registries and deployment files
// are changed only through a deployment plan a person approves file by file; every command of a
// plan is run by a person, and this names what makes each one theirs to run (deploying, pushing,
// publishing, credentials, a host, a downloaded script).
import { codeRunningFile } from '../workspace/codeRunningFiles';

interface PathRule {
  readonly test: RegExp;
  readonly why: string;
}

const FILE_RULES: readonly PathRule[] = [
  { test: /(^|\/)(\.github|\.gitlab|\.circleci|\.buildkite)\/|(^|\/)(\.gitlab-ci\.ya?ml|\.travis\.yml|azure-pipelines\.ya?ml|Jenkinsfile|bitbucket-pipelines\.yml)$/i, why: 'CI configuration' },
  { test: /(^|\/)(\.vscode|\.idea|\.fleet|\.zed)\/|\.code-workspace$/i, why: 'editor configuration (tasks and settings can run code)' },
  { test: /(^|\/)(AGENTS\.md|CLAUDE\.md|GEMINI\.md|\.cursorrules|\.windsurfrules|copilot-instructions\.md)$|(^|\/)(\.claude|\.cursor|\.continue|\.imperium|\.github\/agents|\.github\/prompts)\//i, why: "agent configuration (an agent's instructions, tools and hooks)" },
  { test: /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|requirements[\w.-]*\.txt|Pipfile(\.lock)?|poetry\.lock|pyproject\.toml|uv\.lock|go\.(mod|sum)|Cargo\.(toml|lock)|Gemfile(\.lock)?|composer\.(json|lock)|pom\.xml|build\.gradle(\.kts)?|gradle\.lockfile)$/i, why: 'dependencies or a lockfile' },
  { test: /(^|\/)(\.npmrc|\.yarnrc(\.yml)?|pip\.conf|\.pypirc|\.condarc|settings\.xml|\.docker\/config\.json)$/i, why: 'a package registry or its credentials' },
  { test: /(^|\/)((docker-)?compose(\.[\w-]+)?\.ya?ml|Dockerfile(\.[\w-]+)?|Containerfile|[\w.-]+\.dockerfile|Chart\.yaml|values(\.[\w-]+)?\.ya?ml|kustomization\.ya?ml|[\w.-]+\.tf|[\w.-]+\.tfvars|fly\.toml|vercel\.json|netlify\.toml|app\.ya?ml|Procfile|render\.ya?ml)$/i, why: 'a deployment file' },
  { test: /(^|\/)(k8s|kubernetes|deploy|deployment|manifests|infra|terraform)\//i, why: 'deployment configuration' },
];

/** Why a change to `path` (workspace-relative) needs a person's approval, or undefined. */
export function fileNeedsPerson(path: string): string | undefined {
  const normal = path.replace(/\\/g, '/');
  const rule = FILE_RULES.find((entry) => entry.test.test(normal));
  if (rule) return `it changes ${rule.why}`;
  const runs = codeRunningFile(normal);
  return runs === undefined ? undefined : `it ${runs}`;
}

const COMMAND_RULES: readonly PathRule[] = [
  { test: /\b(curl|wget|iwr|Invoke-WebRequest)\b[^|;&]*\|\s*(sudo\s+)?(ba|z|da|k)?sh\b|\bbash\s+<\(\s*curl/i, why: 'downloads a script and runs it' },
  { test: /\b(docker|podman)(-|\s+)compose\b.*\b(up|start|run|restart|deploy)\b|\bdocker\s+(run|start|stack\s+deploy|service\s+(create|update))\b/i, why: 'starts or changes running services' },
  { test: /\b(kubectl|helm|terraform|tofu|pulumi|cdk|sam|serverless|sls|ansible-playbook)\b.*\b(apply|install|upgrade|deploy|create|replace|rollout|up|destroy|delete)\b/i, why: 'applies or deploys infrastructure' },
  { test: /\b(fly|vercel|netlify|heroku|railway|gcloud|az|aws|firebase|wrangler|eb)\b.*\b(deploy|publish|release|push|apply|up)\b/i, why: 'deploys to a hosted service' },
  { test: /\b(docker|podman|helm)\s+push\b|\bgit\s+push\b/i, why: 'pushes to a remote host' },
  { test: /\b(npm|pnpm|yarn|twine|cargo|gem|poetry|dotnet\s+nuget|mvn)\b.*\b(publish|upload|deploy|release)\b/i, why: 'publishes a package' },
  { test: /\b(login|auth|secret|token|password|credential|--password|AWS_SECRET|API_KEY)\b/i, why: 'uses credentials' },
  { test: /\b(npm|pnpm|yarn|bun)\s+(i|install|add|ci|update|upgrade)\b|\bpip3?\s+install\b|\bpoetry\s+add\b|\bgo\s+get\b|\bcargo\s+add\b|\bapt(-get)?\s+install\b/i, why: 'installs dependencies' },
  { test: /\bssh\b|\bscp\b|\brsync\b.*:/i, why: 'connects to another host' },
  { test: /\bhttps?:\/\/(?!(localhost|127\.0\.0\.1|\[::1\])[:/])/i, why: 'calls a host on the network' },
];

/** Why a planned command is a person's to run: every one is, and this names what it does. */
export function commandNeedsPerson(command: string): string {
  const reasons = COMMAND_RULES.filter((rule) => rule.test.test(command)).map((rule) => rule.why);
  return reasons.length > 0 ? `it ${[...new Set(reasons)].join(', and ')}` : 'agents never run deployment commands';
}
