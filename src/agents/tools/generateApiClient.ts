// generate_api_client: writes a typed client of an OpenAPI description into the workspace, made by
// the generators (openapi-typescript types, an openapi-fetch client), never typed by the model.
import { posix } from 'node:path';
import { z } from 'zod';
import { describeApiProblems, InvalidApiDescriptionError, type ApiDescriptions } from '../../core/integration/apiDescriptions';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { failed, ok, type AgentTool } from './agentTool';
import { refuseUnwritable } from './writeAccess';

const tsFile = z.string().min(1).regex(/\.ts$/, 'a .ts file');
const schema = z.strictObject({
  spec: z.string().min(1).describe('The OpenAPI file, workspace-relative.'),
  types_file: tsFile.describe('Where the generated types go, e.g. src/generated/petsApi.types.ts.'),
  client_file: tsFile.describe('Where the client module goes, e.g. src/generated/petsClient.ts; it exports createApiClient(baseUrl).'),
});

export function generateApiClientTool(apis: ApiDescriptions): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'generate_api_client',
    description: 'Generate a typed client of an OpenAPI description: the types (openapi-typescript) and a module exporting createApiClient(baseUrl), an openapi-fetch client typed by them (client.GET("/pets/{id}", { params: { path: { id } } }) answers { data, error, response }). Generated files are not to be edited by hand.',
    schema,
    pathOf: (args) => args.client_file,
    async run(args, context) {
      const spec = normalizeWorkspacePath(args.spec);
      const typesFile = normalizeWorkspacePath(args.types_file);
      const clientFile = normalizeWorkspacePath(args.client_file);
      for (const path of [typesFile, clientFile]) {
        const refusal = refuseUnwritable(path, context);
        if (refusal) return refusal;
      }
      if (!(await context.workspace.exists(spec))) return failed(`"${spec}" does not exist.`);
      let relative = posix.relative(posix.dirname(clientFile), typesFile).replace(/\.ts$/, '');
      if (!relative.startsWith('.')) relative = `./${relative}`;
      try {
        const generated = await apis.generateClient(spec, relative);
        await context.workspace.write(typesFile, generated.types, context.origin);
        await context.workspace.write(clientFile, generated.client, context.origin);
        return ok(`Generated ${typesFile} (types of ${spec}) and ${clientFile} (import { createApiClient } from it). The project needs the openapi-fetch package.`);
      } catch (error) {
        if (error instanceof InvalidApiDescriptionError) return failed(`${spec} does not validate, so no client was generated: ${describeApiProblems(error.check.problems.filter((problem) => problem.severity === 'error'))}`);
        throw error;
      }
    },
  };
}
