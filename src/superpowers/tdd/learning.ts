// An approved workflow's lessons into long-term memory. Learning never fails the work it learns
// from: a refusal (the final run did not pass) or a memory that cannot be written now is said in
// the workflow's memory and the log, and the workflow completes.
import type { MemoryKind, MemoryScope } from '../../core/memory/memoryRecord';
import { PromotionRefusedError, type WorkflowEvidence } from '../../core/memory/promotion';
import type { StepContext } from '../../core/orchestrator/stepHandler';
import { firstLine } from './stepMemory';
import type { TddStepDependencies } from './stepDependencies';
import { draftLessons, type LessonSources } from './lessons';

/** A lesson long-term memory kept from the workflow, as its steps' output names it. */
export interface LearnedLesson {
  readonly id: string;
  readonly kind: MemoryKind;
  readonly scope: MemoryScope;
  readonly title: string;
}

export async function learnFrom(
  deps: Pick<TddStepDependencies, 'memory' | 'logger'>,
  context: Pick<StepContext, 'workflowId' | 'taskId'>,
  { evidence, sources }: { readonly evidence: WorkflowEvidence; readonly sources: LessonSources },
): Promise<LearnedLesson[]> {
  const learned = deps.memory.learned;
  if (!learned) return [];
  let kept: LearnedLesson[];
  try {
    kept = (await learned.promote(evidence, draftLessons(sources))).map(({ id, kind, scope, title }) => ({ id, kind, scope, title }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (!(error instanceof PromotionRefusedError)) deps.logger.warn(`memory: the lessons of workflow ${context.workflowId} could not be kept: ${reason}`);
    await deps.memory.record(context.workflowId, { kind: 'note', text: `Nothing learned: ${firstLine(reason)}`, by: 'engine', taskId: context.taskId });
    return [];
  }
  if (kept.length > 0) await deps.memory.record(context.workflowId, { kind: 'note', text: `Learned: ${kept.map((lesson) => `${lesson.title} (${lesson.kind}, ${lesson.scope})`).join('; ')}`, by: 'engine', taskId: context.taskId });
  return kept;
}
