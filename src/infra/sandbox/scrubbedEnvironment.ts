// The environment a process an agent starts gets: an allowlist of what a test run needs (the search
// path, locale, the few variables Windows cannot start a program without), plus the framework's own
// variables the runner adds. Nothing else of the editor's or the CLI's environment passes, so API
// keys and tokens (IMPERIUM_*, OPENAI_*, AWS_*, GITHUB_TOKEN, NPM_TOKEN, ...) never reach test code.
import { isSecretName } from '../../core/secretNames';

/** Passed through by exact name (case-insensitive on Windows, where Path and PATH are one). */
const ALLOWED_NAMES: readonly string[] = ['PATH', 'LANG', 'LANGUAGE', 'TZ', 'SYSTEMROOT', 'SYSTEMDRIVE', 'WINDIR', 'COMSPEC', 'PATHEXT', 'NUMBER_OF_PROCESSORS', 'PROCESSOR_ARCHITECTURE'];
/** Passed through by prefix: the locale categories. */
const ALLOWED_PREFIXES: readonly string[] = ['LC_'];


export interface ScrubbedEnvironmentOptions {
  /** The environment to pick from; process.env by default. */
  readonly source?: NodeJS.ProcessEnv;
  /** The runner's own variables (records file, framework switches). */
  readonly extra?: NodeJS.ProcessEnv;
  /** The folder HOME (and USERPROFILE on Windows) points to: a temporary one, never the person's. */
  readonly home: string;
  /** TMPDIR, TMP and TEMP. */
  readonly temp: string;
  readonly platform?: NodeJS.Platform;
}

export function scrubbedEnvironment(options: ScrubbedEnvironmentOptions): NodeJS.ProcessEnv {
  const source = options.source ?? process.env;
  const windows = (options.platform ?? process.platform) === 'win32';
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const key = windows ? name.toUpperCase() : name;
    if (ALLOWED_NAMES.includes(key) || ALLOWED_PREFIXES.some((prefix) => key.startsWith(prefix))) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (value === undefined) continue;
    if (isSecretName(name)) throw new Error(`The test environment may not carry ${name}: variables named like keys or tokens never reach test processes.`);
    env[name] = value;
  }
  env.HOME = options.home;
  if (windows) env.USERPROFILE = options.home;
  env.TMPDIR = options.temp;
  env.TMP = options.temp;
  env.TEMP = options.temp;
  return env;
}
