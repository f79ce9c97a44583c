// The on-disk form of one document: `<name>.json`, replaced atomically on each write (lowdb's
// TextFile writes through steno, which writes a temp file and renames it over the old one), and
// `<name>.json.bak`, the same text written after each successful write. Reading detects a damaged
// document, moves it aside as `<name>.damaged-<time>.json` and puts the backup back in its place.
import { open, readFile, rename } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { TextFile } from 'lowdb/node';
import type { StoreIssueListener } from './storeIssue';

type Parsed<T> = { readonly ok: true; readonly value: T; readonly text: string } | { readonly ok: false; readonly reason: string };

export class DocumentFile<T extends object> implements Adapter<T> {
  readonly path: string;
  private readonly backupPath: string;
  private readonly main: TextFile;
  private readonly backup: TextFile;

  /** `base` is the folder and name without extension, e.g. `/storage/workflows`. */
  constructor(
    private readonly base: string,
    private readonly report: StoreIssueListener,
  ) {
    this.path = `${base}.json`;
    this.backupPath = `${base}.json.bak`;
    this.main = new TextFile(this.path);
    this.backup = new TextFile(this.backupPath);
  }

  /** The document, restored from its backup when damaged or missing; null when there is neither. */
  async read(): Promise<T | null> {
    const mainText = await readTextIfPresent(this.path);
    const mainParsed = mainText === null ? undefined : parseDocument<T>(mainText);
    if (mainParsed?.ok) return mainParsed.value;
    const mainDamage = mainParsed?.reason;

    const backupText = await readTextIfPresent(this.backupPath);
    const backupParsed = backupText === null ? undefined : parseDocument<T>(backupText);
    const damagedCopy = mainDamage === undefined ? undefined : await this.moveAside(this.path, 'damaged');

    if (backupParsed?.ok) {
      await this.main.write(backupParsed.text);
      this.report(
        damagedCopy && mainDamage
          ? { kind: 'document-restored', file: this.path, damagedCopy, reason: mainDamage }
          : { kind: 'document-missing-restored', file: this.path },
      );
      return backupParsed.value;
    }
    if (!damagedCopy && !backupParsed) return null;

    // Nothing usable is left: both copies are kept aside and the caller starts from its initial value.
    const damagedCopies = damagedCopy ? [damagedCopy] : [];
    if (backupParsed) damagedCopies.push(await this.moveAside(this.backupPath, 'bak-damaged'));
    const reason = `document: ${mainDamage ?? 'missing'}; backup: ${backupParsed?.reason ?? 'missing'}`;
    this.report({ kind: 'document-reset', file: this.path, damagedCopies, reason });
    return null;
  }

  /**
   * The document as it is on disk, or its backup when it is damaged, or null: for readers that must
   * not take the writer's lock (a status command beside a running workflow). Changes nothing.
   */
  static async peek<T extends object>(base: string): Promise<T | null> {
    for (const path of [`${base}.json`, `${base}.json.bak`]) {
      const text = await readTextIfPresent(path);
      const parsed = text === null ? undefined : parseDocument<T>(text);
      if (parsed?.ok) return parsed.value;
    }
    return null;
  }

  async write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 2);
    await this.main.write(text);
    await this.backup.write(text);
  }

  /** Forces the document's bytes to the disk, so a write survives power loss and not only a crash. */
  async sync(): Promise<void> {
    const handle = await open(this.path, 'r+');
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }

  private async moveAside(path: string, label: string): Promise<string> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = `${this.base}.${label}-${stamp}.json`;
    await rename(path, target);
    return target;
  }
}

async function readTextIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseDocument<T>(text: string): Parsed<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: text.trim() === '' ? 'the file is empty' : `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null) return { ok: false, reason: `expected a JSON object, found ${value === null ? 'null' : typeof value}` };
  return { ok: true, value: value as T, text };
}
