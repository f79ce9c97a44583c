// A JSON Schema as a model should read it: what zod's toJSONSchema writes, less what tells a model
// nothing and costs tokens on every request: the dialect URL, an integer's ±2^53 bounds, a string's
// minimum length of 1, length caps, `additionalProperties: false`, and the options a tool's own results
// tell of when they would help (marked `.meta(ON_DEMAND)`: a listing cut short says "raise limit").
// Validation stays with the zod schema, which still accepts those options.

/** zod metadata for an option left out of the tool's spec because its results name it when it helps. */
export const ON_DEMAND = { onDemand: true } as const;

export function leanJsonSchema(schema: object): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema as Record<string, unknown>;
  return lean(rest) as Record<string, unknown>;
}

function lean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(lean);
  if (typeof node !== 'object' || node === null) return node;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      kept[key] = lean(Object.fromEntries(Object.entries(value).filter(([, property]) => !isOnDemand(property))));
      continue;
    }
    const unsaid =
      (key === 'additionalProperties' && value === false) ||
      (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) ||
      (key === 'minimum' && value === Number.MIN_SAFE_INTEGER) ||
      (key === 'minLength' && value === 1) ||
      // Length caps only guard against runaway output; a call past one is refused with the reason.
      key === 'maxLength' ||
      key === 'maxItems';
    if (!unsaid) kept[key] = lean(value);
  }
  return kept;
}

function isOnDemand(property: unknown): boolean {
  return typeof property === 'object' && property !== null && (property as { onDemand?: unknown }).onDemand === true;
}
