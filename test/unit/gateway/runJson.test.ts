// `imperium run --json` for scripts: stdout is JSON lines only (every event, then the report), and
// what a person reads goes to stderr.
import * as assert from 'node:assert/strict';
import type { EngineEvent } from '../../../src/shared/events';
import { printed, runImperium } from '../cliEndToEnd/imperiumProcess';
import { BOOKSHELF_REQUEST, BOOKSHELF_SCENARIO, copyBookshelf, type BookshelfCopy } from './bookshelfCopy';

describe('imperium run --json (end to end)', function () {
  this.timeout(240_000);
  this.slow(30_000);
  let copy: BookshelfCopy;
  after(() => copy?.remove());

  it('prints every event as a JSON line and the report last, with the progress on stderr', async () => {
    copy = await copyBookshelf();
    const outcome = await runImperium(['run', copy.folder, BOOKSHELF_REQUEST, '--scenario', BOOKSHELF_SCENARIO, '--json'], 180_000);
    assert.equal(outcome.code, 0, printed(outcome));
    const lines = outcome.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; report?: { status: string; tests?: { summary: { failed: number } } } });
    const last = lines.at(-1);
    assert.equal(last?.type, 'report');
    assert.equal(last?.report?.status, 'COMPLETED');
    assert.equal(last?.report?.tests?.summary.failed, 0);
    const events = lines.slice(0, -1) as unknown as EngineEvent[];
    assert.ok(events.length > 20, `${events.length} events`);
    assert.ok(events.every((event) => typeof event.seq === 'number' && typeof event.at === 'number'));
    assert.deepEqual(
      events.filter((event) => event.type === 'workflow').map((event) => (event.type === 'workflow' ? event.status : '')),
      ['RUNNING', 'COMPLETED'],
    );
    assert.match(outcome.stderr, /^Model: SCRIPTED/m);
    assert.match(outcome.stderr, /^── GREEN$/m);
    assert.equal(copy.runSuite().code, 0);
  });
});
