// `imperium run` through faults of the model server: a tool call whose arguments are not JSON, a
// short burst of rate limits, and a storm of rate limits longer than the client's retry limit, which
// the healing layer's retry ladder meets in turn.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import { DEFAULT_RETRY_POLICY } from '../../../src/llm/retryLoop';
import { readEvents, readJournalWrites, readReport, retryEvents, toolEvents } from './engineRecords';
import { printed, runImperium } from './imperiumProcess';
import { copyFixture, SCENARIOS, type ProjectCopy } from './projectCopy';

const REQUEST = 'Add Stack#isEmpty().';
const RUN_DEADLINE_MS = 120_000;

describe('imperium run: model faults (end to end)', function () {
  this.timeout(RUN_DEADLINE_MS + 30_000);
  this.slow(20_000);
  const copies: ProjectCopy[] = [];
  afterEach(() => Promise.all(copies.splice(0).map((copy) => copy.remove())));

  async function mochaCopy(): Promise<ProjectCopy> {
    const copy = await copyFixture('mocha-project');
    copies.push(copy);
    return copy;
  }

  it('recovers from tool arguments that are not JSON: the agent is told, calls again, and the workflow completes', async () => {
    const { root, folder } = await mochaCopy();
    const reportFile = join(root, 'report.json');

    const run = await runImperium(['run', folder, REQUEST, '--scenario', join(SCENARIOS, 'malformed-tool-arguments.json'), '--report', reportFile], RUN_DEADLINE_MS);

    assert.equal(run.code, 0, printed(run));
    assert.equal(readReport(reportFile).status, 'COMPLETED');
    const edits = toolEvents(readEvents(folder)).filter((event) => event.agent === 'codebot' && event.tool === 'edit_file');
    assert.deepEqual(
      edits.map((event) => event.outcome),
      ['error', 'ok'],
    );
    assert.match(edits[0]?.message ?? '', /^The arguments of edit_file are not valid JSON \(/);
    // The bad call changed nothing; the good one changed the file once.
    assert.deepEqual(
      readJournalWrites(folder).map((entry) => `${entry.agent} ${entry.path}`),
      ['testbot test/stack-empty.test.js', 'codebot src/stack.js'],
    );
    assert.equal((await readFile(join(folder, 'src/stack.js'), 'utf8')).match(/isEmpty\(\)/g)?.length, 1);
  });

  it('retries a short burst of rate limits after the wait the server asked for, each retry in the event log, and completes', async () => {
    const { root, folder } = await mochaCopy();
    const reportFile = join(root, 'report.json');

    const run = await runImperium(['run', folder, REQUEST, '--scenario', join(SCENARIOS, 'rate-limit-burst.json'), '--report', reportFile], RUN_DEADLINE_MS);

    assert.equal(run.code, 0, printed(run));
    assert.equal(readReport(reportFile).status, 'COMPLETED');
    const events = readEvents(folder);
    const red = events.find((event) => event.type === 'task' && event.step === 'red' && event.status === 'IN_PROGRESS');
    const retries = retryEvents(events).map(({ what, agent, attempt, delayMs, taskId }) => ({ what, agent, attempt, delayMs, taskId }));
    assert.deepEqual(retries, [
      { what: 'model-call', agent: 'testbot', attempt: 1, delayMs: 50, taskId: red?.taskId },
      { what: 'model-call', agent: 'testbot', attempt: 2, delayMs: 50, taskId: red?.taskId },
    ]);
    assert.ok(retryEvents(events).every((event) => /429/.test(event.reason)));
    assert.match(run.stdout, /^ {3}retry 1 of a model-call by testbot in 50 ms: HTTP 429/m);
  });

  it('meets a rate-limit storm with the retry ladder: the client retries each call, the ladder the step, then it ends for a person to decide', async () => {
    const { root, folder } = await mochaCopy();
    const reportFile = join(root, 'report.json');
    // The server runs here rather than inside the CLI (`--base-url`), so the requests it saw can be counted.
    const server = await startScriptedModelServer(join(SCENARIOS, 'rate-limit-storm.json'));
    let run;
    try {
      run = await runImperium(['run', folder, REQUEST, '--base-url', server.url, '--model', server.scenario.model, '--report', reportFile], RUN_DEADLINE_MS);
    } finally {
      await server.close();
    }

    assert.equal(run.code, 1, printed(run));
    assert.ok(run.durationMs < 60_000, `ended in ${Math.round(run.durationMs)} ms`);
    const { maxRetries } = DEFAULT_RETRY_POLICY;
    const rateLimited = new RegExp(`rate limiting requests \\(HTTP 429: Rate limit reached for requests\\)\\. Gave up after ${maxRetries} retries\\.`);
    assert.match(run.stdout, /^workflow wf-1 FAILED in plan: /m);
    assert.match(run.stdout, /^ {3}healing: retry \(model-error, attempt 2\): retrying in 2000 ms after: /m);
    const report = readReport(reportFile);
    assert.equal(report.status, 'FAILED');
    assert.match(report.reason ?? '', rateLimited);
    assert.match(report.reason ?? '', /A person must decide whether to retry it, skip it, edit the request or abort the workflow, and no one can be asked here/);
    assert.deepEqual(
      report.phases.map((phase) => `${phase.phase} ${phase.status}`),
      ['plan failed', 'red not reached', 'green not reached', 'refactor not reached', 'review not reached'],
    );
    // The ladder's two retries of the step, 2 s then 4 s apart, then a person (no fallback model is configured).
    assert.deepEqual(
      report.healing.map((h) => `${h.action} ${h.failure} ${h.attempt ?? ''}`.trim()),
      ['retry model-error 2', 'retry model-error 3', 'gave-up model-error'],
    );

    // Each of the three attempts: the CTO's call, tried once and retried as often as allowed.
    assert.equal(server.requests.filter((request) => request.role === 'cto').length, 3 * (maxRetries + 1));
    const retries = retryEvents(readEvents(folder));
    assert.deepEqual(
      retries.map((event) => event.attempt),
      [1, 2, 3].flatMap(() => Array.from({ length: maxRetries }, (_, i) => i + 1)),
    );
    assert.ok(retries.every((event) => event.what === 'model-call' && event.agent === 'cto' && event.delayMs === 20 && /429/.test(event.reason)));
  });
});
