// TestBot as the registry knows it: its tasks are the tests a test-first workflow writes first, so
// the red step hands them to TestBot with the criteria.
import type { TestWriterAgent } from './taskAgent';

export const TEST_BOT_AGENT: TestWriterAgent = {
  id: 'testbot',
  title: 'TestBot',
  handles: 'writes tests. Every task is tested first anyway, so give it only tasks about the tests themselves (more cases, a fixture, a test for a reported bug).',
  kind: 'writes-tests',
};
