// The extension's long-term memory stores (src/host/memory/extensionMemories.ts is vscode-free, so it
// is tested here with the rest of memory's storage): both scopes in the storage folders VS Code gives,
// and the user told when a damaged file was restored.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openExtensionMemories } from '../../../../src/host/memory/extensionMemories';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { clock, evidence, useTempFolders } from './memoryTestKit';

describe("The extension's memory stores", () => {
  const folders = useTempFolders('extension-memory');

  it('opens the workspace and global scopes in their storage folders, and tells of a damaged file restored', async () => {
    const [workspaceStorage, globalStorage] = [await folders.make(), await folders.make()];
    const told: string[] = [];
    const options = { workspaceStorage, globalStorage, clock, logger: new RecordingLogger(), onDamage: (message: string) => told.push(message) };
    const first = await openExtensionMemories(options);
    await first.workspace?.promote(evidence(), [{ kind: 'convention', title: 'Tests live in test/', text: 'node:test files.' }]);
    await first.global.promote(evidence(), [{ kind: 'rule', scope: 'global', title: 'No secrets in code', text: 'Keys come from the environment.' }]);
    await first.close();
    assert.deepEqual(told, []);

    await writeFile(join(workspaceStorage, 'memory', 'memory-shard-000000.json'), '{"records": ');
    const again = await openExtensionMemories(options);
    try {
      assert.deepEqual(again.workspace?.list().items.map((memory) => memory.title), ['Tests live in test/'], 'restored from its last good copy');
      assert.deepEqual(again.global.list().items.map((memory) => memory.title), ['No secrets in code']);
      assert.equal(told.length, 1);
      assert.match(told[0] ?? '', /^Imperium Flow: a file of your workspace's memory was damaged: .*memory-shard-000000\.json was damaged \(.*\); restored from its backup/);
    } finally {
      await again.close();
    }
  });

  it('has only the global scope without an open folder', async () => {
    const memories = await openExtensionMemories({ globalStorage: await folders.make(), clock, logger: new RecordingLogger(), onDamage: () => undefined });
    try {
      assert.equal(memories.workspace, undefined);
      assert.equal(memories.global.size, 0);
    } finally {
      await memories.close();
    }
  });
});
