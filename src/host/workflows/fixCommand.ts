// "Fix with Agents": the fix workflow on what a person points at in the Test Explorer (a test, a
// suite, a file, a folder: its context menu, its inline action, the gutter's menu), on test ids or
// files given by another extension or a keybinding, or, from the palette, on every failing test.
import * as vscode from 'vscode';
import type { TestExplorer } from '../testing/testExplorer';
import type { WorkflowService } from './workflowService';

export const FIX_WITH_AGENTS_COMMAND = 'imperium.fixWithAgents';

/** The tests to fix, as the fix workflow takes them, from the command's arguments. */
export function fixTestsOf(args: readonly unknown[], tests: TestExplorer | undefined, folder: vscode.WorkspaceFolder): string[] {
  const [first, second] = args;
  if (first === undefined) return [];
  if (typeof first === 'string' || (Array.isArray(first) && first.every((value) => typeof value === 'string'))) return typeof first === 'string' ? [first] : (first as string[]);
  // The Test Explorer passes the item clicked, then every selected item when several are.
  const items = (Array.isArray(second) && second.length > 0 ? second : [first]) as unknown[];
  if (!items.every(isTestItem)) throw new Error(`${FIX_WITH_AGENTS_COMMAND} takes no argument, test items of the Test Explorer, or test ids and test files.`);
  const named = tests?.fixSelection(items, folder);
  if (named === undefined) throw new Error(`Fix with Agents works on the tests of ${folder.name}, where the agents work; pick tests there.`);
  return named;
}

function isTestItem(value: unknown): value is vscode.TestItem {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' && typeof (value as { children?: unknown }).children === 'object';
}

export async function fixWithAgents(service: WorkflowService, tests: TestExplorer | undefined, args: readonly unknown[]): Promise<string> {
  const folder = vscode.workspace.getWorkspaceFolder(service.folder);
  if (!folder) throw new Error('Open a folder for the agents to work in.');
  const named = fixTestsOf(args, tests, folder);
  return service.start({ workflow: 'fix', request: '', ...(named.length > 0 && { tests: named }) });
}
