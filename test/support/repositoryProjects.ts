// Throwaway projects for tests that run a real test framework: made inside the repository, so the
// frameworks (jest, vitest, mocha) are found in its node_modules, and removed when the suite ends.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Call inside a `describe`: returns a function that writes `files` into a new project and returns its root. */
export function repositoryProjects(prefix: string): (files: Record<string, string>) => string {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));
  return (files) => {
    const root = mkdtempSync(join(process.cwd(), `.tmp-${prefix}-`));
    roots.push(root);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  };
}
