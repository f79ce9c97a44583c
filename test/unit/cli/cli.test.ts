import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { ConfigurationError, UsageError, type CliCommand, type CliIo } from '../../../src/cli/cliCommand';
import { COMMANDS } from '../../../src/cli/commands';

interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

function capture(cwd = process.cwd()): Captured {
  let stdout = '';
  let stderr = '';
  return { io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd }, stdout: () => stdout, stderr: () => stderr };
}

/** A test double: a command that records its arguments and fails as told. */
function recordingCommand(outcome: number | Error): CliCommand & { readonly calls: string[][] } {
  const calls: string[][] = [];
  return {
    name: 'echo',
    summary: 'Records its arguments',
    usage: 'Usage: imperium echo [words]\n',
    calls,
    async run(args) {
      calls.push([...args]);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

describe('imperium command line', () => {
  it('lists the commands with --help, on stdout, and exits 0', async () => {
    const out = capture();
    assert.equal(await runCli(['--help'], out.io, COMMANDS), 0);
    assert.match(out.stdout(), /^Usage: imperium <command> \[options\]/);
    assert.match(out.stdout(), /^ {2}tests +Run a folder's tests/m);
    assert.equal(out.stderr(), '');
  });

  it('shows the usage on stderr and exits 2 when given no command or an unknown one', async () => {
    const none = capture();
    assert.equal(await runCli([], none.io, COMMANDS), 2);
    assert.match(none.stderr(), /Usage: imperium <command>/);
    const unknown = capture();
    assert.equal(await runCli(['deploy'], unknown.io, COMMANDS), 2);
    assert.match(unknown.stderr(), /^imperium: unknown command "deploy"\./);
  });

  it("dispatches to the command with the rest of the arguments, and shows a command's own help", async () => {
    const command = recordingCommand(0);
    assert.equal(await runCli(['echo', 'a', '--b'], capture().io, [command]), 0);
    assert.deepEqual(command.calls, [['a', '--b']]);
    const help = capture();
    assert.equal(await runCli(['echo', '--help'], help.io, [command]), 0);
    assert.equal(help.stdout(), command.usage);
    const helpTopic = capture();
    assert.equal(await runCli(['help', 'echo'], helpTopic.io, [command]), 0);
    assert.equal(helpTopic.stdout(), command.usage);
  });

  it("maps a command's usage and configuration errors to exit 2 with a message", async () => {
    const usage = capture();
    assert.equal(await runCli(['echo'], usage.io, [recordingCommand(new UsageError('a word is missing.'))]), 2);
    assert.equal(usage.stderr(), 'imperium echo: a word is missing.\n\nUsage: imperium echo [words]\n');
    const configuration = capture();
    assert.equal(await runCli(['echo'], configuration.io, [recordingCommand(new ConfigurationError('no such folder.'))]), 2);
    assert.equal(configuration.stderr(), 'imperium echo: no such folder.\n');
  });

  describe('tests', () => {
    let empty: string;
    before(async () => {
      empty = await mkdtemp(join(tmpdir(), 'imperium-cli-'));
    });
    after(() => rm(empty, { recursive: true, force: true }));

    const usageErrors: [string[], RegExp][] = [
      [['tests'], /the folder to test is missing/],
      [['tests', 'a', 'b'], /expected one folder, got 2: a b/],
      [['tests', '.', '--verbose'], /Unknown option '--verbose'/],
      [['tests', '.', '--timeout', 'soon'], /--timeout takes a positive whole number of milliseconds, not "soon"/],
      [['tests', '.', '--timeout', '0'], /--timeout takes a positive whole number/],
      [['tests', '.', '--framework', 'ava'], /--framework takes one of node-test, mocha, jest, vitest, pytest, not "ava"/],
      [['tests', '.', '--list', '--file', 'a.js'], /--list lists every test; it takes no --file or --test/],
    ];
    for (const [args, message] of usageErrors) {
      it(`refuses \`imperium ${args.join(' ')}\` with exit 2, the reason and the usage`, async () => {
        const out = capture();
        assert.equal(await runCli(args, out.io, COMMANDS), 2);
        assert.match(out.stderr(), message);
        assert.match(out.stderr(), /Usage: imperium tests <folder> \[options\]/);
      });
    }

    it('exits 2 with a clear message for a missing folder or a folder without tests', async () => {
      const missing = capture();
      assert.equal(await runCli(['tests', 'no-such-folder'], missing.io, COMMANDS), 2);
      assert.match(missing.stderr(), /the folder .*no-such-folder does not exist or is not a folder/);
      const noFramework = capture(empty);
      assert.equal(await runCli(['tests', '.'], noFramework.io, COMMANDS), 2);
      assert.match(noFramework.stderr(), /No test framework found in/);
      assert.doesNotMatch(noFramework.stderr(), /Usage:/);
    });
  });
});
