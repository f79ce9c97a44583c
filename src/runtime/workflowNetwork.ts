// Which workflows' test runs may reach the network: a permission that belongs to one workflow,
// given by a person when it starts or while it runs, recorded as a 'network' event in the runtime's
// event log (so a resumed workflow keeps it, in another process too), and put on every test run
// made for that workflow, and no other: two workflows running side by side keep their own.
import type { DiscoveredTest, TestRunner, TestRunOptions, TestSelection } from '../core/ports';
import type { EngineEvent } from '../shared/events';
import type { TestFramework, TestRunResult } from '../shared/testResults';

export class WorkflowNetwork {
  private readonly allowedBy = new Map<string, 'start' | 'person'>();

  /** `past`: the events already in the log, oldest first. */
  constructor(past: readonly EngineEvent[]) {
    for (const event of past) this.observe(event);
  }

  /** Follows the event stream: the last 'network' event of a workflow holds. */
  readonly observe = (event: EngineEvent): void => {
    if (event.type !== 'network') return;
    if (event.allowed) this.allowedBy.set(event.workflowId, event.by);
    else this.allowedBy.delete(event.workflowId);
  };

  allowed(workflowId: string): boolean {
    return this.allowedBy.has(workflowId);
  }

  /** How the workflow came to have the network: when it started, or a person while it ran; undefined when it has none. */
  allowedHow(workflowId: string): 'start' | 'person' | undefined {
    return this.allowedBy.get(workflowId);
  }

  /** `inner` with each run made for a workflow given that workflow's permission (none unless allowed). */
  runner(inner: TestRunner): TestRunner {
    return new WorkflowNetworkTestRunner(inner, this);
  }
}

class WorkflowNetworkTestRunner implements TestRunner {
  constructor(
    private readonly inner: TestRunner,
    private readonly network: WorkflowNetwork,
  ) {}

  detect(): Promise<TestFramework[]> {
    return this.inner.detect();
  }

  discover(signal?: AbortSignal): Promise<DiscoveredTest[]> {
    return this.inner.discover(signal);
  }

  run(selection: TestSelection, options: TestRunOptions = {}): Promise<TestRunResult> {
    const workflowId = options.origin?.workflowId;
    // A run for no workflow (a person's own) keeps the runner's default.
    return this.inner.run(selection, workflowId === undefined ? options : { ...options, allowNetwork: this.network.allowed(workflowId) });
  }
}
