// The shapes of what test processes write for Imperium (its reporters' records, the assertion canary's
// records, jest's JSON report), checked once a run has ended. Loaded on first use, and while the
// tests run (WorkspaceTestRunner): zod is a tenth of what `imperium tests` would otherwise load before
// it starts the framework.
import { z } from 'zod/mini';

const failureSchema = z.object({
  message: z.string(),
  stack: z.optional(z.string()),
  expected: z.optional(z.string()),
  actual: z.optional(z.string()),
  location: z.optional(z.object({ file: z.string(), line: z.number(), column: z.optional(z.number()) })),
});

/** A record of Imperium's node:test, mocha and vitest reporters (reporterRecords.ts). */
export const reporterRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('test'),
    file: z.string(),
    suite: z.array(z.string()),
    name: z.string(),
    line: z.optional(z.number()),
    status: z.enum(['passed', 'failed', 'skipped']),
    durationMs: z.optional(z.number()),
    error: z.optional(failureSchema),
  }),
  z.object({ type: z.literal('file-error'), file: z.optional(z.string()), message: z.string() }),
  z.object({ type: z.literal('end') }),
  // A reporter that could not do its part (mocha's, finding itself in parallel mode with no canary).
  z.object({ type: z.literal('untrusted'), reason: z.string() }),
]);

export type ReporterRecord = z.infer<typeof reporterRecordSchema>;

/** A record of the assertion canary (assertionCanary.ts). */
export const canaryRecordSchema = z.union([z.object({ pid: z.number(), started: z.literal(true) }), z.object({ pid: z.number(), problems: z.array(z.string()) })]);

/** jest's results in the shape of its JSON report (`--json --testLocationInResults`), as Imperium's reporter records them (jestReport.ts). */
export const jestAssertionSchema = z.object({
  ancestorTitles: z.array(z.string()),
  title: z.string(),
  status: z.string(),
  duration: z.nullish(z.number()),
  failureMessages: z.nullish(z.array(z.string())),
  failureDetails: z.nullish(z.array(z.unknown())),
  location: z.nullish(z.object({ line: z.number(), column: z.number() })),
});

export const jestReportSchema = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string(),
      message: z.nullish(z.string()),
      assertionResults: z.array(jestAssertionSchema),
    }),
  ),
});

/** expect()'s failures carry the values compared. */
export const jestMatcherFailureSchema = z.object({ matcherResult: z.object({ expected: z.unknown(), actual: z.unknown() }) });

export type JestAssertion = z.infer<typeof jestAssertionSchema>;
