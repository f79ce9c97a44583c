// Secrets withheld from text on its way to a model, a log or an event: tool results (files read,
// search matches), test output and messages. The same detection as the CSO's for diffs
// (securityChecks: secretlint's vendor formats and the credential patterns), plus whole private-key
// blocks and the values of the host's own key-bearing variables wherever they appear.
import { REDACTED, runSecurityChecks } from './securityChecks';

/** Said in place of a withheld value or block. */
export const SECRET_WITHHELD = '[secret withheld by Imperium Flow]';

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g;
/**
 * An environment-file or .npmrc line that assigns a value to a secret's name (`API_KEY=...`,
 * `export GITHUB_TOKEN=...`, `//registry/:_authToken=...`), not code that reads one from the environment.
 */
const SECRET_ASSIGNMENT = /^\s*(?:export\s+)?(?:[A-Z][A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)[A-Z0-9_]*|\S*:?_(?:authToken|auth|password))\s*=\s*["']?(?!process\.env|os\.environ|env\.)[^\s"'()[\]]{8,}["']?\s*$/;
/** Longer text is checked a slice at a time, so one huge result cannot stall the run. */
const SLICE_CHARS = 200_000;

export interface Redaction {
  readonly text: string;
  /** How many secrets (values, blocks, lines) were withheld. */
  readonly withheld: number;
}

/** `text` with every secret found withheld; `knownValues` are withheld wherever they appear. */
export async function redactSecrets(text: string, knownValues: readonly string[] = []): Promise<Redaction> {
  let withheld = 0;
  let result = text;
  for (const value of knownValues) {
    if (value === '' || !result.includes(value)) continue;
    const parts = result.split(value);
    withheld += parts.length - 1;
    result = parts.join(SECRET_WITHHELD);
  }
  result = result.replace(PRIVATE_KEY_BLOCK, () => {
    withheld++;
    return SECRET_WITHHELD;
  });
  const slices: string[] = [];
  for (let at = 0; at < result.length; at += SLICE_CHARS) slices.push(result.slice(at, at + SLICE_CHARS));
  const redactedSlices = await Promise.all(
    slices.map(async (slice) => {
      const findings = await runSecurityChecks([{ path: 'data.txt', after: slice }]);
      const lines = new Set(findings.filter((finding) => finding.check === 'secret' && finding.line !== undefined).map((finding) => finding.line));
      slice.split('\n').forEach((line, index) => {
        if (SECRET_ASSIGNMENT.test(line)) lines.add(index + 1);
      });
      if (lines.size === 0) return slice;
      withheld += lines.size;
      return slice
        .split('\n')
        .map((line, index) => (lines.has(index + 1) ? REDACTED : line))
        .join('\n');
    }),
  );
  return { text: redactedSlices.join(''), withheld };
}
