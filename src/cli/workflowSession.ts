// What `imperium run` and `imperium resume` share: opening the engine on a folder with live progress
// on the terminal, and ending a workflow with its report.
import { stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Budgets } from '../core/healing/budgetTracker';
import type { Logger } from '../core/ports';
import { isTerminalWorkflow } from '../shared/taskStatus';
import type { WorkflowLimits, WorkflowReport } from '../runtime/workflowCatalog';
import { ConfigurationError, EXIT_FAILED, EXIT_OK, type CliIo } from './cliCommand';
import { workflowReportText } from './workflowReportText';
import { HeadlessEngine, type ModelSettings } from './headlessEngine';
import { connectModel, type ModelValues } from './modelOptions';
import { engineOpener, type EngineChoice } from './engineOptions';
import { progressPrinter } from './progressPrinter';
import { sandboxBanner } from './sandboxOptions';
import type { ModelTimeLimits } from './modelLimitOptions';
import type { SandboxPolicy } from '../infra/sandbox/confinement';

export interface SessionOptions {
  readonly folder: string;
  readonly modelValues: ModelValues;
  readonly limits?: Partial<WorkflowLimits>;
  readonly budgets?: Budgets;
  /** The user's global memory folder, when not the default. */
  readonly globalMemory?: string;
  readonly verbose: boolean;
  /** The person allows the network to the test runs of the workflow started or resumed here (--allow-network). */
  readonly sandbox?: SandboxPolicy;
  /** The workflows resumed here keep each its own network permission: the banner says so. */
  readonly networkPerWorkflow?: boolean;
  /** Deadlines of model calls (--model-timeout, --step-model-time). */
  readonly modelTime?: ModelTimeLimits;
  /** The embedded engine unless a Conductor server is chosen. */
  readonly engine?: EngineChoice;
  /** With Conductor: the task-to-domain, when the workspace's own (from its path) does not fit. */
  readonly domain?: string;
}

export interface Session {
  readonly headless: HeadlessEngine;
  readonly model: ModelSettings;
  close(): Promise<void>;
}

/** Opens the engine over the folder with progress printed; the caller must close the session. */
export async function openSession(options: SessionOptions, io: CliIo): Promise<Session> {
  const folder = await existingFolder(options.folder);
  const connection = await connectModel(options.modelValues, io);
  io.stdout(`${connection.banner}\n${await sandboxBanner(options.sandbox ?? {}, options.networkPerWorkflow === true)}\n`);
  let headless: HeadlessEngine;
  try {
    const logger = terminalLogger(io, options.verbose);
    const openEngine = options.engine && engineOpener(options.engine, { folder, logger, ...(options.domain !== undefined && { domain: options.domain }) });
    headless = await HeadlessEngine.open({
      folder,
      ...(openEngine && { openEngine }),
      model: { ...connection.settings, ...(options.modelTime && { callTimeoutMs: options.modelTime.callTimeoutMs, stepTotalMs: options.modelTime.stepTotalMs }) },
      limits: options.limits,
      logger,
      ...(options.budgets && { healing: { budgets: options.budgets } }),
      ...(options.globalMemory !== undefined && { globalMemory: options.globalMemory }),
    });
  } catch (error) {
    await connection.close();
    throw error;
  }
  const phaseOfStep = (workflowId: string, step: string) => headless.runtime.phaseOfStep(workflowId, step)?.id;
  const progressLine = progressPrinter(phaseOfStep);
  const unsubscribe = headless.engine.subscribe((event) => {
    const line = progressLine(event);
    if (line !== undefined) io.stdout(`${line}\n`);
  });
  return {
    headless,
    model: connection.settings,
    async close() {
      unsubscribe();
      await headless.close();
      await connection.close();
    },
  };
}

/** Prints the forecast of the run about to start, from the runs in this folder, and the budgets it must keep. */
export async function printForecast(session: Session, io: CliIo): Promise<void> {
  const { lines } = await session.headless.forecast();
  io.stdout(`${lines.join('\n')}\n`);
}

/** Waits for the workflow (canceling it on Ctrl-C), then prints and writes its report; resolves to the exit code. */
export async function finishWorkflow(session: Session, workflowId: string, io: CliIo, reportFile: string | undefined, options: { readonly diffs?: boolean; readonly onReport?: (report: WorkflowReport) => void } = {}): Promise<number> {
  const { engine } = session.headless;
  const cancel = () => void engine.cancel(workflowId, 'interrupted from the terminal').catch(() => undefined);
  io.signal?.addEventListener('abort', cancel, { once: true });
  const workflow = await engine.settled(workflowId).finally(() => io.signal?.removeEventListener('abort', cancel));
  if (!isTerminalWorkflow(workflow.status)) {
    io.stdout(`workflow ${workflowId} is ${workflow.status}; \`imperium resume\` continues it.\n`);
    return EXIT_FAILED;
  }
  const report = await session.headless.report(workflowId);
  io.stdout(`\n${workflowReportText(report, options)}`);
  options.onReport?.(report);
  if (reportFile !== undefined) {
    await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
    io.stdout(`The report is in ${reportFile}.\n`);
  }
  return workflow.status === 'COMPLETED' ? EXIT_OK : EXIT_FAILED;
}

export function reportPath(value: string | undefined, io: CliIo): string | undefined {
  return value === undefined ? undefined : resolve(io.cwd, value);
}

async function existingFolder(folder: string): Promise<string> {
  const stats = await stat(folder).catch(() => undefined);
  if (!stats?.isDirectory()) throw new ConfigurationError(`the folder ${folder} does not exist or is not a folder.`);
  return folder;
}

function terminalLogger(io: CliIo, verbose: boolean): Logger {
  return {
    debug: (message) => verbose && io.stderr(`debug: ${message}\n`),
    info: (message) => verbose && io.stderr(`info: ${message}\n`),
    warn: (message) => io.stderr(`warning: ${message}\n`),
    error: (message) => io.stderr(`error: ${message}\n`),
  };
}
