// A run of a JavaScript framework through one of Imperium's own reporters (see reporterRecords.ts):
// the reporter is written to a private folder, the framework is started with it, and the records
// it appended become the result, even when the run was stopped half-way. A run (not a listing)
// carries the must-fail canary (testCanary.ts), which is checked and taken out of the result here.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestSelection } from '../../core/ports';
import type { TestFramework, TestRunResult } from '../../shared/testResults';
import { testEnvironment, type FrameworkRun, type RunnerContext } from './frameworkRunner';
import { readReporterRecords, recordDestination, type RecordDestination } from './reporterRecords';
import { assembleRunResult, withExitCodeCheck, type ParsedReport } from './runResult';
import { withScratchDir } from './scratchDir';
import { checkedCanary, type CanaryScope, type TestCanary } from './testCanary';
import { runProcess, type ProcessEnd } from './testProcess';
import type { WorkspacePaths } from './workspacePaths';

export interface RecordedRunSpec {
  readonly framework: TestFramework;
  /** File name for the reporter; its extension tells Node how to load it. */
  readonly reporterName: string;
  /** The reporter's source, given where it appends its records and their seal, and the private folder. */
  reporterSource(destination: RecordDestination, scratchDir: string): string;
  /** The command line, given the reporter's path and the private folder for other files. */
  command(reporterPath: string, scratchDir: string): Promise<{ readonly args: readonly string[]; readonly env?: NodeJS.ProcessEnv }>;
  /** A last look at the report, with the process's end (e.g. to find load errors only its output tells). */
  complete?(report: ParsedReport, end: ProcessEnd): Promise<ParsedReport>;
  /** Reads the records; readReporterRecords (the node:test, mocha and vitest reporters' shape) when absent. */
  readRecords?(destination: RecordDestination, paths: WorkspacePaths): Promise<ParsedReport>;
  /** The canary the command line includes, and where it runs. */
  readonly canary?: { readonly canary: TestCanary; readonly scope: CanaryScope };
}

export function recordedRun(context: RunnerContext, spec: RecordedRunSpec, selection: TestSelection, run: FrameworkRun): Promise<TestRunResult> {
  return withScratchDir(async (dir) => {
    const reporterPath = join(dir, spec.reporterName);
    const destination = recordDestination(join(dir, 'records.jsonl'));
    await writeFile(reporterPath, spec.reporterSource(destination, dir));
    const { args, env } = await spec.command(reporterPath, dir);
    const end = await (run.launch ?? runProcess)({
      command: context.nodePath,
      args,
      cwd: context.paths.root,
      env: testEnvironment(env),
      timeoutMs: run.timeoutMs,
      signal: run.signal,
      outputLimit: context.outputLimit,
      privateDirs: [dir],
    });
    const records = await (spec.readRecords ?? readReporterRecords)(destination, context.paths);
    const report = spec.complete ? await spec.complete(records, end) : records;
    // The exit code counts the canary's failure, so it is compared before the canary is taken out.
    const checked = withExitCodeCheck(spec.framework, end, report);
    return assembleRunResult(spec.framework, end, spec.canary ? checkedCanary(checked, spec.canary.canary, spec.canary.scope) : checked, selection);
  });
}
