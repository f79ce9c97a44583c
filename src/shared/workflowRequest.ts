// What a person asks a workflow for, from any surface (the palette, the code lens, the Test
// Explorer, the command center, the CLI): the module to run, by id, and what it should work on.
import type { ImplementTarget } from './implementTarget';

export interface WorkflowRequest {
  /** The workflow module's id, e.g. 'feature'. */
  readonly workflow: string;
  /** What the person asked, in their words; a module may build it from the target instead. */
  readonly request: string;
  /** The code the request is about, when a code lens started it. */
  readonly target?: ImplementTarget;
  /** Test ids the request is about (a Test Explorer selection, a failing test's lens). */
  readonly tests?: readonly string[];
  /** The person lets this workflow's test runs reach the network (none by default). */
  readonly allowNetwork?: boolean;
}
