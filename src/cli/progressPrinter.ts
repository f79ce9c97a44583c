// Live progress of a workflow on the terminal: one line per thing a person would want to see
// happen (phase changes, named by the workflow's module, agents starting and finishing, tool calls, test runs, verdicts, retries).
import type { EngineEvent } from '../shared/events';

/** The phase (of its workflow's module) a step belongs to, by id; undefined for a step no module phases. */
export type PhaseOfStep = (workflowId: string, step: string) => string | undefined;

export function progressLine(event: EngineEvent, phaseOfStep: PhaseOfStep): string | undefined {
  switch (event.type) {
    case 'workflow':
      return `workflow ${event.workflowId} ${event.status}${event.step ? ` at ${event.step}` : ''}${event.reason ? `: ${event.reason}` : ''}`;
    case 'task':
      if (event.status === 'IN_PROGRESS') return `── ${(phaseOfStep(event.workflowId, event.step) ?? event.step).toUpperCase()} (${event.step}${event.retryCount ? `, retry ${event.retryCount}` : ''})`;
      if (event.status === 'COMPLETED' || event.status === 'SCHEDULED') return undefined;
      return `   ${event.step} ${event.status}${event.reason ? `: ${firstLine(event.reason)}` : ''}`;
    case 'agent':
      if (event.state === 'started') return `   ${event.agent} starts: ${firstLine(event.message ?? '')}`;
      if (event.state === 'step') return undefined;
      return `   ${event.agent} ${event.state}${event.message ? `: ${firstLine(event.message)}` : ''}`;
    case 'tool':
      return `     ${event.agent} ${event.tool}${event.path ? ` ${event.path}` : ''} → ${event.outcome}${event.outcome === 'ok' ? '' : `: ${firstLine(event.message ?? '')}`} (${Math.round(event.durationMs)} ms)`;
    case 'test-run':
      if (event.state === 'started') return undefined;
      return `   tests [${event.label}] ${event.outcome}${event.summary ? `: ${event.summary.passed} passed, ${event.summary.failed} failed, ${event.summary.skipped} skipped` : ''}`;
    case 'verdict':
      return event.member === 'board'
        ? `   Board on the ${event.subject}: ${event.decision.toUpperCase()} (${firstLine(event.summary)})`
        : `   ${event.member} on the ${event.subject}: ${event.decision}: ${firstLine(event.summary)}`;
    case 'retry':
      return `   retry ${event.attempt} of a ${event.what}${event.agent ? ` by ${event.agent}` : ''} in ${event.delayMs} ms: ${firstLine(event.reason)}`;
    case 'healing':
      return `   healing: ${event.action} (${event.failure}${event.attempt ? `, attempt ${event.attempt}` : ''}): ${firstLine(event.summary)}`;
    case 'tokens':
      return undefined;
    default:
      return undefined;
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
