// Why a test failed, as the red gate needs to know it: because the behaviour is missing (the right
// reason at red), or because the test itself cannot run (the wrong reason: TestBot must fix it).

export type FailureCause = 'assertion' | 'missing-implementation' | 'broken-test';

const BROKEN_TEST: readonly RegExp[] = [
  /\bSyntaxError\b/,
  /Cannot use import statement outside a module/,
  /\bERR_REQUIRE_ESM\b/,
  /Unexpected token/,
  /\bIndentationError\b|\bTabError\b/,
];

const MISSING_IMPLEMENTATION: readonly RegExp[] = [
  /\bis not a function\b/,
  /\bis not defined\b/,
  /\bis not a constructor\b/,
  /\bnot implemented\b/i,
  /\bNotImplementedError\b/,
  /\bhas no attribute\b/,
  /\bcannot import name\b/i,
  /\bdoes not provide an export named\b/,
];

const MODULE_NOT_FOUND = /Cannot find module ['"]([^'"]+)['"]|Failed to (?:load|resolve import) ['"]([^'"]+)['"]|No module named ['"]?([\w.]+)['"]?/;

/**
 * Classifies a failure message. A module that cannot be found is the implementation still missing
 * when the path is relative (or a module of the project's own); a package that cannot be found is a
 * broken test.
 */
export function failureCause(message: string, projectModules: readonly string[] = []): FailureCause {
  const missingModule = MODULE_NOT_FOUND.exec(message);
  if (missingModule) {
    const specifier = missingModule[1] ?? missingModule[2] ?? missingModule[3] ?? '';
    const ownModule = specifier.startsWith('.') || specifier.startsWith('/') || projectModules.some((m) => specifier === m || specifier.startsWith(`${m}.`));
    return ownModule ? 'missing-implementation' : 'broken-test';
  }
  if (BROKEN_TEST.some((pattern) => pattern.test(message))) return 'broken-test';
  if (MISSING_IMPLEMENTATION.some((pattern) => pattern.test(message))) return 'missing-implementation';
  return 'assertion';
}
