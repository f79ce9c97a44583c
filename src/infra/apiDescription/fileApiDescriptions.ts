// The ApiDescriptions port over files under one root: workspace-relative paths are resolved there
// (the caller has already read the file through the Workspace port, which checked the path).
import { isAbsolute, relative, resolve } from 'node:path';
import type { ApiDescriptionCheck, ApiDescriptions, ContractCase, GeneratedClient, RunningMock } from '../../core/integration/apiDescriptions';
import { checkApiDescription } from './apiDescriptionValidator';
import { serveApiMock } from './apiMockServer';
import { contractCases } from './contractCases';
import { generateClient } from './clientGenerator';

export class FileApiDescriptions implements ApiDescriptions {
  constructor(private readonly root: string) {}

  async check(file: string): Promise<ApiDescriptionCheck> {
    const check = await checkApiDescription(this.resolve(file));
    return { ...check, file, problems: check.problems.map((problem) => ({ ...problem, file: this.relative(problem.file) })) };
  }

  generateClient(file: string, typesModule: string): Promise<GeneratedClient> {
    return generateClient(this.resolve(file), typesModule);
  }

  serveMock(file: string, port?: number): Promise<RunningMock> {
    return serveApiMock(this.resolve(file), port);
  }

  contractCases(file: string, operationIds?: readonly string[]): Promise<ContractCase[]> {
    return contractCases(this.resolve(file), operationIds);
  }

  private resolve(file: string): string {
    const path = resolve(this.root, file);
    const inside = relative(this.root, path);
    if (inside.startsWith('..') || isAbsolute(inside)) throw new Error(`${file} is outside the workspace`);
    return path;
  }

  private relative(file: string): string {
    const inside = relative(this.root, file);
    return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
  }
}
