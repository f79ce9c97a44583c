// A real HTTP server on loopback that speaks the OpenAI Chat Completions protocol (streaming and tool
// calls included), Models and Embeddings, and answers from a scenario. Tests drive the real model
// client against it; the demo uses it where no model is configured. It records every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { countPromptTokens, countTextTokens } from '../tokenCount';
import { writeCompletion } from './completionResponse';
import { embedText, toBase64 } from './embeddingVectors';
import { BadRequestBody, readJsonBody, sendError, sendJson } from './httpJson';
import { chatRequestSchema, describeRequestError, embeddingRequestSchema } from './requestSchemas';
import { parseScenario, readScenarioFile, type Scenario, type ScenarioInput } from './scenario';
import { ScenarioScript, type ScriptAnswer } from './scenarioScript';

export interface ScriptedModelServerOptions {
  /** 0 (the default) lets the system pick a free port. */
  readonly port?: number;
}

export interface RecordedRequest {
  readonly method: string;
  /** Without the query string, e.g. /v1/chat/completions. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body; undefined for a GET or a body that is not JSON. */
  readonly body: unknown;
  /** The agent role, from the chat request's `user` field. */
  readonly role?: string;
  readonly promptTokens?: number;
  /** Epoch milliseconds when it arrived. */
  readonly at: number;
  /** How a chat request was answered. */
  readonly answer?: ScriptAnswer['kind'];
}

export interface ScriptedModelServer {
  /** The base URL to give a client: http://127.0.0.1:PORT/v1 */
  readonly url: string;
  readonly port: number;
  readonly scenario: Scenario;
  /** Every request so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Scripted replies not used yet: of one role (or "*"), or of all. */
  remaining(role?: string): number;
  /** Stops listening and drops open connections, streams included. */
  close(): Promise<void>;
}

type Recording = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

/** Starts a server answering from a scenario: an object, or the path of a JSON file. */
export async function startScriptedModelServer(
  scenario: ScenarioInput | string,
  options: ScriptedModelServerOptions = {},
): Promise<ScriptedModelServer> {
  const parsed = typeof scenario === 'string' ? await readScenarioFile(scenario) : parseScenario(scenario);
  const script = new ScenarioScript(parsed);
  const requests: RecordedRequest[] = [];
  let chatRequests = 0;

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const record: Recording = {
      method: request.method ?? 'GET',
      path: url.pathname,
      headers: { ...request.headers },
      body: undefined,
      at: Date.now(),
    };
    requests.push(record);
    void route(request, response, record).catch((error: unknown) => {
      if (error instanceof BadRequestBody) return sendError(response, error.status, error.message, 'invalid_request_error');
      if (!response.headersSent) return sendError(response, 500, `Scripted model server failed: ${(error as Error).message}`, 'server_error');
      response.destroy();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse, record: Recording) {
    const where = `${record.method} ${record.path}`;
    if (where === 'GET /v1/models') return listModels(response);
    if (where !== 'POST /v1/chat/completions' && where !== 'POST /v1/embeddings') {
      return sendError(response, 404, `The scripted model server has no ${where}; it serves POST /v1/chat/completions, POST /v1/embeddings and GET /v1/models.`, 'not_found');
    }
    record.body = await readJsonBody(request);
    return where === 'POST /v1/embeddings' ? embeddings(response, record) : chat(response, record);
  }

  function listModels(response: ServerResponse) {
    sendJson(response, 200, { object: 'list', data: [{ id: parsed.model, object: 'model', created: 0, owned_by: 'scripted' }] });
  }

  async function chat(response: ServerResponse, record: Recording) {
    const result = chatRequestSchema.safeParse(record.body);
    if (!result.success) return sendError(response, 400, describeRequestError(result.error), 'invalid_request_error');
    const body = result.data;
    const role = body.user ?? undefined;
    const promptTokens = await countPromptTokens(body.messages, body.tools ?? undefined);
    record.promptTokens = promptTokens;
    if (role !== undefined) record.role = role;
    const answer = script.answer(role, body.messages);
    record.answer = answer.kind;
    if (answer.kind === 'no-reply') return sendError(response, 400, answer.message, 'scenario_exhausted');
    chatRequests += 1;
    await writeCompletion(response, answer.reply, {
      requestNumber: chatRequests,
      // Echo the model asked for, as a real server does, so a model per role can be seen end to end.
      model: body.model,
      stream: body.stream === true,
      includeUsage: body.stream_options?.include_usage === true,
      promptTokens,
      gone: goneSignal(response),
    });
  }

  async function embeddings(response: ServerResponse, record: Recording) {
    const result = embeddingRequestSchema.safeParse(record.body);
    if (!result.success) return sendError(response, 400, describeRequestError(result.error), 'invalid_request_error');
    const { model, input, encoding_format: format, dimensions } = result.data;
    const texts = typeof input === 'string' ? [input] : input;
    let promptTokens = 0;
    for (const text of texts) promptTokens += await countTextTokens(text);
    record.promptTokens = promptTokens;
    const size = dimensions ?? parsed.embeddings.dimensions;
    sendJson(response, 200, {
      object: 'list',
      model,
      data: texts.map((text, index) => {
        const vector = embedText(text, size);
        return { object: 'embedding', index, embedding: format === 'base64' ? toBase64(vector) : vector };
      }),
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    });
  }

  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    scenario: parsed,
    requests,
    remaining: (role) => script.remaining(role),
    close: () => close(server),
  };
}

function goneSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => controller.abort());
  return controller.signal;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
