// The sources of the must-fail canary's tests (see testCanary.ts) for the JavaScript frameworks, each
// written with that framework's usual assertions, and looked up when the test runs, so that an
// `expect` replaced after the canary was loaded is the one it checks. (pytest's canary is part of its
// plugin: pytestPluginSource.ts.)
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestCanary } from './testCanary';

const HEADER = "// Imperium Flow's must-fail canary (see src/infra/testRunners/testCanary.ts).";

/** node:test: a test file of its own, through `require` (where a preload would hook node:test). */
const nodeTestCanary = (canary: TestCanary): string => `'use strict';
${HEADER}
const { test } = require('node:test');
const assert = require('node:assert');
test(${JSON.stringify(canary.mustFail)}, () => { assert.strictEqual(1, 2); });
test(${JSON.stringify(canary.mustPass)}, () => { assert.strictEqual(1, 1); });
`;

/** mocha: the last spec file, its tests in a suite of their own, with chai's expect when the workspace has chai, else node:assert. */
const mochaCanary = (canary: TestCanary, root: string): string => `${HEADER}
import assert from 'node:assert';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
let chai;
try {
  chai = await import(pathToFileURL(createRequire(${JSON.stringify(join(root, 'package.json'))}).resolve('chai')).href);
} catch {}
const equal = (actual, expected) => (chai ? chai.expect(actual).to.equal(expected) : assert.strictEqual(actual, expected));
// The test that must pass goes first: under bail, nothing runs after the one that must fail.
describe(${JSON.stringify(canary.suite)}, () => {
  it(${JSON.stringify(canary.mustPass)}, () => { equal(1, 1); });
  it(${JSON.stringify(canary.mustFail)}, () => { equal(1, 2); });
});
`;

/** jest: a setupFilesAfterEnv file, so that the canary runs in every test file's own context. */
const jestCanary = (canary: TestCanary): string => `'use strict';
${HEADER}
const globals = require('@jest/globals');
const expectNow = () => (typeof globalThis.expect === 'function' ? globalThis.expect : globals.expect);
globals.test(${JSON.stringify(canary.mustFail)}, () => { expectNow()(1).toBe(2); });
globals.test(${JSON.stringify(canary.mustPass)}, () => { expectNow()(1).toBe(1); });
`;

/** vitest: a setup file, so that the canary runs in every test file's own context. */
const vitestCanary = (canary: TestCanary): string => `${HEADER}
import { expect, test } from 'vitest';
const expectNow = () => (typeof globalThis.expect === 'function' ? globalThis.expect : expect);
test(${JSON.stringify(canary.mustFail)}, () => { expectNow()(1).toBe(2); });
test(${JSON.stringify(canary.mustPass)}, () => { expectNow()(1).toBe(1); });
`;

export type JavaScriptCanaryKind = 'node-test' | 'mocha' | 'jest' | 'vitest';

const FILE_NAMES: Record<JavaScriptCanaryKind, string> = { 'node-test': 'test.cjs', mocha: 'mjs', jest: 'cjs', vitest: 'mjs' };

/** Where writeTestCanary puts a framework's canary in the run's private folder. */
export function testCanaryPath(kind: JavaScriptCanaryKind, canary: TestCanary, dir: string): string {
  return join(dir, `imperium_canary_${canary.id}.${FILE_NAMES[kind]}`);
}

/** Writes the canary for a framework into the run's private folder and returns its path. */
export async function writeTestCanary(kind: JavaScriptCanaryKind, canary: TestCanary, dir: string, root: string): Promise<string> {
  const path = testCanaryPath(kind, canary, dir);
  const source = kind === 'node-test' ? nodeTestCanary(canary) : kind === 'mocha' ? mochaCanary(canary, root) : kind === 'jest' ? jestCanary(canary) : vitestCanary(canary);
  await writeFile(path, source);
  return path;
}
