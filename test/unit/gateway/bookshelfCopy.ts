// examples/bookshelf copied to a temp folder for one gateway run, with the scripted scenario and the
// request the demo uses, and a way to run its suite as a user would.
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY } from '../cliEndToEnd/imperiumProcess';

export const BOOKSHELF_SCENARIO = join(REPOSITORY, 'examples/scenarios/bookshelf-citation.json');
export const BOOKSHELF_REQUEST = 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.';

export interface BookshelfCopy {
  readonly folder: string;
  /** `npm test` in the copy (node --test test/): its exit code and output. */
  runSuite(): { readonly code: number | null; readonly output: string };
  remove(): Promise<void>;
}

export async function copyBookshelf(): Promise<BookshelfCopy> {
  const folder = await mkdtemp(join(tmpdir(), 'imperium-gateway-bookshelf-'));
  await cp(join(REPOSITORY, 'examples/bookshelf'), folder, { recursive: true });
  return {
    folder,
    runSuite() {
      const run = spawnSync(process.execPath, ['--test', 'test/'], { cwd: folder, encoding: 'utf8', timeout: 60_000 });
      return { code: run.status, output: `${run.stdout}${run.stderr}` };
    },
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
