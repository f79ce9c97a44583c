// What a superpower's code is to the runtime: the capabilities it names for people, and the agent
// tools it brings (offered to an agent only once it loaded the skill with use_skill). Only a built-in
// superpower or one an installed extension declares brings code; a skill folder never does.
import type { AgentTool } from '../agents/tools/agentTool';
import { TerminalStepError } from '../core/orchestrator/stepHandler';

export interface SuperpowerCode {
  /** What it brings, for the views and `imperium skills`: "red gate", "tool review_kit_lint". */
  readonly capabilities: readonly string[];
  /** Tools an agent may call once it has loaded the skill. */
  readonly tools?: readonly AgentTool[];
}

/**
 * A superpower a workflow needs is not loaded: its SKILL.md was rejected or is missing. No retry
 * mends that, so the step ends the workflow with the reason.
 */
export class SuperpowerUnavailableError extends TerminalStepError {}
