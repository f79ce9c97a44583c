import { writeFileSync, mkdirSync } from 'node:fs';
import { FileApiDescriptions } from './src/infra/apiDescription/fileApiDescriptions';
import { contractTestFiles } from './src/workflows/integration/contractTestSource';
async function main() {
  const apis = new FileApiDescriptions('/tmp/cs');
  const cases = await apis.contractCases('openapi.yaml');
  const files = contractTestFiles('openapi.yaml', 'src/shelterApi.ts', cases, 'mocha');
  mkdirSync('/tmp/cs/test/contract', { recursive: true });
  writeFileSync('/tmp/cs/' + files.testFile, files.test);
  writeFileSync('/tmp/cs/' + files.mockFile, files.mock);
  if (process.argv[2] === 'green') {
    const gen = await apis.generateClient('openapi.yaml', './shelter.types');
    mkdirSync('/tmp/cs/src/generated', { recursive: true });
    writeFileSync('/tmp/cs/src/generated/shelter.types.ts', gen.types);
    writeFileSync('/tmp/cs/src/generated/shelterClient.ts', gen.client);
    writeFileSync('/tmp/cs/src/shelterApi.ts', `import { createApiClient } from './generated/shelterClient';

export async function listPets(baseUrl: string, args: { query?: { limit?: number } } = {}) {
  const { data, error } = await createApiClient(baseUrl).GET('/pets', { params: { query: args.query } });
  if (data === undefined) throw new Error(\`listPets failed: \${JSON.stringify(error)}\`);
  return data;
}

export async function getPet(baseUrl: string, args: { path: { petId: number } }) {
  const { data, error } = await createApiClient(baseUrl).GET('/pets/{petId}', { params: { path: args.path } });
  if (data === undefined) throw new Error(\`getPet failed: \${JSON.stringify(error)}\`);
  return data;
}
`);
  }
}
main();
