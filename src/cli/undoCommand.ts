// `imperium undo <folder> [--workflow <id>]`: takes back what a workflow wrote, from the write
// journal alone, so it works when the workflow's state is damaged or lost: every file it changed is
// restored byte for byte and every file it created is deleted. Files changed since are left alone
// unless --force.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JournalEntry } from '../core/journal/journalEntry';
import { WriteJournal } from '../core/journal/writeJournal';
import { NodeWorkspace } from '../infra/nodeWorkspace';
import { JsonStore } from '../infra/store/jsonStore';
import { ConfigurationError, EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { STATE_FOLDER } from '../runtime/folderStore';

const USAGE = `Usage: imperium undo <folder> [--workflow <id>] [--force]

Takes back what a workflow wrote in <folder>, from its write journal in <folder>/.imperium/: each
file it changed gets its earlier bytes back, each file it created is deleted. Works even when the
workflow's own state is damaged or lost. Without --workflow, the last workflow that wrote anything.

Options:
  --workflow <id>        The workflow to undo (see \`imperium status <folder>\`).
  --force                Also restore files changed since the workflow last wrote them.
  -h, --help             Show this help.

Exit codes: 0 everything was taken back, 1 some files were left (listed), 2 bad usage or configuration.
`;

export const undoCommand: CliCommand = {
  name: 'undo',
  summary: "Take back a workflow's changes to a folder, from its write journal",
  usage: USAGE,
  run: undo,
};

async function undo(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, { workflow: { type: 'string' }, force: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('expected one folder.');
  const folder = resolve(io.cwd, positionals[0] as string);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new ConfigurationError(`the folder ${folder} does not exist or is not a folder.`);
  if (!(await stat(join(folder, STATE_FOLDER)).catch(() => undefined))) throw new ConfigurationError(`nothing to undo: ${folder} has no ${STATE_FOLDER}/ folder.`);
  const store = await JsonStore.open({ folder: join(folder, STATE_FOLDER), logger: quietLogger(io), containedIn: folder });
  try {
    const log = store.log<JournalEntry>('journal');
    const workflowId = values.workflow ?? (await lastWriter(log.readAll()));
    if (workflowId === undefined) {
      io.stdout(`Nothing to undo: the journal in ${join(folder, STATE_FOLDER)} holds no writes.\n`);
      return EXIT_OK;
    }
    const workspace = await NodeWorkspace.open(folder, { journal: new WriteJournal(log) });
    const touched = await workspace.touched(workflowId);
    if (touched.length === 0) {
      io.stdout(`Nothing to undo for ${workflowId}: it wrote nothing that is not already undone.\n`);
      return EXIT_OK;
    }
    const report = await workspace.undo(workflowId, { force: values.force });
    io.stdout(`Undid ${workflowId} in ${folder}:\n`);
    for (const path of report.restored) io.stdout(`  restored  ${path}\n`);
    for (const path of report.deleted) io.stdout(`  deleted   ${path}\n`);
    for (const { path, reason } of report.skipped) io.stdout(`  left      ${path}: ${reason}\n`);
    if (report.skipped.length > 0) {
      io.stdout(`${report.skipped.length} file${report.skipped.length === 1 ? ' was' : 's were'} left as ${report.skipped.length === 1 ? 'it is' : 'they are'}; \`imperium undo ${positionals[0]} --workflow ${workflowId} --force\` restores them too.\n`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

/** The workflow of the journal's last write. */
async function lastWriter(entries: Promise<JournalEntry[]>): Promise<string | undefined> {
  return (await entries).filter((entry) => entry.kind === 'write').at(-1)?.workflowId;
}

function quietLogger(io: CliIo) {
  return { debug: () => undefined, info: () => undefined, warn: (message: string) => io.stderr(`warning: ${message}\n`), error: (message: string) => io.stderr(`error: ${message}\n`) };
}
