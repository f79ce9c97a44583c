// Vision as advice, never as a gate: when the configured model accepts images and a check failed,
// the Product Owner is shown the screenshots of the pages at the widths that failed (a few, for the
// tokens) with what failed, and asked what a person would change. Its answer goes to DesignBot as
// advice beside the failing checks; the checks alone decide red and green. A failed or empty answer
// loses only the advice.
import type { Logger, ModelClient } from '../../core/ports';
import type { StepContext } from '../../core/orchestrator/stepHandler';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import type { UiFinding } from '../../superpowers/design/uiFinding';

/** Screenshots sent at most: each is about a thousand image tokens at 1280 px. */
export const MAX_ADVICE_SCREENSHOTS = 3;

const PROMPT = [
  'You are the Product Owner. Automated browser checks failed on these pages; the screenshots show them at the widths that failed.',
  'Say, in at most five short lines, what a person would change so the page reads and works well, naming the element. The checks decide whether the work is done, not you.',
].join('\n');

export async function visionAdvice(failing: readonly UiFinding[], deps: { readonly model: ModelClient; readonly pages: PageInspector; readonly logger: Logger }, context: Pick<StepContext, 'workflowId' | 'taskId' | 'signal'>): Promise<string[]> {
  if (failing.length === 0) return [];
  const shots: { page: string; width: number }[] = [];
  for (const finding of failing) {
    for (const width of finding.widths) {
      if (shots.length < MAX_ADVICE_SCREENSHOTS && !shots.some((shot) => shot.page === finding.page && shot.width === width)) shots.push({ page: finding.page, width });
    }
  }
  try {
    const images: string[] = [];
    for (const shot of shots) images.push(`data:image/png;base64,${(await deps.pages.screenshot(shot.page, shot.width)).toString('base64')}`);
    const what = failing.map((finding) => `- ${finding.page}: ${finding.rule} on ${finding.element} at ${finding.widths.join(', ')} px: ${finding.message}`).join('\n');
    const reply = await deps.model.chat({
      role: 'product-owner',
      messages: [
        { role: 'system', content: PROMPT },
        { role: 'user', content: `Screenshots of the failing checks: ${shots.map((shot) => `${shot.page} at ${shot.width} px`).join(', ')}.\nWhat failed:\n${what}`, images },
      ],
      temperature: 0,
      signal: context.signal,
      workflowId: context.workflowId,
      taskId: context.taskId,
    });
    return (reply.content ?? '')
      .split('\n')
      .map((line) => line.replace(/^\s*[-*\d.]+\s*/, '').trim())
      .filter(Boolean)
      .slice(0, 5);
  } catch (error) {
    if (context.signal.aborted) throw error;
    deps.logger.warn(`design: the Product Owner's advice from screenshots failed, so DesignBot works from the checks alone: ${(error as Error).message}`);
    return [];
  }
}
