// Checks a compose file offline against the Compose Specification's JSON schema with ajv: every
// key a current `docker compose` accepts (Debian's docker-compose 1.29 rejects many of them), each
// problem at its line. The schema is composeSpec.schema.json: compose-spec/compose-spec's
// schema/compose-spec.json as bundled by dclint 3.1.0 (npm, schemas/compose.schema.json), copied
// on 2026-12-03; refresh it from a newer dclint or from the compose-spec repository.
import Ajv, { type ErrorObject } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { DeploymentProblem } from '../../core/integration/deploymentFiles';
import composeSchema from './composeSpec.schema.json';

let validate: ReturnType<Ajv['compile']> | undefined;

/** The schema without its "$schema" (the https draft-07 URI ajv does not hold under that name). */
function schema(): object {
  const { $schema: _draft, ...rest } = composeSchema;
  return rest;
}

export function checkComposeFile(text: string): DeploymentProblem[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: true });
  if (document.errors.length > 0) {
    return document.errors.map((error) => ({ severity: 'error', rule: 'yaml', message: error.message.split('\n')[0] ?? error.message, ...(error.linePos?.[0] && { line: error.linePos[0].line, column: error.linePos[0].col }) }));
  }
  const content: unknown = document.toJS({ maxAliasCount: 100 });
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return [{ severity: 'error', rule: 'compose-schema', message: 'a compose file is a mapping (services:, networks:, volumes: ...)', line: 1 }];
  validate ??= new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: false }).compile(schema());
  if (validate(content)) return [];
  return relevantErrors(validate.errors ?? []).map((error) => {
    const node = nodeAt(document.contents, error.instancePath);
    const position = node?.range ? lines.linePos(node.range[0]) : undefined;
    return { severity: 'error', rule: 'compose-schema', message: describe(error), pointer: `#${error.instancePath}`, ...(position && { line: position.line, column: position.col }) };
  });
}

/** One error per place: oneOf branches that fail say less than the first concrete reason. */
function relevantErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'the file' : error.instancePath.slice(1).replace(/\//g, '.');
  if (error.keyword === 'additionalProperties') return `${where}: "${String((error.params as { additionalProperty: string }).additionalProperty)}" is not a key the compose specification allows here`;
  return `${where} ${error.message ?? 'does not match the compose specification'}`;
}

function nodeAt(root: unknown, pointer: string): Node | undefined {
  let node = root as Node | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (isMap(node)) node = node.get(key, true) as Node | undefined;
    else if (isSeq(node)) node = node.get(Number(key), true) as Node | undefined;
    else return node;
  }
  return node;
}
