// Workflows are data: a named, versioned list of steps, each run by a registered handler, with its
// inputs mapped from the workflow input and earlier outputs, a retry policy and a response timeout.
// Definitions are checked here once, with errors that name the step and the field at fault.
import { z } from 'zod';
import { collectReferences } from './inputMapping';

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const nameSchema = z.string().regex(NAME, 'must start with a letter and use only letters, digits, "-" and "_"');

const retryPolicySchema = z
  .object({
    /** Attempts after the first one. */
    retryCount: z.number().int().min(0).max(100).default(0),
    retryDelayMs: z.number().int().min(0).default(0),
    /** exponential: the delay doubles with each retry, starting at retryDelayMs. */
    backoff: z.enum(['fixed', 'exponential']).default('fixed'),
    /** The longest any one delay may grow to. */
    maxDelayMs: z.number().int().min(0).optional(),
  })
  .strict();

const gotoSchema = z
  .object({
    /** Earlier steps this step's handler may send the workflow back to. */
    targets: z.array(nameSchema).min(1),
    /** How many times this step may send the workflow back before the workflow fails. */
    maxJumps: z.number().int().min(1).max(100),
  })
  .strict();

const stepSchema = z
  .object({
    name: nameSchema,
    /** The registered StepHandler (an agent or a gate) that runs the step. */
    handler: z.string().min(1),
    /** Input name to a literal or a reference (see inputMapping.ts). */
    inputs: z.record(z.string(), z.json()).default({}),
    retry: retryPolicySchema.prefault({}),
    /** A handler that takes longer is aborted and its task TIMED_OUT (then retried per policy). */
    responseTimeoutMs: z.number().int().positive().optional(),
    goto: gotoSchema.optional(),
  })
  .strict();

const definitionSchema = z
  .object({
    name: z.string().min(1),
    version: z.number().int().min(1),
    steps: z.array(stepSchema).min(1),
  })
  .strict()
  .superRefine((definition, context) => {
    const index = new Map<string, number>();
    definition.steps.forEach((step, i) => {
      if (index.has(step.name)) context.addIssue({ code: 'custom', path: ['steps', i, 'name'], message: `"${step.name}" names two steps; step names must be unique` });
      else index.set(step.name, i);
    });
    definition.steps.forEach((step, i) => {
      for (const target of step.goto?.targets ?? []) {
        const targetIndex = index.get(target);
        if (targetIndex === undefined) context.addIssue({ code: 'custom', path: ['steps', i, 'goto', 'targets'], message: `"${target}" is not a step of this workflow` });
        else if (targetIndex >= i) context.addIssue({ code: 'custom', path: ['steps', i, 'goto', 'targets'], message: `"${target}" is not before "${step.name}"; a step may only go back` });
      }
      const references = collectReferences(step.inputs);
      if (typeof references === 'string') {
        context.addIssue({ code: 'custom', path: ['steps', i, 'inputs'], message: references });
        return;
      }
      for (const reference of references) {
        if (reference.source === 'step-output' && !index.has(reference.step)) {
          context.addIssue({ code: 'custom', path: ['steps', i, 'inputs'], message: `refers to the output of "${reference.step}", which is not a step of this workflow` });
        }
      }
    });
  });

/** A definition as written: defaults may be left out. */
export type WorkflowDefinitionInput = z.input<typeof definitionSchema>;
/** A checked definition, defaults filled in. */
export type WorkflowDefinition = z.output<typeof definitionSchema>;
export type StepDefinition = WorkflowDefinition['steps'][number];
export type RetryPolicy = StepDefinition['retry'];

export class WorkflowDefinitionError extends Error {
  override readonly name = 'WorkflowDefinitionError';
}

/** Checks a definition from anywhere (code, a JSON file); throws WorkflowDefinitionError listing every problem. */
export function parseWorkflowDefinition(value: unknown): WorkflowDefinition {
  const result = definitionSchema.safeParse(value);
  if (result.success) return result.data;
  const name = typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' ? `"${(value as { name: string }).name}"` : '(unnamed)';
  throw new WorkflowDefinitionError(`Workflow definition ${name} is invalid:\n${z.prettifyError(result.error)}`);
}
