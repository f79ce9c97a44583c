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

  // One row per rule of ARCHITECTURE.md's map: a file of the layer, an import the rule refuses (and
  // the message naming the rule), and one it allows.
  const zones: [file: string, refused: string, message: RegExp, allowed: string][] = [
    ['src/shared/x.ts', '../core/ports', /src\/shared\/ imports nothing of ours/, './events'],
    ['src/core/memory/x.ts', '../../llm/tokenCount', /src\/core\/ depends on its ports and src\/shared\/ only.*Not src\/llm\//, '../ports'],
    ['src/core/x.ts', '../infra/store/jsonStore', /Not src\/infra\//, '../shared/events'],
    ['src/core/orchestrator/x.ts', '../../workflows/workflowModule', /Not src\/workflows\//, '../healing/retryLadder'],
    ['src/core/x.ts', '../runtime/runtime', /Not src\/runtime\//, './ports'],
    ['src/agents/x.ts', '../workflows/feature/featureModule', /src\/agents\/ works through the core ports.*Not src\/workflows\//, '../core/ports'],
    ['src/agents/tools/x.ts', '../../llm/openAiCompatibleClient', /Not src\/llm\//, '../../core/ports'],
    ['src/superpowers/tdd/x.ts', '../../workflows/feature/featureModule', /src\/superpowers\/ holds capabilities.*Not src\/workflows\//, '../../agents/codeBot'],
    ['src/superpowers/tdd/x.ts', '../../infra/nodeWorkspace', /Not src\/infra\//, '../../core/ports'],
    ['src/workflows/feature/x.ts', '../../runtime/runtime', /src\/workflows\/ modules build on agents.*Not src\/runtime\//, '../../superpowers/tdd/redGate'],
    ['src/workflows/x.ts', '../llm/tokenCount', /Not src\/llm\//, '../agents/codeBot'],
    ['src/workflows/fix/x.ts', '../feature/featureModule', /A workflow module does not import another module/, '../../superpowers/tdd/greenLoop'],
    ['src/workflows/fix/steps/x.ts', '../../feature/planSteps', /A workflow module does not import another module/, '../fixTargets'],
    ['src/workflows/x.ts', '../host/settings', /Not src\/host\//, './feature/featureModule'],
    ['src/llm/x.ts', '../infra/store/jsonStore', /src\/llm\/ is an adapter.*Not src\/infra\//, '../core/ports'],
    ['src/infra/store/x.ts', '../../llm/tokenCount', /src\/infra\/ is an adapter.*Not src\/llm\//, '../../core/ports'],
    ['src/infra/x.ts', '../runtime/runtime', /Not src\/runtime\//, '../shared/testResults'],
    ['src/runtime/x.ts', '../host/settings', /src\/runtime\/ is opened by the host.*Not src\/host\//, '../workflows/builtInModules'],
    ['src/runtime/x.ts', '../cli/cli', /Not src\/cli\//, '../infra/store/jsonStore'],
    ['src/cli/x.ts', '../host/settings', /src\/cli\/ never imports src\/host\/.*Not src\/host\//, '../runtime/runtime'],
    ['src/cli/x.ts', '../workflows/feature/featureWorkflow', /only through src\/runtime\/.*Not src\/workflows\//, '../infra/nodeWorkspace'],
    ['src/gateway/http/x.ts', '../../host/api', /src\/gateway\/ never imports src\/host\/.*Not src\/host\//, '../../runtime/runtime'],
    ['src/gateway/x.ts', '../agents/codeBot', /Not src\/agents\//, '../shared/events'],
    ['src/host/x.ts', '../workflows/feature/featureModule', /src\/host\/ reaches workflow modules.*Not src\/workflows\//, '../runtime/runtime'],
    ['src/host/dashboard/x.ts', '../../workflows/fix/fixModule', /Not src\/workflows\//, '../../core/ports'],
    ['src/host/x.ts', '../cli/cli', /Not src\/cli\//, '../infra/nodeWorkspace'],
  ];
  for (const [file, refused, message, allowed] of zones) {
    it(`${file}: refuses ${refused}, allows ${allowed}`, async () => {
      const refusedMessages = await restrictedImports(file, `import { a } from '${refused}';\nexport const v = a;\n`);
      assert.equal(refusedMessages.length, 1, `${file} importing ${refused}`);
      assert.match(refusedMessages[0] ?? '', message);
      assert.deepEqual(await restrictedImports(file, `import { a } from '${allowed}';\nexport const v = a;\n`), [], `${file} importing ${allowed}`);
    });
  }

  it('refuses type-only imports across a zone too', async () => {
    assert.equal((await restrictedImports('src/core/healing/x.ts', "import type { PriceTable } from '../../llm/pricing';\nexport type P = PriceTable;\n")).length, 1);
  });

  it("tells a layer's own subfolder from the layer of that name by the file's depth", async () => {
    // src/host/workflows/ and src/host/llm/ are the host's own folders, not src/workflows/ and src/llm/.
    assert.deepEqual(await restrictedImports('src/host/workflows/x.ts', "import { a } from '../workflows/workflowService';\nexport const v = a;\n"), []);
    assert.equal((await restrictedImports('src/host/workflows/x.ts', "import { a } from '../../workflows/workflowModule';\nexport const v = a;\n")).length, 1);
  });

  it('refuses webview imports of our code other than src/shared/', async () => {
    const messages = await restrictedImports('webview/src/views/x.ts', "import { a } from '../../../src/core/ports';\nexport const v = a;\n");
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /imports nothing of ours but src\/shared\//);
    assert.deepEqual(await restrictedImports('webview/src/views/x.ts', "import { a } from '../../../src/shared/events';\nimport { b } from '../format';\nexport const v = [a, b];\n"), []);
  });

  it("still refuses 'vscode' inside every zone but the host's", async () => {
    for (const file of ['src/core/memory/x.ts', 'src/runtime/x.ts', 'src/workflows/feature/x.ts', 'src/superpowers/planning/x.ts', 'src/gateway/x.ts']) {
      const messages = await restrictedImports(file, "import * as vscode from 'vscode';\nexport const v = vscode;\n");
      assert.equal(messages.length, 1, file);
      assert.match(messages[0] ?? '', /Only src\/host\//);
    }
    assert.deepEqual(await restrictedImports('src/host/codeLens/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n"), []);
  });
});
