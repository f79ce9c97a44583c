// Shared by the framework runner tests: where the fixture projects are, and a way to run a
// framework's own command directly, to cross-check the runner's counts against the framework's.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { TestCaseResult, TestRunResult } from '../../../../src/shared/testResults';

export const REPO_ROOT = resolve(__dirname, '../../../..');

export function fixture(name: string): string {
  return join(REPO_ROOT, 'test/fixtures', name);
}

/** A framework's JavaScript entry in the repository's node_modules, run with `node` directly. */
export function repoBin(relativePath: string): string {
  return join(REPO_ROOT, 'node_modules', relativePath);
}

export interface CommandOutput {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCommand(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CommandOutput> {
  return new Promise((done, fail) => {
    const child = spawn(command, [...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

export function testById(result: TestRunResult, id: string): TestCaseResult {
  const test = result.tests.find((candidate) => candidate.id === id);
  assert.ok(test, `no test ${id} among ${result.tests.map((candidate) => candidate.id).join(', ')}`);
  return test;
}

export function counts(result: TestRunResult): { passed: number; failed: number; skipped: number } {
  const { passed, failed, skipped } = result.summary;
  return { passed, failed, skipped };
}
