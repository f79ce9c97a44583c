// Live progress of a workflow on the terminal: one line per thing a person would want to see
// happen (a new phase, named by the workflow's module, agents starting and finishing, tool calls,
// test runs, verdicts, retries), in the person's words: no internal step names, no request repeated.
import type { EngineEvent } from '../shared/events';
import { networkPermissionText } from '../shared/networkPermission';

/** The phase (of its workflow's module) a step belongs to, by id; undefined for a step no module phases. */
export type PhaseOfStep = (workflowId: string, step: string) => string | undefined;

/** A printer for one terminal: it remembers each workflow's phase, so a phase is announced once. */
export function progressPrinter(phaseOfStep: PhaseOfStep): (event: EngineEvent) => string | undefined {
  const phases = new Map<string, string>();
  return (event) => {
    if (event.type === 'task' && event.status === 'IN_PROGRESS') {
      const phase = phaseOfStep(event.workflowId, event.step) ?? event.step;
      const retry = event.retryCount ? `   trying again (attempt ${event.retryCount + 1})` : undefined;
      if (phases.get(event.workflowId) === phase) return retry;
      phases.set(event.workflowId, phase);
      return `── ${phase.toUpperCase()}${retry ? `\n${retry}` : ''}`;
    }
    if (event.type === 'task' && event.status !== 'COMPLETED' && event.status !== 'SCHEDULED') {
      const phase = phaseOfStep(event.workflowId, event.step) ?? event.step;
      return `   ${phase} ${STATUS_WORDS[event.status]}${event.reason ? `: ${firstLine(event.reason)}` : ''}`;
    }
    if (event.type === 'workflow') {
      const phase = event.step && event.status !== 'RUNNING' ? (phaseOfStep(event.workflowId, event.step) ?? event.step) : undefined;
      return `workflow ${event.workflowId} ${event.status}${phase ? ` in ${phase}` : ''}${event.reason ? `: ${event.reason}` : ''}`;
    }
    return progressLine(event);
  };
}

const STATUS_WORDS: Record<string, string> = { FAILED: 'failed', TIMED_OUT: 'took too long', CANCELED: 'was canceled', FAILED_WITH_TERMINAL_ERROR: 'failed' };

function progressLine(event: EngineEvent): string | undefined {
  switch (event.type) {
    case 'agent':
      if (event.state === 'started') return `   ${event.agent} starts${startNote(event.message)}`;
      if (event.state === 'step') return undefined;
      return `   ${event.agent} ${event.state}${event.message ? `: ${firstLine(event.message)}` : ''}`;
    case 'tool':
      return `     ${event.agent} ${event.tool}${event.path ? ` ${event.path}` : ''} → ${event.outcome}${event.outcome === 'ok' ? '' : `: ${firstLine(event.message ?? '')}`} (${Math.round(event.durationMs)} ms)`;
    case 'network':
      return `   ${event.allowed ? networkPermissionText(event.by) : networkPermissionText(undefined)}`;
    case 'test-run':
      if (event.state === 'started') return undefined;
      return `   tests (${event.label.replace(/^wf-\d+\s+/, '')}) ${event.outcome}${event.summary ? `: ${event.summary.passed} passed, ${event.summary.failed} failed, ${event.summary.skipped} skipped` : ''}`;
    case 'verdict':
      return event.member === 'board'
        ? `   Board on the ${event.subject}: ${event.decision.toUpperCase()} (${firstLine(event.summary)})`
        : `   ${event.member} on the ${event.subject}: ${event.decision}: ${firstLine(event.summary)}`;
    case 'retry':
      return `   retry ${event.attempt} of a ${event.what}${event.agent ? ` by ${event.agent}` : ''} in ${event.delayMs} ms: ${firstLine(event.reason)}`;
    case 'healing':
      return `   healing: ${event.action} (${event.failure}${event.attempt ? `, attempt ${event.attempt}` : ''}): ${firstLine(event.summary)}`;
    default:
      return undefined;
  }
}

/** What an agent set out to do, unless it is its task prompt, which repeats the request printed above. */
function startNote(message: string | undefined): string {
  if (!message || message.startsWith('Task: ')) return '';
  return `: ${firstLine(message)}`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
