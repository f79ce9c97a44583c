// Whether a fix request asks for tests beyond the ones that fail: only then does TestBot write any.
// "Make the failing tests pass" does not; "fix bowling and add tests for a tenth-frame spare" does.
const ASKS_FOR_TESTS = /\b(?:add|write|create)\s+(?:(?:a|an|some|more|new|extra|further|additional|missing)\s+)*(?:\w+\s+)?tests?\b|\b(?:more|extra|additional|further)\s+tests?\b/i;

export function asksForMoreTests(request: string): boolean {
  return ASKS_FOR_TESTS.test(request);
}
