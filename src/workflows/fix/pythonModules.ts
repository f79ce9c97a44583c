// The project's own Python modules and packages (top-level names at the root and in src/), so the
// red gate reads `No module named x` for one of them as code still to write, not a missing package.
import type { Workspace } from '../../core/ports';

export async function pythonModules(workspace: Workspace): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of ['', 'src']) {
    if (dir !== '' && !(await workspace.exists(dir))) continue;
    const entries = await workspace.list(dir, { recursive: true, limit: 500 }).catch(() => []);
    for (const entry of entries) {
      const rest = dir === '' ? entry.path : entry.path.slice(dir.length + 1);
      const parts = rest.split('/');
      if (parts.length === 1 && entry.kind === 'file' && rest.endsWith('.py')) names.add(rest.slice(0, -3));
      if (parts.length === 2 && parts[1] === '__init__.py') names.add(parts[0] ?? '');
    }
  }
  names.delete('');
  return [...names].sort();
}
