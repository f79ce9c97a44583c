import * as assert from 'node:assert/strict';
import { z } from 'zod';
import { toolSpec } from '../../../src/agents/tools/agentTool';
import { leanJsonSchema } from '../../../src/shared/leanJsonSchema';

describe('lean JSON schemas', () => {
  it('leaves out what tells a model nothing, and keeps what does', () => {
    const schema = z.strictObject({
      path: z.string().min(1).describe('File path.'),
      start: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      note: z.string().min(3).max(4000).optional(),
      mode: z.enum(['a', 'b']).default('a'),
    });
    assert.deepEqual(leanJsonSchema(z.toJSONSchema(schema, { io: 'input' })), {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'File path.' },
        start: { type: 'integer', minimum: 1 },
        limit: { type: 'integer', minimum: 1, maximum: 200 },
        note: { type: 'string', minLength: 3 },
        mode: { type: 'string', enum: ['a', 'b'], default: 'a' },
      },
      required: ['path'],
    });
  });

  it('gives tools their input schema: an argument with a default is not required', () => {
    const spec = toolSpec({ name: 't', description: 'd', schema: z.strictObject({ q: z.string(), n: z.number().default(5) }) });
    assert.deepEqual(spec.parameters.required, ['q']);
  });
});
