// Frameworks report files as absolute paths, file:// URLs or paths relative to their working
// folder, sometimes through the real path of a symlinked workspace; the ports speak
// workspace-relative, '/'-separated paths. This is the one place that converts.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export class WorkspacePaths {
  private constructor(
    readonly root: string,
    private readonly realRoot: string,
  ) {}

  static async of(root: string): Promise<WorkspacePaths> {
    const absolute = resolve(root);
    const real = await realpath(absolute).catch(() => absolute);
    return new WorkspacePaths(absolute, real);
  }

  /** The absolute path of a workspace-relative path. */
  resolve(workspacePath: string): string {
    return resolve(this.root, workspacePath);
  }

  /** The absolute path of what a framework reported (a path or a file:// URL). */
  absolute(reported: string): string {
    return reported.startsWith('file://') ? fileURLToPath(reported) : resolve(this.root, reported);
  }

  /** The workspace-relative path of what a framework reported, or undefined when it lies outside. */
  relative(reported: string): string | undefined {
    const absolute = this.absolute(reported);
    for (const base of [this.root, this.realRoot]) {
      const rel = relative(base, absolute);
      if (rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return rel.split(sep).join('/');
    }
    return undefined;
  }

  /** Workspace-relative when inside the workspace, else absolute: a file a person can find. */
  display(reported: string): string {
    return this.relative(reported) ?? this.absolute(reported);
  }
}
