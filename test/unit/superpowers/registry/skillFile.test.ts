import * as assert from 'node:assert/strict';
import { parseSkillFile } from '../../../../src/superpowers/registry/skillFile';
import { nameProblem } from '../../../../src/superpowers/registry/skillName';

const skill = (frontMatter: string, body = '# Body\n') => `---\n${frontMatter}\n---\n${body}`;

function reason(text: string, folder = 'my-skill'): string {
  const parsed = parseSkillFile(text, folder);
  assert.ok(!parsed.ok, 'expected a rejection');
  return parsed.reason;
}

describe('SKILL.md parsing and the specification rules', () => {
  it('reads every field of the specification and the body', () => {
    const parsed = parseSkillFile(
      skill(
        'name: pdf-tools\ndescription: >-\n  Extract text from PDFs.\n  Use for PDFs.\nlicense: Apache-2.0\ncompatibility: Requires poppler\nmetadata:\n  author: someone\n  version: 2\nallowed-tools: Bash(git status:*) Read',
        '\n# PDF tools\n\nSteps.\n',
      ),
      'pdf-tools',
    );
    assert.ok(parsed.ok);
    assert.equal(parsed.skill.name, 'pdf-tools');
    assert.equal(parsed.skill.description, 'Extract text from PDFs. Use for PDFs.');
    assert.equal(parsed.skill.license, 'Apache-2.0');
    assert.equal(parsed.skill.compatibility, 'Requires poppler');
    assert.deepEqual(parsed.skill.metadata, { author: 'someone', version: '2' });
    assert.deepEqual(parsed.skill.allowedTools, ['Bash(git status:*)', 'Read']);
    assert.equal(parsed.skill.body, '# PDF tools\n\nSteps.\n');
    assert.deepEqual(parsed.skill.notes, []);
    assert.equal(parsed.skill.modelInvocable, true);
  });

  it('takes allowed-tools as a YAML list and as Claude Code writes it, with commas', () => {
    const list = parseSkillFile(skill('name: a\ndescription: d\nallowed-tools:\n  - Read\n  - Grep'), 'a');
    assert.ok(list.ok);
    assert.deepEqual(list.skill.allowedTools, ['Read', 'Grep']);
    const commas = parseSkillFile(skill('name: a\ndescription: d\nallowed-tools: Read, Grep, Bash(npm run test:*)'), 'a');
    assert.ok(commas.ok);
    assert.deepEqual(commas.skill.allowedTools, ['Read', 'Grep', 'Bash(npm run test:*)']);
  });

  it('keeps clients\' own fields out, notes them, honours disable-model-invocation, never runs hooks', () => {
    const parsed = parseSkillFile(skill('name: a\ndescription: d\nargument-hint: <x>\ndisable-model-invocation: true\nhooks:\n  PreToolUse: []'), 'a');
    assert.ok(parsed.ok);
    assert.equal(parsed.skill.modelInvocable, false);
    assert.deepEqual(parsed.skill.notes, [
      'it declares hooks; Imperium never runs hooks',
      'disable-model-invocation: agents are not offered it',
      'fields outside the Agent Skills specification are ignored: argument-hint',
    ]);
  });

  it('applies the name rules of the specification', () => {
    assert.equal(nameProblem('pdf-processing', 'pdf-processing'), undefined);
    assert.equal(nameProblem('données-2', 'données-2'), undefined);
    assert.match(nameProblem('PDF-Processing', 'PDF-Processing') ?? '', /uppercase letter \("P"\)/);
    assert.match(nameProblem('-pdf', '-pdf') ?? '', /starts or ends with a hyphen/);
    assert.match(nameProblem('pdf-', 'pdf-') ?? '', /starts or ends with a hyphen/);
    assert.match(nameProblem('pdf--processing', 'pdf--processing') ?? '', /two hyphens in a row/);
    assert.match(nameProblem('pdf_processing', 'pdf_processing') ?? '', /the character "_"/);
    assert.match(nameProblem('my skill', 'my skill') ?? '', /a space/);
    assert.match(nameProblem('a'.repeat(65), 'a'.repeat(65)) ?? '', /65 characters long; the limit is 64/);
    assert.equal(nameProblem('a'.repeat(64), 'a'.repeat(64)), undefined);
    assert.match(nameProblem('', '') ?? '', /empty/);
    assert.match(nameProblem('pdf', 'pdf-tools') ?? '', /is not its folder's name "pdf-tools"/);
  });

  it('rejects each broken file with the reason', () => {
    assert.match(reason('# No front matter\n'), /does not start with YAML front matter/);
    assert.match(reason('---\nname: my-skill\ndescription: d\n# never closed\n'), /never closed/);
    assert.match(reason(skill('name: my-skill\ndescription: [unclosed')), /front matter is not valid YAML/);
    assert.match(reason(skill('name: my-skill\nname: my-skill\ndescription: d')), /not valid YAML: .*unique/i);
    assert.match(reason(skill('- a list')), /not a mapping of fields/);
    assert.match(reason(skill('description: d')), /has no name/);
    assert.match(reason(skill('name: 12\ndescription: d')), /name is a number, not text/);
    assert.match(reason(skill('name: my-skill')), /has no description/);
    assert.match(reason(skill('name: my-skill\ndescription: "  "')), /description is empty/);
    assert.match(reason(skill(`name: my-skill\ndescription: ${'x'.repeat(1025)}`)), /1025 characters long; the limit is 1024/);
    assert.match(reason(skill(`name: my-skill\ndescription: d\ncompatibility: ${'x'.repeat(501)}`)), /compatibility is 501 characters long/);
    assert.match(reason(skill('name: my-skill\ndescription: d\nmetadata: [a]')), /metadata is a list/);
    assert.match(reason(skill('name: my-skill\ndescription: d\nmetadata:\n  nested:\n    deep: x')), /metadata "nested" is a mapping/);
    assert.match(reason(skill('name: my-skill\ndescription: d\nallowed-tools: 3')), /allowed-tools is a number/);
    assert.match(reason(skill('name: my-skill\ndescription: d\nlicense: [MIT]')), /license is a list/);
  });

  it('reads a file with a byte order mark and Windows line ends', () => {
    const parsed = parseSkillFile('\uFEFF---\r\nname: a\r\ndescription: d\r\n---\r\nbody\r\n', 'a');
    assert.ok(parsed.ok);
    assert.equal(parsed.skill.description, 'd');
  });
});
