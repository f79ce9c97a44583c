// One workflow's events as a chat response: a heading per phase, each agent's words (what it set out
// to do, what it answered), its tool steps folded into one line per run of them, test runs, the
// Board's verdicts, and the edits waiting for the person as diffs with Approve and Reject buttons.
// Types only from 'vscode': the stream is the Chat view's, handed in.
import type * as vscode from 'vscode';
import { createTwoFilesPatch } from 'diff';
import type { PendingApproval } from '../../core/approvals/pendingApprovals';
import type { EngineEvent, ToolCallEvent } from '../../shared/events';
import { AGENT_NAMES } from './agentNames';
import { DECIDE_COMMAND } from './chatCommands';
const MAX_DIFF_LINES = 80;

export interface RendererPort {
  /** The title of the phase a step belongs to, or undefined for a step of no phase. */
  phaseOf(step: string): string | undefined;
  /** A one-time token a button passes back to decide an approval (another extension cannot guess it). */
  tokenFor(approvalId: string, answer: string): string;
}

export class WorkflowChatRenderer {
  private phase: string | undefined;
  private tools: ToolCallEvent[] = [];

  constructor(
    private readonly stream: vscode.ChatResponseStream,
    private readonly port: RendererPort,
  ) {}

  render(event: EngineEvent): void {
    if (event.type === 'tool') {
      this.tools.push(event);
      return;
    }
    this.flushTools();
    switch (event.type) {
      case 'workflow':
      case 'task':
        if (event.step !== undefined) this.enterPhase(event.step);
        if (event.type === 'task' && event.status === 'FAILED' && event.reason) this.stream.markdown(`\n> ${event.step} did not succeed: ${oneLine(event.reason)}\n`);
        break;
      case 'agent':
        if (event.state === 'started' && event.message) this.stream.markdown(`\n**${AGENT_NAMES[event.agent]}** is on it: ${oneLine(event.message)}\n`);
        else if (event.state === 'finished' && event.message) this.stream.markdown(`\n**${AGENT_NAMES[event.agent]}**: ${event.message.trim()}\n`);
        else if (event.state === 'failed') this.stream.markdown(`\n**${AGENT_NAMES[event.agent]}** stopped: ${oneLine(event.message ?? 'no reason given')}\n`);
        break;
      case 'test-run':
        if (event.state === 'finished' && event.summary) {
          const { passed, failed } = event.summary;
          this.stream.markdown(`\n🧪 ${event.label}: ${passed} passed, ${failed} failed\n`);
        }
        break;
      case 'verdict':
        this.stream.markdown(`\n⚖️ **${event.member === 'board' ? 'The Board' : AGENT_NAMES[event.member]}** on the ${event.subject}: *${event.decision}* — ${oneLine(event.summary)}\n`);
        break;
      case 'healing':
        if (event.action !== 'detected') this.stream.markdown(`\n🩹 ${oneLine(event.summary)}\n`);
        break;
      default:
        break;
    }
  }

  /** The tool steps since the last other event, folded into one line. */
  flushTools(): void {
    if (this.tools.length === 0) return;
    const byAgent = new Map<string, string[]>();
    for (const call of this.tools) {
      const name = AGENT_NAMES[call.agent];
      const step = `${call.tool}${call.path ? ` ${call.path}` : ''}${call.outcome === 'ok' ? '' : ` (${call.outcome})`}`;
      byAgent.set(name, [...(byAgent.get(name) ?? []), step]);
    }
    for (const [agent, steps] of byAgent) this.stream.markdown(`\n🔧 ${agent}, ${steps.length} tool step${steps.length === 1 ? '' : 's'}: ${foldRepeats(steps).join(', ')}\n`);
    this.tools = [];
  }

  /** An approval of the workflow: an edit as a diff, a question with its answers, each as buttons. */
  approval(approval: PendingApproval): void {
    this.flushTools();
    const { request } = approval;
    if (request.kind === 'edit') {
      const verb = request.applied ? 'Keep its change to' : request.before === undefined ? 'Create' : 'Change';
      this.stream.markdown(`\n**Waiting for you:** ${verb} \`${request.path}\`${request.before === undefined ? ' (a new file)' : ''}${request.runsCode ? `. This file ${request.runsCode}.` : ''}\n\n`);
      this.stream.markdown(`\`\`\`diff\n${diffText(request.path, request.before, request.after)}\n\`\`\`\n`);
      const [yes, no] = request.applied ? ['Keep', 'Revert'] : ['Approve', 'Reject'];
      this.button(approval.id, yes, 'approve');
      this.button(approval.id, no, 'reject');
    } else if (request.kind === 'escalation') {
      this.stream.markdown(`\n**Waiting for you:** ${request.reason}\n`);
      for (const option of request.options) this.button(approval.id, option, option);
    } else {
      this.stream.markdown(`\n**Waiting for you:** the workflow wants to run \`${request.command}\`. Answer in the notification.\n`);
    }
  }

  private button(approvalId: string, title: string, answer: string): void {
    this.stream.button({ command: DECIDE_COMMAND, title, arguments: [this.port.tokenFor(approvalId, answer)] });
  }

  private enterPhase(step: string): void {
    const phase = this.port.phaseOf(step);
    if (phase === undefined || phase === this.phase) return;
    this.phase = phase;
    this.stream.markdown(`\n### ${phase}\n`);
    this.stream.progress(`${phase}…`);
  }
}

/** "read_file a, read_file a, run_tests" → "read_file a ×2, run_tests". */
function foldRepeats(steps: readonly string[]): string[] {
  const folded: { step: string; count: number }[] = [];
  for (const step of steps) {
    const last = folded.at(-1);
    if (last?.step === step) last.count++;
    else folded.push({ step, count: 1 });
  }
  return folded.map(({ step, count }) => (count > 1 ? `${step} ×${count}` : step));
}

function diffText(path: string, before: string | undefined, after: string): string {
  const patch = createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${path}`, `b/${path}`, before ?? '', after, undefined, undefined, { context: 3 });
  const lines = patch.split('\n').filter((line) => line !== '' && !line.startsWith('====') && line !== '\\ No newline at end of file');
  const shown = lines.slice(0, MAX_DIFF_LINES);
  if (lines.length > MAX_DIFF_LINES) shown.push(`… ${lines.length - MAX_DIFF_LINES} more lines: open the diff to see them all`);
  // A fence inside the diff would end the block early.
  return shown.join('\n').replace(/```/g, '`\u200b``');
}

function oneLine(text: string): string {
  const first = text.trim().split('\n')[0] ?? '';
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
}
