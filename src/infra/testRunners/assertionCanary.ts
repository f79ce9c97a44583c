// An independent canary for Node test runs: a module preloaded into every Node process of the run
// (NODE_OPTIONS, so node:test's per-file processes and jest's workers load it too) that notes
// node:assert as it was before any project code ran, and at the process's exit checks that it is
// still that assert, and that a failing assertion still fails. Code under test that replaces
// `assert.equal` and friends with no-ops makes every test pass; the canary's record then says so,
// and the run's passes are marked as untrusted. A run that reports no record at all is untrusted too
// (a process that removed the exit hooks, or killed itself, to hide from it).
//
// The records file is named in the canary's source, never in the environment, and every record
// carries a per-run seal from that source (see sealedLines.ts): a line without it makes the run
// untrusted, as does a process that reported its end twice. The module must stay on disk for the
// processes node:test starts per file, and its path is in their NODE_OPTIONS, so code under test
// that reads it learns the seal and can still append a "sound" record for a process it stopped from
// reporting: the seal raises the bar, it does not close this.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newSeal, readSealedLines, unsealedReason } from './sealedLines';

const canarySource = (records: string, seal: string): string => `'use strict';
// Imperium Flow's assertion canary (see src/infra/testRunners/assertionCanary.ts).
const fs = require('node:fs');
const records = ${JSON.stringify(records)};
const seal = ${JSON.stringify(seal)};
const assert = require('node:assert');
const strict = require('node:assert/strict');
const NAMES = ['ok', 'equal', 'notEqual', 'deepEqual', 'notDeepEqual', 'strictEqual', 'notStrictEqual', 'deepStrictEqual', 'notDeepStrictEqual', 'throws', 'doesNotThrow', 'rejects', 'doesNotReject', 'match', 'doesNotMatch', 'fail', 'ifError'];
const original = { assert, strict, AssertionError: assert.AssertionError, functions: NAMES.map((name) => [name, assert[name], strict[name]]) };
try { fs.appendFileSync(records, JSON.stringify({ pid: process.pid, started: true, seal }) + '\\n'); } catch {}
process.on('exit', () => {
  const problems = [];
  try {
    if (require('node:assert') !== original.assert) problems.push("require('node:assert') returns another module");
    if (require('node:assert/strict') !== original.strict) problems.push("require('node:assert/strict') returns another module");
    for (const [name, loose, strictOne] of original.functions) {
      if (original.assert[name] !== loose) problems.push('assert.' + name + ' was replaced');
      if (original.strict[name] !== strictOne) problems.push('assert.strict.' + name + ' was replaced');
    }
    if (original.assert.AssertionError !== original.AssertionError) problems.push('assert.AssertionError was replaced');
    for (const [label, check] of [['strictEqual(1, 2)', () => original.strict.strictEqual(1, 2)], ['deepStrictEqual({a: 1}, {a: 2})', () => original.strict.deepStrictEqual({ a: 1 }, { a: 2 })], ['ok(false)', () => original.assert.ok(false)]]) {
      let threw = false;
      try { check(); } catch (error) { threw = error instanceof original.AssertionError; }
      if (!threw) problems.push('assert.' + label + ' did not fail');
    }
  } catch (error) {
    problems.push('the canary could not check node:assert: ' + (error && error.message));
  }
  try { fs.appendFileSync(records, JSON.stringify({ pid: process.pid, problems, seal }) + '\\n'); } catch {}
});
`;

export interface CanaryFiles {
  /** The module to preload (--require). */
  readonly module: string;
  readonly records: string;
  readonly seal: string;
}

/** Writes the canary into `dir`. */
export async function writeCanary(dir: string): Promise<CanaryFiles> {
  const module = join(dir, 'imperium-assertion-canary.cjs');
  const canary = { module, records: join(dir, 'canary.jsonl'), seal: newSeal() };
  await writeFile(module, canarySource(canary.records, canary.seal));
  return canary;
}

/** NODE_OPTIONS with the canary preloaded, after whatever the runner set. */
export function withCanary(nodeOptions: string | undefined, canary: CanaryFiles): string {
  return `${nodeOptions ? `${nodeOptions} ` : ''}--require ${JSON.stringify(canary.module)}`;
}

/**
 * Why the run's passes cannot be trusted, by the canary's records; empty when every process reported
 * a sound node:assert. `everyProcessExits`: the framework lets each of its processes end by itself
 * (node:test, mocha), so one that started and never reported hid from the canary.
 */
export async function canaryFindings(canary: CanaryFiles, options: { readonly everyProcessExits: boolean }): Promise<string[]> {
  const { canaryRecordSchema } = await import('./reportSchemas');
  const lines = await readSealedLines(canary.records, canary.seal);
  const records = lines.values.flatMap((value) => {
    const parsed = canaryRecordSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  const ended = records.flatMap((record) => ('problems' in record ? [record] : []));
  const endedPids = new Set(ended.map((record) => record.pid));
  const silent = records.filter((record) => 'started' in record && !endedPids.has(record.pid)).length;
  const findings = [...new Set(ended.flatMap((record) => record.problems))].map((problem) => `the assertion library was tampered with during the run: ${problem}`);
  if (lines.unsealed > 0) findings.push(unsealedReason(lines.unsealed, "the assertion canary's records", 'the canary'));
  const twice = endedPids.size < ended.length;
  if (twice) findings.push('a test process reported its end to the assertion canary twice: a record was added by code in the test process');
  if (records.length === 0) findings.push('the assertion canary never reported: the test processes did not load it, so their passes cannot be checked');
  // jest and vitest stop their own workers with a signal, so a silent worker proves nothing there.
  if (silent > 0 && options.everyProcessExits) findings.push(`${silent} test process${silent === 1 ? '' : 'es'} ended without running ${silent === 1 ? 'its' : 'their'} exit hooks, hiding from the assertion canary, so the passes cannot be checked`);
  return findings;
}
