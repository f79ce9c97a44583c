// `imperium api-check <file> [--json]`: validates an OpenAPI 3.0 or 3.1 description with
// @redocly/openapi-core, no model involved, listing each problem with its file, line and JSON
// pointer. Exit 0 valid (warnings allowed), 1 invalid, 2 bad usage (no such file).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeApiProblem } from '../core/integration/apiDescriptions';
import { checkApiDescription } from '../infra/apiDescription/apiDescriptionValidator';
import { ConfigurationError, EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { terminalText } from './terminalText';

const USAGE = `Usage: imperium api-check <openapi.yaml | openapi.json> [--json]

Validates an OpenAPI 3.0 or 3.1 description (and the files its $refs name) with
@redocly/openapi-core: its structure, unresolved $refs, and examples their own schema rejects
(a mock would serve them). No model is used.

Options:
  --json                 Print the result as JSON: valid, openapi, problems (severity, rule,
                         message, file, line, column, pointer) and the operations.
  -h, --help             Show this help.

Exit codes: 0 valid (warnings may be listed), 1 invalid, 2 bad usage (no such file).
`;

export const apiCheckCommand: CliCommand = {
  name: 'api-check',
  summary: 'Validate an OpenAPI 3.0/3.1 description, each problem with its line and JSON pointer (no model)',
  usage: USAGE,
  run: runApiCheck,
};

async function runApiCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { json: { type: 'boolean', default: false } });
  const file = await describedFile(positionals, io);
  const check = await checkApiDescription(file);
  if (values.json) {
    io.stdout(`${JSON.stringify(check, null, 2)}\n`);
  } else {
    const errors = check.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = check.problems.length - errors;
    for (const problem of check.problems) io.stdout(`${problem.severity}: ${terminalText(describeApiProblem(problem))}\n`);
    io.stdout(
      check.valid
        ? `${terminalText(file)}: valid OpenAPI ${check.openapi ?? ''} description, ${check.operations.length} operations${warnings > 0 ? `, ${warnings} warnings` : ''} (${check.durationMs} ms).\n`
        : `${terminalText(file)}: invalid, ${errors} errors${warnings > 0 ? ` and ${warnings} warnings` : ''} (${check.durationMs} ms).\n`,
    );
  }
  return check.valid ? EXIT_OK : EXIT_FAILED;
}

/** The one file argument, resolved; a missing argument or file is bad usage. */
export async function describedFile(positionals: readonly string[], io: CliIo): Promise<string> {
  if (positionals.length === 0) throw new UsageError('the API description file is missing.');
  if (positionals.length > 1) throw new UsageError(`expected one API description file, got ${positionals.length}: ${positionals.join(' ')}.`);
  const file = resolve(io.cwd, positionals[0] as string);
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new ConfigurationError(`${file} does not exist.`);
  if (!info.isFile()) throw new ConfigurationError(`${file} is not a file.`);
  return file;
}
