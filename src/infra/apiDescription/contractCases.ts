// The contract cases of a description's operations, from openapi-backend's reading of it: the
// arguments a call sends (examples first, else values mock-json-schema generates from the schema)
// and the mock's answer, validated against the operation's response schema before it is used.
import { mock as mockFromSchema } from 'mock-json-schema';
import OpenAPIBackend, { type Operation } from 'openapi-backend';
import { InvalidApiDescriptionError, type ContractCase } from '../../core/integration/apiDescriptions';
import { checkApiDescription } from './apiDescriptionValidator';

interface ParameterLike {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly example?: unknown;
  readonly examples?: Record<string, { value?: unknown }>;
  readonly schema?: Record<string, unknown>;
}

export async function contractCases(file: string, operationIds?: readonly string[]): Promise<ContractCase[]> {
  const check = await checkApiDescription(file);
  if (!check.valid) throw new InvalidApiDescriptionError(check);
  const api = new OpenAPIBackend({ definition: file, quick: false, validate: true, strict: false });
  await api.init();
  const operations = api.getOperations().filter((operation) => operation.operationId !== undefined);
  const wanted = operationIds && operationIds.length > 0 ? operationIds : operations.map((operation) => operation.operationId as string);
  const cases: ContractCase[] = [];
  for (const id of wanted) {
    const operation = operations.find((entry) => entry.operationId === id);
    if (!operation) throw new Error(`${file} has no operation "${id}"; its operations are: ${operations.map((entry) => entry.operationId).join(', ')}`);
    const { status, mock } = api.mockResponseForOperation(id);
    const valid = api.validateResponse(mock, operation, status);
    if (valid.errors && valid.errors.length > 0) throw new Error(`the answer the description gives for ${id} (${status}) does not match its own response schema: ${valid.errors.map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ')}`);
    cases.push({ operationId: id, method: operation.method.toUpperCase(), path: operation.path, args: argsOf(operation), status, response: mock });
  }
  return cases;
}

function argsOf(operation: Operation): ContractCase['args'] {
  const parameters = (operation.parameters ?? []) as unknown as ParameterLike[];
  const pick = (where: string, all: boolean) => {
    const chosen = parameters.filter((parameter) => parameter.in === where && (all || parameter.required === true));
    return chosen.length === 0 ? undefined : Object.fromEntries(chosen.map((parameter) => [parameter.name, valueOf(parameter)]));
  };
  const path = pick('path', true);
  const query = pick('query', false);
  const body = bodyOf(operation);
  return { ...(path && { path }), ...(query && { query }), ...(body !== undefined && { body }) };
}

function valueOf(parameter: ParameterLike): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const example = Object.values(parameter.examples ?? {})[0]?.value;
  if (example !== undefined) return example;
  return parameter.schema ? mockFromSchema(parameter.schema as never) : 'example';
}

function bodyOf(operation: Operation): unknown {
  const requestBody = operation.requestBody as { required?: boolean; content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }>; schema?: Record<string, unknown> }> } | undefined;
  const media = requestBody?.content?.['application/json'];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const example = Object.values(media.examples ?? {})[0]?.value;
  if (example !== undefined) return example;
  return media.schema ? mockFromSchema(media.schema as never) : undefined;
}
