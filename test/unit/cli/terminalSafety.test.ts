// Adversarial (issue 16, point 8): model text and paths printed raw cleared the screen or painted a
// fake verdict; expected failures printed stack traces.
import * as assert from 'node:assert/strict';
import { expectedFailureLine } from '../../../src/cli/expectedFailures';
import { terminalText } from '../../../src/cli/terminalText';
import { StoreLockedError } from '../../../src/infra/store/fileLock';
import { StoreLocationError } from '../../../src/infra/store/storeLocation';

describe('what the CLI prints', () => {
  it('shows control characters as escapes, keeping newlines and tabs', () => {
    const hostile = 'src/\u001b[2J\u001b[H\u001b[32mAPPROVED\u001b[0m.ts\tok\r\nnext\rover \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007 \u202etxt.exe';
    const shown = terminalText(hostile);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/.test(shown), JSON.stringify(shown));
    assert.match(shown, /\\u001b\[2J/);
    assert.match(shown, /\tok\nnext\\u000dover/);
  });

  it('turns a held lock, a refused state folder and an unwritable one into one line each', () => {
    assert.match(expectedFailureLine(new StoreLockedError('workflows.json', 'workflows.json is already being written by process 7.')) ?? '', /Two processes cannot work on one folder at once/);
    assert.equal(expectedFailureLine(new StoreLocationError('Refusing the state folder: x is a symbolic link.')), 'Refusing the state folder: x is a symbolic link.');
    const denied = Object.assign(new Error("EACCES: permission denied, mkdir '/w/.imperium'"), { code: 'EACCES', path: '/w/.imperium' });
    assert.equal(expectedFailureLine(denied), 'cannot write /w/.imperium: permission denied. Imperium Flow keeps its state in <folder>/.imperium/; make it writable.');
    assert.equal(expectedFailureLine(new TypeError('a bug')), undefined, 'a bug keeps its stack trace');
  });
});
