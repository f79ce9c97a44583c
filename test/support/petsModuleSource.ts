// The module a scripted IntegrationBot writes into the contract-service fixture: listPets and getPet
// of its openapi.yaml, each a thin call through the generated client at `clientModule` (the import
// path from src/, without extension).
export function petsModuleSource(clientModule: string): string {
  return `import { createApiClient } from '${clientModule}';

/** The pets waiting for a home. */
export async function listPets(baseUrl: string, args: { query?: { limit?: number } } = {}) {
  const { data, error } = await createApiClient(baseUrl).GET('/pets', { params: { query: args.query } });
  if (data === undefined) throw new Error(\`listPets failed: \${JSON.stringify(error)}\`);
  return data;
}

/** One pet, by id. */
export async function getPet(baseUrl: string, args: { path: { petId: number } }) {
  const { data, error } = await createApiClient(baseUrl).GET('/pets/{petId}', { params: { path: args.path } });
  if (data === undefined) throw new Error(\`getPet failed: \${JSON.stringify(error)}\`);
  return data;
}
`;
}
