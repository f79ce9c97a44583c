// The project's own Python modules and packages (top-level names at the root and in src/), so the
// red gate reads `No module named x` for one of them as code still to write, not a missing package.
import type { Workspace } from '../../core/ports';

export async function pythonModules(workspace: Workspace): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of ['', 'src']) {
    if (dir !== '' && !(await workspace.exists(dir))) continue;
    const entries = await workspace.list(dir, { limit: 500 }).catch(() => []);
    for (const entry of entries) {
      const name = entry.path.split('/').at(-1) ?? '';
      if (entry.kind === 'file' && /^\w+\.py$/.test(name)) names.add(name.slice(0, -3));
      else if (entry.kind === 'directory' && /^\w+$/.test(name) && (await workspace.exists(`${entry.path}/__init__.py`))) names.add(name);
    }
  }
  return [...names].sort();
}
