import * as assert from 'node:assert/strict';
import type { AgentTool } from '../../../../src/agents/tools/agentTool';
import { toolSpec } from '../../../../src/agents/tools/agentTool';
import { LongTermMemory } from '../../../../src/core/memory/longTermMemory';
import { type RecallMemoryArgs, recallMemoryTool } from '../../../../src/core/memory/recallMemoryTool';
import { WorkflowMemory } from '../../../../src/core/memory/workflowMemory';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { clock, evidence, memoryFolder, useTempFolders } from './memoryTestKit';
import { MODEL_TOKEN_COUNTER } from '../../../../src/llm/tokenCount';

describe('The recall_memory tool', () => {
  const folders = useTempFolders('recall-tool');
  const closing: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((open) => open.close()));
  });

  it('is an agent tool: the model sees a JSON schema, and arguments are checked', async () => {
    const store = await JsonStore.open({ folder: await folders.make(), logger: new RecordingLogger() });
    closing.push(store);
    const tool: AgentTool<RecallMemoryArgs> = recallMemoryTool({ workflow: new WorkflowMemory(store, clock, MODEL_TOKEN_COUNTER) });
    const spec = toolSpec(tool);
    assert.equal(spec.name, 'recall_memory');
    assert.deepEqual(Object.keys((spec.parameters as { properties: object }).properties), ['query', 'scope', 'limit']);
    assert.equal(tool.schema.safeParse({ query: ' ' }).success, false);
    assert.deepEqual(tool.schema.parse({ query: 'dates' }), { query: 'dates', scope: 'both', limit: 5 });
  });

  it('recalls from the caller\'s own workflow and from learned patterns', async () => {
    const store = await JsonStore.open({ folder: await folders.make(), logger: new RecordingLogger() });
    closing.push(store);
    const workflow = new WorkflowMemory(store, clock, MODEL_TOKEN_COUNTER);
    await workflow.record('wf-1', { kind: 'decision', text: 'Dates are parsed with a regular expression.', by: 'cto' });
    await workflow.record('wf-2', { kind: 'decision', text: 'Dates come from date-fns.', by: 'cto' });
    const learned = await LongTermMemory.open({ folders: { workspace: memoryFolder(await folders.make()) }, clock, logger: new RecordingLogger(), debounceMs: 1 });
    closing.push(learned);
    await learned.promote(evidence(), [{ kind: 'convention', title: 'Dates go through parseIsoDate', text: 'Never call new Date(string).' }]);

    const tool = recallMemoryTool({ workflow, learned });
    const context = { origin: { workflowId: 'wf-1' } };
    const { outcome, content } = await tool.run(tool.schema.parse({ query: 'how are dates parsed' }), context);
    assert.equal(outcome, 'ok');
    assert.equal(
      content,
      'From this workflow:\n- [decision, cto] Dates are parsed with a regular expression.\n\nLearned patterns:\n- Dates go through parseIsoDate (convention, workspace, learned in wf-7): Never call new Date(string).',
    );
    assert.doesNotMatch(content, /date-fns/, 'another workflow\'s context stays out');
    assert.equal((await tool.run(tool.schema.parse({ query: 'kubernetes', scope: 'workflow' }), context)).content, 'From this workflow: nothing matches.');
    const withoutLearned = recallMemoryTool({ workflow });
    assert.equal((await withoutLearned.run(tool.schema.parse({ query: 'dates', scope: 'learned' }), context)).content, 'Learned patterns: long-term memory is not available.');
  });
});
