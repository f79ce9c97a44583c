// Red, for tests that already fail: run the suite, choose the tests to fix (the named ones, or every
// failing test), and gate them: they must fail for a reason the implementation can fix. A test that
// cannot load, or nothing failing at all, ends the workflow here, before any model is asked
// anything. TestBot writes tests only when the request asks for more.
import { z } from 'zod';
import { runTestBot } from '../../agents/testBot';
import { isTestPath } from '../../agents/testFiles';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { summarizeTestRun, testRunFeedback } from '../../agents/tools/testRunSummary';
import { type HealableStepHandler, StepFailure } from '../../core/healing/recoveryHint';
import { TerminalStepError, type StepContext } from '../../core/orchestrator/stepHandler';
import type { TestCaseResult, TestRunResult } from '../../shared/testResults';
import { firstLine } from '../../superpowers/tdd/stepMemory';
import type { TddStepDependencies } from '../../superpowers/tdd/stepDependencies';
import { stepSkills } from '../../superpowers/registry/stepSkills';
import { passedTests } from '../../superpowers/tdd/passingBaseline';
import { memoryBudget, recoveryNote } from '../../superpowers/tdd/recoveryNote';
import { attempts, runSuite, testRef } from '../../superpowers/tdd/suiteRun';
import { TaskScoped } from '../../superpowers/tdd/taskScoped';
import { asksForMoreTests } from './moreTests';
import { pythonModules } from './pythonModules';
import { fixTargetsSchema, resolveTargets, UnknownTestsError } from './testSelection';

const inputSchema = z.object({ request: z.string().min(1), targets: fixTargetsSchema.optional() });

export function fixRedStep(deps: TddStepDependencies): HealableStepHandler {
  // The suite before anything was written: on the ladder's next attempt TestBot's tests are still there.
  const baselines = new TaskScoped<TestRunResult>();
  return {
    async run(input, context, hint) {
      const { request: asked, targets = { testIds: [], files: [] } } = inputSchema.parse(input);
      const { workflowId } = context;
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const timeoutMs = deps.limits.testTimeoutMs;
      const suite = await baselines.get(context, () => runSuite(deps.tests, context, `${workflowId} red: the suite before the fix`, { timeoutMs }));
      if (suite.outcome !== 'completed') throw new StepFailure('step-failed', `The suite did not complete (${suite.outcome}), so it cannot say which tests fail.\n${summarizeTestRun(suite)}`);

      let resolved;
      try {
        resolved = resolveTargets(targets, suite);
      } catch (error) {
        if (error instanceof UnknownTestsError) throw new TerminalStepError(`The tests to fix are not in the suite:\n${error.message}`, { cause: 'unknown-tests' });
        throw error;
      }
      const gate = deps.superpowers.tdd().failingTestsGate({ run: suite, testIds: resolved.testIds, files: resolved.files, isTestPath, projectModules: await pythonModules(deps.workspace), root: deps.workspace.root });
      if (!gate.passed) {
        await deps.memory.record(workflowId, { kind: 'failure', text: `red: ${gate.cause}: ${firstLine(gate.reason)}`, by: 'engine', taskId: context.taskId });
        // Nothing a retry, a fallback model or the Board can change: the tests are as they are.
        throw new TerminalStepError(gate.reason, { cause: gate.cause, selection: resolved.description });
      }

      const fixIds = new Set(gate.redTests.map((test) => test.id));
      let redTests: readonly TestCaseResult[] = gate.redTests;
      let testFiles: readonly string[] = gate.redFiles;
      let summary = `${resolved.description}: ${gate.summary}`;
      if (asksForMoreTests(request)) {
        const added = await moreTests(deps, context, { request, suite, fixing: gate.redTests, memoryTokens: memoryBudget(deps.limits.memoryTokens, hint), recovery: recoveryNote(hint) });
        redTests = [...redTests, ...added.redTests];
        testFiles = [...new Set([...testFiles, ...added.testFiles])].sort();
        const count = added.redTests.length;
        summary = `${summary}; ${count > 0 ? `TestBot added ${count} test${count === 1 ? '' : 's'} that fail${count === 1 ? 's' : ''} for the right reason` : `TestBot's tests: ${added.summary}`}`;
      }
      const output = {
        summary,
        selection: resolved.description,
        testFiles: [...testFiles],
        redTests: redTests.map(testRef),
        runningBefore: suite.tests.filter((test) => test.status !== 'skipped').map((test) => test.id),
        // Failures that are not this fix's: reported at the end, and not held against green.
        failingBefore: suite.tests.filter((test) => test.status === 'failed' && !fixIds.has(test.id)).map((test) => test.id),
        passedBefore: passedTests(suite),
        criteria: criteria(redTests, testFiles, passedTests(suite).length),
      };
      await deps.memory.record(workflowId, { kind: 'criteria', text: output.criteria.map((c, i) => `${i + 1}. ${c}`).join('\n'), by: 'engine', taskId: context.taskId });
      await deps.memory.record(workflowId, { kind: 'test-result', text: `red: ${summary} (${suite.framework})`, by: 'engine', taskId: context.taskId });
      return { output };
    },
  };
}

