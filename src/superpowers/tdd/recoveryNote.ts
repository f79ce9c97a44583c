// What an agent is told when the retry ladder runs its step again: which attempt this is, what went
// wrong last time, and the Board's guidance, so it does not repeat what failed.
import type { RecoveryHint } from '../../core/healing/recoveryHint';

export function recoveryNote(hint: RecoveryHint | undefined): string | undefined {
  if (!hint) return undefined;
  const lines = [`This is attempt ${hint.attempt} at this step. The last attempt failed (${hint.failure}): ${hint.summary}`];
  if (hint.guidance !== undefined) lines.push(`The Board's guidance for this attempt:\n${hint.guidance}`);
  lines.push('Do not repeat what failed: take another approach.');
  return lines.join('\n');
}

/** The memory section's token budget for an attempt: the usual one, scaled down on a retry with less context. */
export function memoryBudget(tokens: number, hint: RecoveryHint | undefined): number {
  return Math.floor(tokens * (hint?.contextScale ?? 1));
}
