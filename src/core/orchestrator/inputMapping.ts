// A step's inputs as data: each value is a literal, or a whole-string reference in Conductor's
// style, `${workflow.input.<path>}` or `${<step>.output.<path>}`, resolved when the step starts.
// References may sit inside arrays and objects; a missing path resolves to undefined.

const REFERENCE = /^\$\{([^}]*)\}$/;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

export type Reference = { readonly source: 'workflow-input'; readonly path: readonly string[] } | { readonly source: 'step-output'; readonly step: string; readonly path: readonly string[] };

export interface InputScope {
  readonly workflowInput: Readonly<Record<string, unknown>>;
  /** The latest output of each step that completed, by step name. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** The reference a string stands for, undefined for a literal, or an error message for a malformed one. */
export function parseReference(value: string): Reference | undefined | { readonly error: string } {
  const match = REFERENCE.exec(value);
  if (!match) {
    return value.includes('${') ? { error: `"${value}" mixes text and a reference; a reference must be the whole value, like "\${workflow.input.name}"` } : undefined;
  }
  const segments = (match[1] ?? '').split('.');
  if (!segments.every((segment) => SEGMENT.test(segment))) return { error: `"${value}" is not a reference: use dot-separated names, like "\${plan.output.tasks}"` };
  const [root, field, ...path] = segments;
  if (root === 'workflow' && field === 'input') return { source: 'workflow-input', path };
  if (root !== undefined && root !== 'workflow' && field === 'output') return { source: 'step-output', step: root, path };
  return { error: `"${value}" must start with "workflow.input" or "<step name>.output"` };
}

/** Every reference in a mapping, or the first malformed one's message. */
export function collectReferences(value: unknown, found: Reference[] = []): Reference[] | string {
  if (typeof value === 'string') {
    const reference = parseReference(value);
    if (reference && 'error' in reference) return reference.error;
    if (reference) found.push(reference);
    return found;
  }
  const children = Array.isArray(value) ? value : typeof value === 'object' && value !== null ? Object.values(value) : [];
  for (const child of children) {
    const result = collectReferences(child, found);
    if (typeof result === 'string') return result;
  }
  return found;
}

export function resolveInputs(mapping: Readonly<Record<string, unknown>>, scope: InputScope): Record<string, unknown> {
  return resolveValue(mapping, scope) as Record<string, unknown>;
}

function resolveValue(value: unknown, scope: InputScope): unknown {
  if (typeof value === 'string') {
    const reference = parseReference(value);
    if (!reference || 'error' in reference) return value;
    const root = reference.source === 'workflow-input' ? scope.workflowInput : scope.outputs[reference.step];
    return reference.path.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined), root);
  }
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveValue(item, scope)]));
  }
  return value;
}