/** What the Board and CodeBot hold the change to: each test to fix passes, and nothing that passed breaks. */
function criteria(redTests: readonly TestCaseResult[], testFiles: readonly string[], passedBefore: number): string[] {
  const shown = redTests.slice(0, 10).map((test) => `${test.id} passes`);
  if (redTests.length > shown.length) shown.push(`and the ${redTests.length - shown.length} other failing tests listed pass`);
  const loading = testFiles.filter((file) => !redTests.some((test) => test.file === file)).map((file) => `every test in ${file} loads and passes`);
  return [...shown, ...loading, `the ${passedBefore} test${passedBefore === 1 ? '' : 's'} that passed before the fix still pass${passedBefore === 1 ? 'es' : ''}, and no test is changed`];
}

interface MoreTestsInput {
  readonly request: string;
  readonly suite: TestRunResult;
  readonly fixing: readonly TestCaseResult[];
  readonly memoryTokens: number;
  readonly recovery: string | undefined;
}

/** TestBot's tests for what the request asks beyond the failing ones, held to the feature's red gate. */
async function moreTests(deps: TddStepDependencies, context: StepContext, input: MoreTestsInput): Promise<{ redTests: readonly TestCaseResult[]; testFiles: readonly string[]; summary: string }> {
  const { workflowId } = context;
  const existingTestIds = new Set(input.suite.tests.map((test) => test.id));
  const memory = await deps.memory.section(workflowId, input.request, input.memoryTokens, context.signal);
  const failing = `These tests fail already and are being fixed; do not change or repeat them:\n${input.fixing.map((test) => `- ${test.id}`).join('\n') || '(none)'}`;
  const { redGate } = deps.superpowers.tdd();
  const skills = stepSkills(deps.skills, 'red', input.request);
  let feedback: string | undefined;
  for (let attempt = 1; attempt <= deps.limits.redAttempts; attempt++) {
    const result = await runTestBot(
      { description: `Write the tests this request asks for beyond the failing ones: ${input.request}`, context: [skills.index, failing, memory.text, input.recovery, feedback].filter(Boolean).join('\n\n') },
      { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit, tools: memory.tools, ...skills.tools },
      { workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps },
    );
    if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
    if (result.outcome !== 'finished') {
      feedback = `Your previous attempt ended without finishing: ${result.reason}`;
      continue;
    }
    const testFiles = result.answer.test_files.map(normalizeWorkspacePath);
    const run = await runSuite(deps.tests, context, `${workflowId} red: TestBot's attempt ${attempt}`, { selection: { files: testFiles }, timeoutMs: deps.limits.testTimeoutMs });
    const gate = redGate({ run, testFiles, existingTestIds });
    if (gate.passed) {
      await deps.memory.record(workflowId, { kind: 'files', text: `TestBot wrote ${testFiles.join(', ')}: ${firstLine(result.answer.summary)}`, by: 'testbot', taskId: context.taskId });
      return { redTests: gate.redTests, testFiles, summary: gate.summary };
    }
    feedback = testRunFeedback(`The red gate refused your tests (${gate.cause}).\n${gate.reason}\n\nThe run:`, run, deps.workspace.root);
    await deps.memory.record(workflowId, { kind: 'failure', text: `red, TestBot's try ${attempt}: the gate refused the tests (${gate.cause}): ${firstLine(gate.reason)}`, by: 'engine', taskId: context.taskId });
  }
  throw new StepFailure('step-failed', `TestBot did not produce the further tests the request asks for, failing for the right reason, in ${attempts(deps.limits.redAttempts)}. Last: ${feedback ?? 'no attempt finished'}`);
}
