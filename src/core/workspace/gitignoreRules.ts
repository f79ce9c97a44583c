// What listings and searches leave out: whatever the workspace's .gitignore files ignore, each file
// applying to its own folder and below, a deeper file overriding a shallower one as git does.
import ignore, { type Ignore } from 'ignore';

interface RuleFile {
  /** The folder holding the .gitignore, workspace-relative ('' for the root). */
  readonly base: string;
  readonly rules: Ignore;
}

export class GitignoreRules {
  static readonly none = new GitignoreRules([]);

  private constructor(private readonly files: readonly RuleFile[]) {}

  /** These rules plus the .gitignore found in `folder`. */
  with(folder: string, gitignoreText: string): GitignoreRules {
    return new GitignoreRules([...this.files, { base: folder, rules: ignore().add(gitignoreText) }]);
  }

  /** Whether git would ignore `path` (workspace-relative, canonical). */
  ignores(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const file of this.files) {
      if (file.base !== '' && !path.startsWith(`${file.base}/`)) continue;
      const relative = file.base === '' ? path : path.slice(file.base.length + 1);
      // The 'ignore' package matches folder-only patterns ("dist/") against paths ending in '/'.
      const verdict = file.rules.test(isDirectory ? `${relative}/` : relative);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }
}
