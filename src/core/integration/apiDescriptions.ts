// What IntegrationBot, the integration workflow and the CLI ask of API descriptions (OpenAPI 3.0
// and 3.1), by file: check one (each problem with its JSON pointer and line), generate a typed
// client from it, and serve a mock of it on loopback. The composition root gives them one
// (infra/apiDescription/); agents and workflow modules see only this port.

export interface ApiProblem {
  readonly severity: 'error' | 'warning';
  /** The validator's rule id, e.g. "struct" or "no-invalid-media-type-examples". */
  readonly rule: string;
  readonly message: string;
  /** JSON pointer into the document: "#/paths/~1pets/get/responses". */
  readonly pointer: string;
  /** 1-based, where the validator knows it. */
  readonly line?: number;
  readonly column?: number;
  /** The file the problem is in (a $ref may point elsewhere). */
  readonly file: string;
}

export interface ApiOperation {
  readonly method: string;
  readonly path: string;
  readonly operationId?: string;
  readonly summary?: string;
}

export interface ApiDescriptionCheck {
  readonly file: string;
  /** The document's "openapi" version, when it names one. */
  readonly openapi?: string;
  /** No problem of severity error. */
  readonly valid: boolean;
  readonly problems: readonly ApiProblem[];
  readonly operations: readonly ApiOperation[];
  readonly durationMs: number;
}

/** One request the mock answered, for the contract tests' evidence. */
export interface MockExchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly operationId?: string;
  /** Why the mock refused the request (400) or its own example (500). */
  readonly problem?: string;
}

export interface RunningMock {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  exchanges(): readonly MockExchange[];
  close(): Promise<void>;
}

export interface GeneratedClient {
  /** TypeScript types of the description's paths and components (openapi-typescript). */
  readonly types: string;
  /** A module creating an openapi-fetch client typed by `types`, importing it from `typesModule`. */
  readonly client: string;
}

export interface ApiDescriptions {
  check(file: string): Promise<ApiDescriptionCheck>;
  /** Throws InvalidApiDescriptionError for a description that does not validate. */
  generateClient(file: string, typesModule: string): Promise<GeneratedClient>;
  /** Serves the mock on 127.0.0.1 (port 0: any free one). Throws InvalidApiDescriptionError for a description that does not validate. */
  serveMock(file: string, port?: number): Promise<RunningMock>;
  /** A contract case for each operation named (every operation with an operationId when none is); throws InvalidApiDescriptionError for a description that does not validate, and names an operation it does not have. */
  contractCases(file: string, operationIds?: readonly string[]): Promise<ContractCase[]>;
}

export class InvalidApiDescriptionError extends Error {
  override readonly name = 'InvalidApiDescriptionError';
  constructor(readonly check: ApiDescriptionCheck) {
    super(`${check.file} is not a valid API description: ${describeApiProblems(check.problems.filter((problem) => problem.severity === 'error'))}`);
  }
}

/** "file:12:5 #/paths/~1pets/get (struct): message; ..." */
export function describeApiProblems(problems: readonly ApiProblem[]): string {
  return problems.map(describeApiProblem).join('; ');
}

export function describeApiProblem(problem: ApiProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  return `${where} ${problem.pointer} (${problem.rule}): ${problem.message}`;
}

/**
 * One contract test of an operation, from the description: the arguments a call sends (from the
 * description's examples, or values generated from its schemas) and the answer the mock gives,
 * already checked against the response schema.
 */
export interface ContractCase {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly args: { readonly path?: Record<string, unknown>; readonly query?: Record<string, unknown>; readonly body?: unknown };
  readonly status: number;
  readonly response: unknown;
}

const OPENAPI_HEAD = /^\s*\{?\s*["']?openapi["']?\s*:\s*["']?3\.[01]\.\d+/m;

/** Whether a YAML or JSON text is an OpenAPI 3.0 or 3.1 description, from its first lines (for the code lens). */
export function looksLikeOpenApi(text: string): boolean {
  return OPENAPI_HEAD.test(text.slice(0, 4000));
}
