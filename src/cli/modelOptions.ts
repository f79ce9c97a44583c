// Which model a CLI run talks to: a real OpenAI-compatible endpoint (--base-url, --model, the key
// from the environment), or the scripted model server answering from a scenario file (--scenario).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_BASE_URL, EndpointError, parseBaseUrl } from '../llm/endpoint';
import { isLoopbackEndpoint } from '../llm/localEndpoint';
import { DEFAULT_MODEL } from '../llm/modelDefaults';
import { ScenarioError, readScenarioFile } from '../llm/scriptedServer/scenario';
import { startScriptedModelServer } from '../llm/scriptedServer/scriptedModelServer';
import { validatePrices } from '../shared/modelPricing';
import type { PriceTable } from '../shared/modelPricing';
import { AGENT_ROLES, type AgentRole, isAgentRole } from '../shared/agents';
import { ConfigurationError, UsageError, type CliIo } from './cliCommand';
import type { ModelSettings } from './headlessEngine';

export const MODEL_OPTIONS = {
  model: { type: 'string' },
  'base-url': { type: 'string' },
  scenario: { type: 'string' },
  'fallback-model': { type: 'string' },
  'embedding-model': { type: 'string' },
  prices: { type: 'string' },
  'role-model': { type: 'string', multiple: true },
  'sees-images': { type: 'boolean' },
} as const;

/** The scripted server embeds with any model name; this one says where the vectors come from. */
export const SCRIPTED_EMBEDDING_MODEL = 'scripted-embedding';

const FREE = { promptUsdPerMillion: 0, completionUsdPerMillion: 0 } as const;

export const MODEL_USAGE = `Model options:
  --base-url <url>       An OpenAI-compatible endpoint (default $IMPERIUM_BASE_URL or ${DEFAULT_BASE_URL}).
  --model <name>         The model (default $IMPERIUM_MODEL or ${DEFAULT_MODEL}). The key is read from
                         $IMPERIUM_API_KEY or $OPENAI_API_KEY; servers on this machine need none.
  --scenario <file>      Answer from a scenario file with the scripted model server instead of a model
                         (see docs/scripted-model-server.md).
  --fallback-model <name>
                         The model the self-healing layer switches to when a step keeps failing
                         (default $IMPERIUM_FALLBACK_MODEL; none: that step of the ladder is skipped).
  --embedding-model <name>
                         Embeddings for recalling learned patterns by meaning as well as by words
                         (default $IMPERIUM_EMBEDDING_MODEL; with --scenario, the scripted server's).
  --role-model <role>=<model>
                         A model for one role instead of --model (repeatable; roles: ${AGENT_ROLES.join(', ')});
                         the editor's imperium.model.roles.
  --sees-images          The model accepts images: when a browser check fails in the design workflow, its
                         screenshots go to the Product Owner for advice to DesignBot (the checks stay the
                         gate). Also $IMPERIUM_MODEL_SEES_IMAGES=1; the editor's imperium.model.seesImages.
  --prices <file>        USD per million tokens by model, as JSON: { "<model>": { "promptUsdPerMillion": 0.15,
                         "completionUsdPerMillion": 0.6 } }, for costs, --budget-cost and the forecast
                         (the editor's imperium.model.prices). They override the built-in prices of common
                         models (@pydantic/genai-prices); a model neither knows has no cost. With --scenario
                         the scripted model is free, or priced as the model --model names.
  $IMPERIUM_BROWSER=<path>
                         The Chromium DesignBot and the design workflow check pages in (default /usr/bin/chromium).`;

export interface ModelConnection {
  readonly settings: ModelSettings;
  /** Says where answers come from, first thing, so nobody mistakes a script for a model. */
  readonly banner: string;
  close(): Promise<void>;
}

type TextOptions = 'model' | 'base-url' | 'scenario' | 'fallback-model' | 'embedding-model' | 'prices';
export type ModelValues = Partial<Record<TextOptions, string>> & { readonly 'role-model'?: readonly string[]; readonly 'sees-images'?: boolean };

