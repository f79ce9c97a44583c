// Which bundled example `imperium demo --workflow <id>` runs (see ../runtime/bundledExamples.ts).
import { DEMO_EXAMPLES, type DemoExample } from '../runtime/bundledExamples';
import { UsageError } from './cliCommand';

export { DEMO_EXAMPLES, type DemoExample } from '../runtime/bundledExamples';

export function demoExample(workflow: string): DemoExample {
  const example = DEMO_EXAMPLES[workflow];
  if (!example) throw new UsageError(`there is no demo of a workflow "${workflow}"; the demos are: ${Object.keys(DEMO_EXAMPLES).join(', ')}.`);
  return example;
}
