// Checks an OpenAPI 3.0 or 3.1 description with @redocly/openapi-core (the maintained validator
// that also catches examples their own schemas reject), every problem with its JSON pointer, file
// and line. Examples that do not match their schema are errors here: a mock would serve them.
import { readFile } from 'node:fs/promises';
import { createConfig, getLineColLocation, lint, type Config } from '@redocly/openapi-core';
import { parse as parseYaml } from 'yaml';
import type { ApiDescriptionCheck, ApiOperation, ApiProblem } from '../../core/integration/apiDescriptions';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The linter's "minimal" ruleset (structure, unresolved $refs, unique operation ids: validity, not
 * style), with examples that their schema rejects made errors (it only warns about them).
 */
const RULES = {
  extends: ['minimal'],
  rules: {
    'no-invalid-media-type-examples': 'error',
    'no-invalid-schema-examples': 'error',
    'no-invalid-parameter-examples': 'error',
    // Style: a trailing slash on a server URL is not an invalid description.
    'no-server-trailing-slash': 'off',
  },
} as const;

let config: Promise<Config> | undefined;

export async function checkApiDescription(file: string): Promise<ApiDescriptionCheck> {
  const started = performance.now();
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read: ${error.message}`);
  });
  let document: unknown;
  try {
    document = parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (error) {
    const problem = (error as { linePos?: { line: number; col: number }[] }).linePos?.[0];
    return result(file, undefined, [{ severity: 'error', rule: 'parse', message: `not JSON or YAML: ${(error as Error).message.split('\n')[0]}`, pointer: '#', file, ...(problem && { line: problem.line, column: problem.col }) }], [], started);
  }
  const version = openapiVersion(document);
  if (version === undefined || !/^3\.[01]\.\d+$/.test(version)) {
    const found = version === undefined ? (isObject(document) && typeof document.swagger === 'string' ? `Swagger ${document.swagger}` : 'no "openapi" field') : `"openapi": "${version}"`;
    return result(file, version, [{ severity: 'error', rule: 'openapi-version', message: `an OpenAPI 3.0 or 3.1 description is expected, found ${found}`, pointer: '#/openapi', file, line: 1 }], [], started);
  }
  config ??= createConfig(RULES as never);
  const problems = (await lint({ ref: file, config: await config })).map((problem): ApiProblem => {
    const location = problem.location[0];
    const position = location ? lineOf(location) : undefined;
    return {
      severity: problem.severity === 'error' ? 'error' : 'warning',
      rule: problem.ruleId,
      message: problem.message,
      pointer: location?.pointer ?? '#',
      file: location?.source.absoluteRef ?? file,
      ...(position && { line: position.line, column: position.col }),
    };
  });
  return result(file, version, problems, operationsOf(document), started);
}

function lineOf(location: Parameters<typeof getLineColLocation>[0]): { line: number; col: number } | undefined {
  try {
    return getLineColLocation(location).start;
  } catch {
    return undefined;
  }
}

function result(file: string, openapi: string | undefined, problems: ApiProblem[], operations: ApiOperation[], started: number): ApiDescriptionCheck {
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === 'error' ? -1 : 1));
  return { file, ...(openapi !== undefined && { openapi }), valid: !sorted.some((problem) => problem.severity === 'error'), problems: sorted, operations, durationMs: Math.round(performance.now() - started) };
}

function openapiVersion(document: unknown): string | undefined {
  return isObject(document) && typeof document.openapi === 'string' ? document.openapi : undefined;
}

export function operationsOf(document: unknown): ApiOperation[] {
  const paths = isObject(document) && isObject(document.paths) ? document.paths : {};
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      operations.push({
        method: method.toUpperCase(),
        path,
        ...(typeof operation.operationId === 'string' && { operationId: operation.operationId }),
        ...(typeof operation.summary === 'string' && { summary: operation.summary }),
      });
    }
  }
  return operations;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