export async function connectModel(values: ModelValues, io: CliIo): Promise<ModelConnection> {
  const env = process.env;
  const fallbackModel = values['fallback-model'] ?? env.IMPERIUM_FALLBACK_MODEL;
  // Whether the model accepts images is the person's to say: nothing here probes it with a screenshot.
  const seesImages = values['sees-images'] === true || env.IMPERIUM_MODEL_SEES_IMAGES === '1' || env.IMPERIUM_MODEL_SEES_IMAGES === 'true';
  const byRole = roleModels(values['role-model'] ?? []);
  const extras = { ...(fallbackModel && { fallbackModel }), ...(seesImages && { seesImages }), ...(Object.keys(byRole).length > 0 && { byRole }) };
  const embeddingModel = values['embedding-model'] ?? env.IMPERIUM_EMBEDDING_MODEL;
  const prices = values.prices === undefined ? undefined : await readPrices(resolve(io.cwd, values.prices));
  const priced = { ...(prices && { prices }) };
  if (values.scenario !== undefined) {
    if (values['base-url'] !== undefined) throw new ConfigurationError('--scenario and --base-url exclude each other: a run talks either to the scripted server or to a model.');
    const file = resolve(io.cwd, values.scenario);
    let scenario;
    try {
      scenario = await readScenarioFile(file);
    } catch (error) {
      if (error instanceof ScenarioError || (error as NodeJS.ErrnoException).code === 'ENOENT') throw new ConfigurationError((error as Error).message);
      throw error;
    }
    const server = await startScriptedModelServer(scenario);
    const model = values.model ?? scenario.model;
    // The scenario's own model name is no real model's: it is free. Named with --model, it is priced as that model.
    const scriptedPrices = values.model === undefined && !prices?.[model] ? { [model]: FREE, ...prices } : prices;
    const pricing = values.model === undefined ? `Priced as free (${model}): its calls cost $0.` : `Priced as ${model} (its built-in price, or --prices).`;
    return {
      settings: { baseUrl: server.url, model, ...extras, ...(scriptedPrices && { prices: scriptedPrices }), embeddingModel: embeddingModel || SCRIPTED_EMBEDDING_MODEL },
      banner: `Model: SCRIPTED. Answers come from ${file} through the scripted model server at ${server.url}, not from a language model. ${pricing}`,
      close: () => server.close(),
    };
  }
  const baseUrl = values['base-url'] ?? env.IMPERIUM_BASE_URL ?? DEFAULT_BASE_URL;
  try {
    parseBaseUrl(baseUrl);
  } catch (error) {
    if (error instanceof EndpointError) throw new ConfigurationError(error.message);
    throw error;
  }
  const apiKey = env.IMPERIUM_API_KEY ?? env.OPENAI_API_KEY;
  if (!apiKey && !isLoopbackEndpoint(baseUrl)) {
    throw new ConfigurationError(`no API key for ${baseUrl}: set IMPERIUM_API_KEY (or OPENAI_API_KEY), or use --scenario <file> to run without a model.`);
  }
  const model = values.model ?? env.IMPERIUM_MODEL ?? DEFAULT_MODEL;
  return {
    settings: { baseUrl, model, ...(apiKey ? { apiKey } : {}), ...extras, ...priced, ...(embeddingModel && { embeddingModel }) },
    banner: `Model: ${model} at ${baseUrl}.`,
    close: async () => undefined,
  };
}

/** `--role-model codebot=gpt-4.1 --role-model cso=o3` as a model per role; anything else is a usage error saying what. */
export function roleModels(pairs: readonly string[]): Partial<Record<AgentRole, string>> {
  const byRole: Partial<Record<AgentRole, string>> = {};
  for (const pair of pairs) {
    const [role = '', ...rest] = pair.split('=');
    const model = rest.join('=').trim();
    if (!isAgentRole(role.trim()) || model === '') {
      throw new UsageError(`--role-model takes <role>=<model> with a role among ${AGENT_ROLES.join(', ')}, not "${pair}".`);
    }
    const name = role.trim() as AgentRole;
    if (byRole[name] !== undefined && byRole[name] !== model) throw new UsageError(`--role-model names two models for ${name}: ${byRole[name]} and ${model}.`);
    byRole[name] = model;
  }
  return byRole;
}

/** A price table from a JSON file; a missing, unreadable or invalid one is a configuration error saying which. */
async function readPrices(file: string): Promise<PriceTable> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`--prices: ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
  }
  try {
    const prices: unknown = JSON.parse(text);
    if (typeof prices !== 'object' || prices === null || Array.isArray(prices)) throw new RangeError('it must be a JSON object of model names to prices.');
    return validatePrices(prices as PriceTable);
  } catch (error) {
    throw new ConfigurationError(`--prices: ${file} is not a price table: ${error instanceof Error ? error.message : String(error)}`);
  }
}
