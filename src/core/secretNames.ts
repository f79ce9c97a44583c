// Which environment variables carry keys, tokens or passwords, by their names: the ones no process
// an agent starts may see, and whose values are withheld wherever they would reach a model or a log.

const SECRET_NAME = /(^IMPERIUM_(?!TEST_RECORDS$|CANARY_))|(^OPENAI_)|(^ANTHROPIC_)|(^AZURE_)|(^AWS_)|(^GOOGLE_)|(^GH_)|(^GITHUB_)|(^NPM_)|(^HF_)|KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|COOKIE|SESSION/i;

/** Values shorter than this are too common to withhold wherever they appear ("1", "true"). */
const MIN_SECRET_VALUE = 8;

/** Whether a variable's name says it carries a key, a token or a password (Imperium's own record and canary paths excepted). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The values of the key-bearing variables in `env`, long enough to withhold by value. */
export function secretValuesOf(env: Readonly<Record<string, string | undefined>>): string[] {
  return Object.entries(env).flatMap(([name, value]) => (value !== undefined && value.length >= MIN_SECRET_VALUE && isSecretName(name) ? [value] : []));
}
