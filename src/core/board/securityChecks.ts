// The CSO's checks that need no model: they run on every change, and what they find cannot be
// argued away by a model's verdict. Only lines the change added are examined.
import { addedLines, type AddedLine, type ChangedFile } from '../changeSet';
import { codeRunningChange } from '../workspace/codeRunningFiles';
import type { Finding } from './verdict';

export interface SecurityFinding extends Finding {
  readonly check: 'secret' | 'dynamic-execution' | 'tls-disabled' | 'new-dependency' | 'runs-code';
  readonly file: string;
}

interface LinePattern {
  readonly check: SecurityFinding['check'];
  readonly severity: Finding['severity'];
  readonly pattern: RegExp;
  readonly message: string;
}

// Secretlint knows the vendors' token formats; these catch what it does not: a literal assigned to a
// name that says it is a secret, and OpenAI-style keys.
const LINE_PATTERNS: readonly LinePattern[] = [
  {
    check: 'secret',
    severity: 'critical',
    pattern: /(?:password|passwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|token)\w*["']?\s*[:=]\s*["'`](?![^"'`]*\$\{)[^"'`\s]{8,}["'`]/i,
    message: 'a credential is hard-coded; read it from the environment or a secret store',
  },
  { check: 'secret', severity: 'critical', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/, message: 'an API key is hard-coded' },
  { check: 'dynamic-execution', severity: 'high', pattern: /(?<![.\w$])eval\s*\(\s*(?!["'][^"']*["']\s*\))/, message: 'eval() of a built string' },
  { check: 'dynamic-execution', severity: 'high', pattern: /\bnew\s+Function\s*\(/, message: 'new Function() builds code at run time' },
  {
    check: 'dynamic-execution',
    severity: 'high',
    // exec() of child_process, not RegExp.prototype.exec: a bare call or one on a child_process binding.
    pattern: /(?:(?<![.\w$])|\b(?:child_process|childProcess|cp)\.)(?:exec|execSync)\s*\(\s*(?:`[^`]*\$\{|["'][^"']*["']\s*\+|[A-Za-z_$][\w$.]*\s*[,)+])/,
    message: 'a shell command is built from a string; use execFile/spawn with an argument array',
  },
  { check: 'dynamic-execution', severity: 'high', pattern: /\bshell\s*[:=]\s*(?:true|True)\b/, message: 'a process is started through a shell' },
  { check: 'dynamic-execution', severity: 'high', pattern: /\bos\.system\s*\(/, message: 'os.system() runs a shell command' },
  { check: 'tls-disabled', severity: 'critical', pattern: /\brejectUnauthorized\s*:\s*false\b/, message: 'TLS certificate verification is turned off' },
  { check: 'tls-disabled', severity: 'critical', pattern: /NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*["']?0/, message: 'TLS certificate verification is turned off for the whole process' },
  { check: 'tls-disabled', severity: 'critical', pattern: /\bverify\s*=\s*False\b/, message: 'TLS certificate verification is turned off' },
  { check: 'tls-disabled', severity: 'critical', pattern: /\bInsecureSkipVerify\s*:\s*true\b/, message: 'TLS certificate verification is turned off' },
  { check: 'tls-disabled', severity: 'critical', pattern: /\bstrictSSL\s*:\s*false\b/, message: 'TLS certificate verification is turned off' },
];

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/**
 * Loads and compiles what the checks use (secretlint's rules, the patterns) by running them once on
 * a line of nothing, so a caller that will check text soon can have that done while it waits for
 * something else (a test run's process).
 */
export async function prepareSecurityChecks(): Promise<void> {
  await runSecurityChecks([{ path: 'data.txt', after: 'nothing to find\n' }]);
}

export async function runSecurityChecks(files: readonly ChangedFile[]): Promise<SecurityFinding[]> {
  const findings: SecurityFinding[] = [];
  for (const file of files) {
    findings.push(...codeRunning(file));
    if (file.after === undefined) continue;
    const added = addedLines(file);
    if (added.length === 0) continue;
    findings.push(...matchLinePatterns(added));
    findings.push(...(await findSecrets(file, added)));
    findings.push(...newDependencies(file));
  }
  return dedupe(findings);
}

/** The files with every added line that holds a secret replaced, so no secret reaches a model, a log or a report. */
export async function withoutSecrets(files: readonly ChangedFile[]): Promise<ChangedFile[]> {
  return redactFlaggedLines(files, await runSecurityChecks(files));
}

/** As withoutSecrets, with the checks already run. */
export function redactFlaggedLines(files: readonly ChangedFile[], findings: readonly SecurityFinding[]): ChangedFile[] {
  return files.map((file) => {
    const flagged = new Set(findings.filter((f) => f.check === 'secret' && f.file === file.path && f.line !== undefined).map((f) => f.line));
    if (flagged.size === 0 || file.after === undefined) return file;
    const lines = file.after.split('\n').map((line, index) => (flagged.has(index + 1) ? `${/^\s*/.exec(line)?.[0] ?? ''}${REDACTED}` : line));
    return { ...file, after: lines.join('\n') };
  });
}

export const REDACTED = '[line withheld by Imperium Flow: it holds a secret]';

/** True when a deterministic finding is grave enough to veto whatever the models say. */
export function isBlocking(finding: Finding): boolean {
  return finding.severity === 'critical' || finding.severity === 'high';
}

function matchLinePatterns(lines: readonly AddedLine[]): SecurityFinding[] {
  const findings: SecurityFinding[] = [];
  for (const { path, line, text } of lines) {
    for (const rule of LINE_PATTERNS) {
      if (rule.pattern.test(text)) {
        findings.push({ check: rule.check, severity: rule.severity, message: rule.message, file: path, line });
      }
    }
  }
  return findings;
}

async function findSecrets(file: ChangedFile, added: readonly AddedLine[]): Promise<SecurityFinding[]> {
  const addedNumbers = new Set(added.map((line) => line.line));
  // Loaded on first use: the rule preset is a large part of what the extension would load at start-up.
  const { lintForSecrets } = await import('./secretlintRules');
  const messages = await lintForSecrets({ filePath: `/${file.path}`, content: file.after ?? '', ext: extension(file.path) });
  return messages
    .filter((message) => addedNumbers.has(message.loc.start.line))
    .map((message) => ({
      check: 'secret' as const,
      severity: 'critical' as const,
      // Secretlint quotes the secret in its message; a finding is logged and reported, so it must not.
      message: `a secret is hard-coded (${message.ruleId.replace('@secretlint/secretlint-rule-', '')})`,
      file: file.path,
      line: message.loc.start.line,
    }));
}

function newDependencies(file: ChangedFile): SecurityFinding[] {
  const name = file.path.split('/').at(-1);
  if (name === 'package.json') {
    const before = dependencyNames(file.before);
    const after = dependencyNames(file.after);
    return [...after].filter((dep) => !before.has(dep)).map((dep) => dependencyFinding(file.path, dep));
  }
  if (name === 'requirements.txt') {
    return addedLines(file)
      .map((line) => line.text.trim())
      .filter((text) => text !== '' && !text.startsWith('#'))
      .map((text) => dependencyFinding(file.path, text.split(/[\s<>=!~;[]/)[0]));
  }
  return [];
}

/**
 * A change to a file that runs code on install, commit or open. Only a person's approval of that
 * named kind lets one into a workflow (codeRunningApproval.ts), so the CSO flags it for everyone
 * to see rather than vetoing what the person decided.
 */
function codeRunning(file: ChangedFile): SecurityFinding[] {
  const change = codeRunningChange(file.path, file.before, file.after);
  if (change === undefined) return [];
  return [{ check: 'runs-code', severity: 'medium', message: `this file ${change.runsCode}: only a person's approval lets such a change in, never the Board's`, file: file.path }];
}

function dependencyFinding(path: string, dependency: string): SecurityFinding {
  return {
    check: 'new-dependency',
    severity: 'medium',
    message: `new dependency "${dependency}": check its maintainers, licence and what it can reach`,
    file: path,
  };
}

function dependencyNames(json: string | undefined): Set<string> {
  if (json === undefined) return new Set();
  try {
    const manifest = JSON.parse(json) as Record<string, unknown>;
    return new Set(
      DEPENDENCY_FIELDS.flatMap((field) => {
        const deps = manifest[field];
        return deps && typeof deps === 'object' ? Object.keys(deps) : [];
      }),
    );
  } catch {
    return new Set();
  }
}

function extension(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') ? path.slice(dot) : '';
}

function dedupe(findings: SecurityFinding[]): SecurityFinding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.check}|${finding.file}|${finding.line ?? finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
