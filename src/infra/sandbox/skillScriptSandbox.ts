// Where a skill's script runs once a person approved it: a private copy of the skill folder (the
// bytes the registry loaded and hashed, never the folder on disk, which could change after the
// approval) under bubblewrap, with the workspace as the working folder but read-only, no network, a
// scrubbed environment and a temporary HOME. Without a sandbox on this machine nothing runs.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScriptEnd, ScriptRun, ScriptSandbox } from '../../superpowers/registry/scriptSandbox';
import { runProcess } from '../testRunners/testProcess';
import { usableBubblewrap } from './bubblewrap';
import { SandboxUnavailableError } from './confinement';

/** Characters of a script's output the agent gets back. */
const OUTPUT_LIMIT = 20_000;

export class SkillScriptSandbox implements ScriptSandbox {
  /** `workspaceRoot`: the script's working folder, read-only to it. */
  constructor(private readonly workspaceRoot: string) {}

  async confinement(): Promise<string | undefined> {
    if ((await usableBubblewrap()) === undefined) return undefined;
    return 'confined by bubblewrap: the workspace read-only, writes only in a temporary copy of the skill, home folders and the system secrets hidden, no network';
  }

  async run(run: ScriptRun): Promise<ScriptEnd> {
    const root = await realpath(await mkdtemp(join(tmpdir(), 'imperium-skill-')));
    try {
      const folder = join(root, run.folder.name);
      for (const [file, bytes] of run.folder.files) {
        const parts = file.split('/');
        if (parts.some((part) => part === '' || part === '.' || part === '..')) throw new Error(`The skill "${run.folder.name}" lists a file with an unsafe path: ${file}`);
        const target = join(folder, ...parts);
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, bytes);
      }
      const end = await runProcess({
        command: run.interpreter,
        args: [join(folder, ...run.script.split('/')), ...run.args],
        cwd: this.workspaceRoot,
        privateDirs: [folder],
        timeoutMs: run.timeoutMs,
        outputLimit: OUTPUT_LIMIT,
        readOnlyWorkspace: true,
        sandboxRequired: true,
        ...(run.signal && { signal: run.signal }),
      });
      // confine() refuses to start without a sandbox (sandboxRequired); a run that got past it unconfined is a bug, never a result.
      if (end.ending !== 'failed-to-start' && end.confinement?.confined !== true) throw new SandboxUnavailableError(`${run.script} was not confined`);
      return { ending: end.ending, exitCode: end.exitCode, output: end.startError ?? end.output };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
}
