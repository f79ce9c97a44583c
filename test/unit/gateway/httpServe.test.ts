// `imperium serve` as a user runs it: a client follows the events over the WebSocket while the
// feature workflow, started with POST /api/workflows, runs on examples/bookshelf on the scripted
// model to a green suite; the token is generated and printed when none is given.
import * as assert from 'node:assert/strict';
import type WebSocket from 'ws';
import type { EngineEvent } from '../../../src/shared/events';
import { startImperium, type ImperiumProcess } from '../cliEndToEnd/imperiumProcess';
import { BOOKSHELF_REQUEST, BOOKSHELF_SCENARIO, copyBookshelf, type BookshelfCopy } from './bookshelfCopy';
import { call, openSocket } from './httpClient';

const RUN_DEADLINE_MS = 180_000;
const TOKEN = 'e2e-token-for-imperium-serve-0123';

async function serverUrl(serve: ImperiumProcess): Promise<string> {
  // The last line of its greeting: the address and the token are out by then.
  await serve.waitForStdout(/^Ctrl-C stops the server\.$/m, 60_000);
  return /^imperium serve: .* at (http:\/\/127\.0\.0\.1:\d+)$/m.exec(serve.stdout())?.[1] as string;
}

describe('imperium serve over HTTP + WebSocket (end to end)', function () {
  this.timeout(RUN_DEADLINE_MS + 60_000);
  this.slow(30_000);
  let copy: BookshelfCopy;
  let serve: ImperiumProcess | undefined;
  let socket: WebSocket | undefined;
  afterEach(async () => {
    socket?.terminate();
    if (serve?.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
    await copy?.remove();
  });

  it('runs the bookshelf workflow to a green suite while a client follows its events over the WebSocket', async () => {
    copy = await copyBookshelf();
    serve = startImperium(['serve', copy.folder, '--port', '0', '--scenario', BOOKSHELF_SCENARIO], RUN_DEADLINE_MS, { IMPERIUM_API_TOKEN: TOKEN });
    const url = await serverUrl(serve);
    assert.match(serve.stdout(), /^Token: the one in \$IMPERIUM_API_TOKEN\.$/m);
    assert.doesNotMatch(serve.stdout() + serve.stderr(), new RegExp(TOKEN), 'a given token is never printed');
    const auth = { Authorization: `Bearer ${TOKEN}` };

    assert.equal((await call(`${url}/api/workflows`)).status, 401);
    socket = await openSocket(`${url.replace('http:', 'ws:')}/api/events`, auth);
    const events: EngineEvent[] = [];
    const ended = new Promise<EngineEvent>((resolve) => {
      socket?.on('message', (data: Buffer) => {
        const event = JSON.parse(data.toString('utf8')) as EngineEvent;
        events.push(event);
        if (event.type === 'workflow' && event.status !== 'RUNNING') resolve(event);
      });
    });

    const started = await call(`${url}/api/workflows`, { method: 'POST', body: { request: BOOKSHELF_REQUEST, workflow: 'feature' }, headers: auth });
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const { id } = started.body as { id: string };
    assert.equal(started.headers.location, `/api/workflows/${id}`);
    const running = await call(`${url}/api/workflows/${id}`, { headers: auth });
    assert.equal(running.status, 200);
    assert.equal((running.body as { status: string }).status, 'RUNNING');

    const last = await ended;
    assert.equal(last.type === 'workflow' && last.status, 'COMPLETED', JSON.stringify(last));
    assert.ok(events.every((event, index) => index === 0 || event.seq > (events[index - 1]?.seq ?? 0)), 'events arrive in seq order');
    const steps = events.filter((event) => event.type === 'task' && event.status === 'COMPLETED').map((event) => (event.type === 'task' ? event.step : ''));
    assert.deepEqual(steps, ['plan', 'planReview', 'red', 'green', 'refactor', 'review']);
    assert.ok(events.some((event) => event.type === 'test-run'), 'test runs are streamed');
    assert.ok(events.some((event) => event.type === 'verdict' && event.member === 'board'), "the Board's verdicts are streamed");

    const status = await call(`${url}/api/workflows/${id}`, { headers: auth });
    assert.deepEqual([(status.body as { status: string }).status, (status.body as { progress: number }).progress], ['COMPLETED', 1]);
    const report = await call(`${url}/api/workflows/${id}/report`, { headers: auth });
    assert.equal(report.status, 200);
    const { tests } = (report.body as { report: { tests: { outcome: string; summary: { failed: number; passed: number } } } }).report;
    assert.equal(tests.outcome, 'completed');
    assert.equal(tests.summary.failed, 0);
    const suite = copy.runSuite();
    assert.equal(suite.code, 0, suite.output);
    assert.equal((await call(`${url}/api/workflows/${id}/cancel`, { method: 'POST', headers: auth })).status, 409);

    serve.child.kill('SIGINT');
    const outcome = await serve.ended;
    assert.equal(outcome.code, 0, outcome.stderr);
  });

  it('generates a token and prints it when $IMPERIUM_API_TOKEN is not set', async () => {
    copy = await copyBookshelf();
    serve = startImperium(['serve', copy.folder, '--port', '0', '--scenario', BOOKSHELF_SCENARIO], 60_000);
    const url = await serverUrl(serve);
    const token = /^Token \(for this run only; .*\): (\S+)$/m.exec(serve.stdout())?.[1];
    assert.ok(token, serve.stdout());
    assert.equal((await call(`${url}/api/workflows`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    assert.equal((await call(`${url}/api/workflows`, { headers: { Authorization: 'Bearer not-the-generated-one' } })).status, 401);
    serve.child.kill('SIGINT');
    assert.equal((await serve.ended).code, 0);
  });

  it('refuses a token of its own that is too short', async () => {
    copy = await copyBookshelf();
    serve = startImperium(['serve', copy.folder, '--port', '0', '--scenario', BOOKSHELF_SCENARIO], 60_000, { IMPERIUM_API_TOKEN: 'short' });
    const outcome = await serve.ended;
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /IMPERIUM_API_TOKEN is 5 characters long; use at least 16/);
  });
});
