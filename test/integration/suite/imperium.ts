// The extension under test, as the tests reach it: through VS Code's extension registry.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImperiumApi, WorkflowTestHooks } from '../../../src/host/api';

export const EXTENSION_ID = 'imperium-flow.imperium-flow';

export function imperiumExtension(): vscode.Extension<ImperiumApi> {
  const extension = vscode.extensions.getExtension<ImperiumApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this editor`);
  return extension;
}

/** Activates the extension (or returns at once if VS Code already did) and returns its API. */
export async function imperiumApi(): Promise<ImperiumApi> {
  return imperiumExtension().activate();
}

/**
 * What the tests do in the person's place (approve, reject, undo): the test hooks the extension
 * exports only under VS Code's extension test runner, never to another extension in normal use.
 */
export async function personAtTheEditor(): Promise<WorkflowTestHooks> {
  const { testHooks } = await imperiumApi();
  assert.ok(testHooks, 'the extension exports its test hooks only in ExtensionMode.Test, and this run is not in it');
  return testHooks();
}
