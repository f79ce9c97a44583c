// The page argument every design tool takes: a workspace-relative HTML file that exists, checked
// by the Workspace's path policy (no escape from the root, protected paths) before a browser opens it.
import { z } from 'zod';
import { WorkspaceError } from '../../core/ports';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import type { ToolContext } from './agentTool';

export const pageArgument = z.string().min(1).describe('The HTML page, relative to the workspace root (e.g. "site/index.html").');

export const widthArgument = z.number().int().min(200).max(3840).describe('Viewport width in CSS pixels (phone 375, tablet 768, desktop 1280).');

export async function checkedPage(page: string, context: ToolContext): Promise<string> {
  const path = normalizeWorkspacePath(page);
  if (!/\.html?$/i.test(path)) throw new WorkspaceError('refused', `"${page}" is not an HTML file; the browser tools open .html and .htm pages.`);
  if (!(await context.workspace.exists(path))) throw new WorkspaceError('not-found', `"${page}" does not exist.`);
  return path;
}
