// A memory as a person reads and edits it: a line for a list, a markdown page with its provenance,
// and the short markdown form an editor shows for editing (the title as the heading, the text
// below), parsed back with every problem named.
import type { MemoryRecord } from './memoryRecord';
import { MemoryInputError } from './memoryVocabulary';

export interface MemoryListLine {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
}

const SCOPE_NAMES = { workspace: 'this workspace', global: 'every project' } as const;

export function memoryListLine(record: MemoryRecord): MemoryListLine {
  const { provenance } = record;
  return {
    label: record.title,
    description: `${record.kind} · ${SCOPE_NAMES[record.scope]}${record.editedByUser ? ' · edited' : ''}`,
    detail: `Learned in ${provenance.workflowId} ("${provenance.request}") · ${count(provenance.files.length, 'file')} · ${count(provenance.tests.length, 'passing test')}`,
  };
}

/** The whole memory, for reading: what it says, then where it came from. */
export function memoryMarkdown(record: MemoryRecord): string {
  const { provenance } = record;
  const list = (items: readonly string[]) => (items.length > 0 ? items.map((item) => `- \`${item}\``).join('\n') : '- (none)');
  return [
    `# ${record.title}`,
    '',
    `*${record.kind}*, kept for ${SCOPE_NAMES[record.scope]}${record.tags.length > 0 ? ` · tags: ${record.tags.join(', ')}` : ''}`,
    '',
    record.text,
    '',
    '## Where it was learned',
    '',
    `Workflow **${provenance.workflowId}**: ${provenance.request}`,
    '',
    `Promoted ${new Date(provenance.promotedAt).toISOString()}${record.editedByUser ? `, edited by you ${new Date(record.updatedAt).toISOString()}` : ''}.`,
    '',
    '### Files it changed',
    list(provenance.files),
    '',
    '### Tests that passed in its final run',
    list(provenance.tests),
    '',
    "### The Board's reasons",
    provenance.boardReasons.length > 0 ? provenance.boardReasons.map((reason) => `- ${reason}`).join('\n') : '- (none given)',
    '',
  ].join('\n');
}

/** What an editor shows to edit a memory: the title as a heading, a blank line, the text. */
export function editableMemory(record: Pick<MemoryRecord, 'title' | 'text'>): string {
  return `# ${record.title}\n\n${record.text}\n`;
}

/** The title and text an edited document holds; throws MemoryInputError saying what is wrong with it. */
export function parseEditedMemory(document: string): { readonly title: string; readonly text: string } {
  const lines = document.replace(/\r\n?/g, '\n').split('\n');
  const heading = /^#\s+(.*\S)\s*$/.exec(lines[0] ?? '');
  if (!heading) throw new MemoryInputError('The first line must be the title, as a heading: "# The title".');
  const text = lines.slice(1).join('\n').trim();
  if (text === '') throw new MemoryInputError('The text under the title is empty; a memory needs one.');
  return { title: heading[1] ?? '', text };
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
