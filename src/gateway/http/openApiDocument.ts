// The HTTP API's own OpenAPI 3.1 document, served at GET /api/openapi.json. Request bodies are
// derived from the same zod schemas the routes validate with, so the two cannot drift apart.
import { z } from 'zod';
import { WORKFLOW_STATUSES } from '../../shared/taskStatus';
import { cancelSchema, startSchema } from '../gatewaySchemas';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return rest;
}

const status = { type: 'string', enum: [...WORKFLOW_STATUSES] };
const isoTime = { type: 'string', format: 'date-time' };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const idParameter = { name: 'id', in: 'path', required: true, description: 'The workflow id, such as wf-3.', schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 64 } };
const guarded = { '401': error('No bearer token, or a wrong one.'), '403': error('A foreign Origin or a Host that does not name this server.'), '429': error('Too many requests; see Retry-After.') };

export function openApiDocument(serverUrl: string, version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Imperium Flow gateway',
      version,
      description:
        'Start and follow Imperium Flow workflows on one folder. Loopback only; every request needs the bearer token; requests from another origin are refused. Approving, rejecting and undoing are not part of this API: they stay a person\'s gesture in the editor.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      '/api/workflows': {
        get: {
          operationId: 'listWorkflows',
          summary: 'The workflow modules that can be started and the workflows this server holds',
          responses: { '200': { description: 'Modules and workflows.', content: json(ref('WorkflowList')) }, ...guarded },
        },
        post: {
          operationId: 'startWorkflow',
          summary: 'Start a workflow module on a request; answers with the new workflow\'s id at once',
          requestBody: { required: true, content: json(ref('StartRequest')) },
          responses: {
            '201': { description: 'Started.', headers: { Location: { description: 'The new workflow.', schema: { type: 'string' } } }, content: json(ref('Started')) },
            '400': error('The body is not a valid start request.'),
            '404': error('No such workflow module.'),
            '413': error('The body is too large.'),
            '415': error('The body is not JSON.'),
            ...guarded,
          },
        },
      },
      '/api/workflows/{id}': {
        get: {
          operationId: 'workflowStatus',
          summary: 'A workflow\'s status, phase and progress',
          parameters: [idParameter],
          responses: { '200': { description: 'The status.', content: json(ref('WorkflowStatus')) }, '404': error('No such workflow.'), ...guarded },
        },
      },
      '/api/workflows/{id}/report': {
        get: {
          operationId: 'workflowReport',
          summary: 'The report of a workflow that has ended',
          parameters: [idParameter],
          responses: { '200': { description: 'The report.', content: json(ref('WorkflowReport')) }, '404': error('No such workflow.'), '409': error('The workflow has not ended yet.'), ...guarded },
        },
      },
      '/api/workflows/{id}/cancel': {
        post: {
          operationId: 'cancelWorkflow',
          summary: 'Cancel a running or paused workflow',
          parameters: [idParameter],
          requestBody: { required: false, content: json(ref('CancelRequest')) },
          responses: { '200': { description: 'Canceled.', content: json(ref('WorkflowStatus')) }, '404': error('No such workflow.'), '409': error('The workflow has already ended.'), ...guarded },
        },
      },
      '/api/events': {
        get: {
          operationId: 'events',
          summary: 'The engine\'s events as they happen, one JSON text message each, over a WebSocket (send the token in the Authorization header of the upgrade request)',
          parameters: [{ name: 'workflowId', in: 'query', required: false, description: 'Only this workflow\'s events.', schema: { type: 'string' } }],
          responses: { '101': { description: 'Switching to the WebSocket protocol.' }, '426': error('Not a WebSocket upgrade request.'), ...guarded },
        },
      },
      '/api/openapi.json': {
        get: { operationId: 'openApi', summary: 'This document', responses: { '200': { description: 'The OpenAPI document.', content: json({ type: 'object' }) }, ...guarded } },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '$IMPERIUM_API_TOKEN, or the token imperium serve printed.' } },
      schemas: {
        StartRequest: jsonSchema(startSchema),
        CancelRequest: jsonSchema(cancelSchema.omit({ id: true })),
        Started: { type: 'object', required: ['id', 'workflow'], properties: { id: { type: 'string' }, workflow: { type: 'string' } } },
        Module: {
          type: 'object',
          required: ['id', 'title', 'description', 'phases'],
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            description: { type: 'string' },
            phases: { type: 'array', items: { type: 'object', required: ['id', 'title', 'steps'], properties: { id: { type: 'string' }, title: { type: 'string' }, steps: { type: 'array', items: { type: 'string' } } } } },
          },
        },
        WorkflowListItem: {
          type: 'object',
          required: ['id', 'workflow', 'status', 'createdAt', 'updatedAt'],
          properties: { id: { type: 'string' }, workflow: { type: 'string' }, status, step: { type: 'string' }, reason: { type: 'string' }, createdAt: isoTime, updatedAt: isoTime },
        },
        WorkflowList: { type: 'object', required: ['modules', 'workflows'], properties: { modules: { type: 'array', items: ref('Module') }, workflows: { type: 'array', items: ref('WorkflowListItem') } } },
        WorkflowStatus: {
          type: 'object',
          required: ['id', 'workflow', 'request', 'status', 'progress', 'tasks', 'createdAt', 'updatedAt'],
          properties: {
            id: { type: 'string' },
            workflow: { type: 'string' },
            request: { type: 'string' },
            status,
            phase: { type: 'string' },
            step: { type: 'string' },
            progress: { type: 'number', minimum: 0, maximum: 1 },
            tasks: { type: 'integer', minimum: 0 },
            reason: { type: 'string' },
            createdAt: isoTime,
            updatedAt: isoTime,
            endedAt: isoTime,
          },
        },
        WorkflowReport: { type: 'object', required: ['id', 'status', 'report'], properties: { id: { type: 'string' }, status, report: { type: 'object', description: 'The workflow module\'s report.' } } },
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
      },
    },
  };
}
