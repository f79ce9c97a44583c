// Runs one step of a harness install (npm, apt-get, mvn) so that it behaves the same whether it is
// started from a plain shell or from inside `npm test`. Started from `npm run`, a child inherits
// the outer npm's environment: `npm_config_loglevel=silent` hides the tool's own error, and
// `npm_node_execpath`/`NODE` point nested npm scripts at the outer Node (code-server's postinstall
// then refuses Node 20). So the step gets the environment a login shell would give it, its output
// is kept, printed whole when it fails, and a transient registry error is retried once.
import { spawnSync } from 'node:child_process';

export interface InstallCommandOptions {
  readonly cwd?: string;
  /** Added on top of the clean environment (PATH here replaces the inherited one). */
  readonly env?: Readonly<Record<string, string>>;
  /** Prints each line as it comes (long compiles) instead of only on failure. */
  readonly stream?: boolean;
}

/** Variables npm, npx and node set for the scripts they run; none of them belongs to a nested tool. */
const INHERITED_FROM_NPM = [/^npm_/i, /^NODE$/, /^INIT_CWD$/, /^NODE_OPTIONS$/, /^NODE_PATH$/, /^COLOR$/, /^EDITOR$/];

export function cleanToolEnvironment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || INHERITED_FROM_NPM.some((pattern) => pattern.test(name))) continue;
    env[name] = value;
  }
  // npm prepends node_modules/.bin folders (of this project and of every parent) to PATH.
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((entry) => entry !== '' && !/[/\\]node_modules[/\\]\.bin$/.test(entry) && !entry.includes('/npm/node_modules/@npmcli/run-script'))
    .join(':');
  return { ...env, ...extra };
}

/** Registry hiccups worth one more try; anything else (a compile error, a refusal) is final. */
const TRANSIENT = /\b(ETIMEDOUT|ECONNRESET|ECONNREFUSED|EAI_AGAIN|ENOTFOUND|socket hang up|network timeout|E50[0-4]|50[234] (Bad Gateway|Service Unavailable|Gateway Time-?out)|Could not transfer artifact|Connection reset|Temporary failure resolving|Hash Sum mismatch)\b/i;

export function isTransientFailure(output: string): boolean {
  return TRANSIENT.test(output);
}

export class InstallCommandError extends Error {
  constructor(
    readonly commandLine: string,
    readonly exitCode: number | null,
    readonly output: string,
  ) {
    super(`${commandLine} failed (${exitCode === null ? 'killed' : `exit code ${exitCode}`}); its output:\n${tail(output)}`);
    this.name = 'InstallCommandError';
  }
}

export function runInstallCommand(command: string, args: readonly string[], options: InstallCommandOptions = {}): string {
  const commandLine = `${command} ${args.join(' ')}`;
  for (let attempt = 1; ; attempt += 1) {
    log(`$ ${commandLine}${options.cwd ? `   (in ${options.cwd})` : ''}${attempt > 1 ? `   (attempt ${attempt})` : ''}`);
    const result = spawnSync(command, [...args], {
      cwd: options.cwd,
      env: cleanToolEnvironment(options.env),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (result.error) throw new Error(`${commandLine} could not start: ${result.error.message}`);
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (options.stream) process.stdout.write(output);
    if (result.status === 0) return output;
    if (attempt === 1 && isTransientFailure(output)) {
      log(`transient registry error, retrying once:\n${tail(output, 20)}`);
      continue;
    }
    throw new InstallCommandError(commandLine, result.status, output);
  }
}

function tail(output: string, lines = 80): string {
  const all = output.trimEnd().split('\n');
  const kept = all.slice(-lines).join('\n');
  return all.length > lines ? `[… ${all.length - lines} earlier lines]\n${kept}` : kept;
}

function log(message: string): void {
  console.log(`[install] ${message}`);
}
