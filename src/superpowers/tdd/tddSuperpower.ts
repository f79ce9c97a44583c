// The code the built-in `tdd` superpower registers (its instructions are skills/tdd/SKILL.md): the
// red gates (new tests; tests that already fail), the green gate, and the test-tamper guard (CodeBot's writes to tests refused while green
// is pending; the green gate's check that no red test vanished, was renamed or was skipped). The
// test-first workflows look these up through the registry (Superpowers.tdd()), not by import.
import { noTestPaths } from '../../agents/testFiles';
import type { WriteGuard } from '../../agents/tools/agentTool';
import type { SuperpowerCode } from '../superpowerCode';
import { failingTestsGate } from './failingTestsGate';
import { greenGate } from './greenGate';
import { redGate } from './redGate';

export interface TddCode extends SuperpowerCode {
  readonly redGate: typeof redGate;
  /** The fix workflow's red gate: the tests to fix fail now, for a reason the code can fix. */
  readonly failingTestsGate: typeof failingTestsGate;
  readonly greenGate: typeof greenGate;
  /** CodeBot's write guard while the tests are locked. */
  readonly tamperGuard: WriteGuard;
}

export const tddSuperpower: TddCode = {
  capabilities: ['red gate', 'green gate', 'tamper guard'],
  redGate,
  failingTestsGate,
  greenGate,
  tamperGuard: noTestPaths,
};
