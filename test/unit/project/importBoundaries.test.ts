import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';

// The lint rule is the architecture's only guard: prove that it fires where it must and not elsewhere.
describe('import boundaries (eslint.config.mjs)', function () {
  this.timeout(60_000);
  const eslint = new ESLint();

  async function restrictedImports(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  }

  it("refuses 'vscode' in the engine, agents, llm, infra, shared and cli", async () => {
    for (const file of ['src/core/x.ts', 'src/agents/x.ts', 'src/llm/x.ts', 'src/infra/x.ts', 'src/shared/x.ts', 'src/cli/x.ts']) {
      const messages = await restrictedImports(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n");
      assert.equal(messages.length, 1, file);
      assert.match(messages[0], /Only src\/host\//);
    }
  });

  it("refuses a type-only 'vscode' import outside the host too", async () => {
    const messages = await restrictedImports('src/core/x.ts', "import type { Uri } from 'vscode';\nexport type U = Uri;\n");
    assert.equal(messages.length, 1);
  });

  it("allows 'vscode' in src/host/ and in the integration tests", async () => {
    for (const file of ['src/host/x.ts', 'test/integration/suite/x.test.ts']) {
      assert.deepEqual(await restrictedImports(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n"), [], file);
    }
  });

  it('refuses Node modules in webview code, with or without the node: prefix', async () => {
    const messages = await restrictedImports(
      'webview/src/x.ts',
      "import { readFileSync } from 'node:fs';\nimport * as path from 'path';\nexport const v = [readFileSync, path];\n",
    );
    assert.equal(messages.length, 2);
  });
});
