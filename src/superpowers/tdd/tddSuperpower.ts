// The code the built-in `tdd` superpower brings (its instructions are skills/tdd/SKILL.md): the red
// gate, the green gate, and the test-tamper guard (CodeBot's writes to tests refused while green is
// pending; the green gate's check that no red test vanished, was renamed or was skipped).
import { noTestPaths } from '../../agents/testFiles';
import { greenGate } from './greenGate';
import { redGate } from './redGate';

export const tddSuperpower = {
  redGate,
  greenGate,
  tamperGuard: noTestPaths,
} as const;

/** What the report and the views name as the code tdd brings. */
export const TDD_CAPABILITIES = ['red gate', 'green gate', 'tamper guard'] as const;
