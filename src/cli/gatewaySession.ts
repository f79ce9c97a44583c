// What `imperium mcp` and `imperium serve` share: the headless engine on a folder, with the model
// options `imperium run` takes, behind the gateway's command core. Nothing goes to stdout (the MCP
// server's protocol channel): the banner and the log go to stderr.
import { stat } from 'node:fs/promises';
import { version } from '../../package.json';
import type { Logger } from '../core/ports';
import { GatewayCommands } from '../gateway/gatewayCommands';
import type { Budgets } from '../core/healing/budgetTracker';
import type { WorkflowLimits } from '../runtime/workflowCatalog';
import { ConfigurationError, type CliIo } from './cliCommand';
import { HeadlessEngine } from './headlessEngine';
import { HeadlessGatewayRuntime } from './headlessGatewayRuntime';
import { connectModel, type ModelValues } from './modelOptions';

export const GATEWAY_VERSION = version;

export interface GatewaySessionOptions {
  readonly folder: string;
  readonly modelValues: ModelValues;
  readonly limits?: Partial<WorkflowLimits>;
  readonly budgets?: Budgets;
  readonly verbose: boolean;
}

export interface GatewaySession {
  readonly commands: GatewayCommands;
  readonly logger: Logger;
  close(): Promise<void>;
}

export async function openGatewaySession(options: GatewaySessionOptions, io: CliIo): Promise<GatewaySession> {
  const stats = await stat(options.folder).catch(() => undefined);
  if (!stats?.isDirectory()) throw new ConfigurationError(`the folder ${options.folder} does not exist or is not a folder.`);
  const connection = await connectModel(options.modelValues, io);
  io.stderr(`${connection.banner}\n`);
  const logger = stderrLogger(io, options.verbose);
  let headless: HeadlessEngine;
  try {
    headless = await HeadlessEngine.open({
      folder: options.folder,
      model: connection.settings,
      logger,
      ...(options.limits && { limits: options.limits }),
      ...(options.budgets && { healing: { budgets: options.budgets } }),
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    commands: new GatewayCommands(new HeadlessGatewayRuntime(headless)),
    logger,
    async close() {
      await headless.close();
      await connection.close();
    },
  };
}

function stderrLogger(io: CliIo, verbose: boolean): Logger {
  return {
    debug: (message) => verbose && io.stderr(`debug: ${message}\n`),
    info: (message) => verbose && io.stderr(`info: ${message}\n`),
    warn: (message) => io.stderr(`warning: ${message}\n`),
    error: (message) => io.stderr(`error: ${message}\n`),
  };
}
