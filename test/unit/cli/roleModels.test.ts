import assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/cliCommand';
import { roleModels } from '../../../src/cli/modelOptions';

describe('--role-model <role>=<model> (the editor\'s imperium.model.roles)', () => {
  it('gives each named role its model', () => {
    assert.deepEqual(roleModels(['codebot=gpt-4.1', 'cso = o3 ']), { codebot: 'gpt-4.1', cso: 'o3' });
  });

  it('keeps an = inside the model name', () => {
    assert.deepEqual(roleModels(['testbot=org/model=v2']), { testbot: 'org/model=v2' });
  });

  it('refuses an unknown role, a missing model and two models for one role, saying what', () => {
    assert.throws(() => roleModels(['tester=gpt-4.1']), (error: unknown) => error instanceof UsageError && /codebot, testbot/.test(error.message));
    assert.throws(() => roleModels(['codebot=']), UsageError);
    assert.throws(() => roleModels(['codebot']), UsageError);
    assert.throws(() => roleModels(['codebot=a', 'codebot=b']), /two models for codebot/);
  });
});
