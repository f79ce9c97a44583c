// The first tier of progressive disclosure: names and descriptions only, each about a hundred
// tokens at most, ranked for the step and the task, never past the budget.
import * as assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { skillIndex } from '../../../../src/superpowers/registry/skillIndex';
import type { Skill } from '../../../../src/superpowers/registry/skill';

function skill(name: string, description: string, extra: Partial<Skill> = {}): Skill {
  return { name, description, metadata: {}, modelInvocable: true, body: `# ${name} body, never in the index`, folder: `/s/${name}`, skillFile: 'SKILL.md', source: { kind: 'workspace', label: '.claude/skills' }, files: [], contentHash: 'h', notes: [], ...extra };
}

describe('the skill index agents see', () => {
  const skills = [
    skill('pdf-tools', 'Extract text and tables from PDF files. Use when handling PDFs.'),
    skill('database-migrations', 'Write and review database schema migrations. Use when a change alters tables or columns.'),
    skill('tdd', 'Red, green, refactor.', { metadata: { 'imperium-steps': 'red green refactor' }, source: { kind: 'builtin', label: 'built-in' } }),
    skill('wordy', `Use this one when ${'there is a great deal of very long and repetitive text to consider carefully '.repeat(20)}`),
    skill('hidden', 'Only for people.', { modelInvocable: false }),
  ];

  it('lists the skill for the step first, then by relevance to the task, names and descriptions only', () => {
    const index = skillIndex(skills, { step: 'green', task: 'Add a column to the users table with a migration', countTokens });
    assert.deepEqual(index.listed.slice(0, 2), ['tdd', 'database-migrations']);
    assert.ok(!index.listed.includes('hidden'));
    assert.doesNotMatch(index.text, /body, never in the index/);
    assert.match(index.text, /^Skills \(load one with use_skill/);
    assert.equal(index.tokens, countTokens(index.text));
  });

  it('cuts a long description to about a hundred tokens, at a word', () => {
    const index = skillIndex(skills, { step: 'plan', task: 'long repetitive text', countTokens });
    const line = index.text.split('\n').find((text) => text.startsWith('- wordy:')) ?? '';
    assert.ok(countTokens(line) <= 100, `${countTokens(line)} tokens`);
    assert.match(line, / …$/);
  });

  it('stops at the budget and says how many were left out', () => {
    const many = Array.from({ length: 40 }, (_, index) => skill(`skill-${index}`, `Skill number ${index} for some kind of work on the code base.`));
    const index = skillIndex(many, { step: 'green', task: 'work', countTokens, budget: 200 });
    assert.ok(index.tokens <= 200, `${index.tokens} tokens`);
    assert.equal(index.listed.length + index.omitted.length, 40);
    assert.ok(index.omitted.length > 0);
    assert.match(index.text, new RegExp(`\\(${index.omitted.length} more not listed`));
  });

  it('is empty when no skill is offered to agents', () => {
    assert.deepEqual(skillIndex([skills[4]], { step: 'red', task: 'x', countTokens }), { text: '', listed: [], omitted: [], tokens: 0 });
  });
});
