// `imperium run` through faults of the model server: a tool call whose arguments are not JSON, a
// short burst of rate limits, and a storm of rate limits longer than the client's retry limit.
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
    const retries = retryEvents(events).map(({ what, attempt, delayMs, taskId }) => ({ what, attempt, delayMs, taskId }));
    assert.deepEqual(retries, [
      { what: 'model-call', attempt: 1, delayMs: 50, taskId: red?.taskId },
      { what: 'model-call', attempt: 2, delayMs: 50, taskId: red?.taskId },
    ]);
    assert.ok(retryEvents(events).every((event) => /429/.test(event.reason)));
    assert.match(run.stdout, /^ {3}retry 1 of a model-call in 50 ms: HTTP 429/m);
  });

  it('gives up on a rate-limit storm after the retry limit: the run fails in bounded time, saying why', async () => {
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
    assert.match(run.stdout, /^workflow wf-1 FAILED at planReview: /m);
    assert.match(run.stdout, rateLimited);
    const report = readReport(reportFile);
    assert.equal(report.status, 'FAILED');
    assert.match(report.reason ?? '', rateLimited);
    assert.deepEqual(
      report.phases.map((phase) => `${phase.phase} ${phase.status}`),
      ['plan failed', 'red not reached', 'green not reached', 'refactor not reached', 'review not reached'],
    );

    // One model call: the first try and every retry allowed, no more.
    assert.equal(server.requests.filter((request) => request.role === 'cto').length, maxRetries + 1);
    const retries = retryEvents(readEvents(folder));
    assert.deepEqual(
      retries.map((event) => event.attempt),
      Array.from({ length: maxRetries }, (_, i) => i + 1),
    );
    assert.ok(retries.every((event) => event.what === 'model-call' && event.delayMs === 20 && /429/.test(event.reason)));
  });
});
