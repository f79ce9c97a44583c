// Turns what "Implement with agents" was invoked on into the feature workflow's request: a plain
// sentence for the Product Owner, with the code's own words and where it is.
import type { ImplementTarget } from '../../shared/implementTarget';

const MAX_DESCRIPTION_CHARS = 2_000;

export function implementRequest(target: ImplementTarget): string {
  const where = target.startLine === target.endLine ? `${target.path}:${target.startLine}` : `${target.path}:${target.startLine}-${target.endLine}`;
  const name = target.symbol ? ` \`${target.symbol}\`` : '';
  const description = clip(target.description.trim());
  switch (target.kind) {
    case 'stub':
      return `Implement${name} in ${where}, which is a stub today. Keep its signature.\n\n${description}`;
    case 'todo':
      return `Do the work this TODO in ${where} describes, then remove the TODO.\n\n${description}`;
    case 'failing-test':
      return `Make the failing test${name} in ${where} pass by changing the code under test, not the test.\n\n${description}`;
    case 'selection':
      return `Implement what this code in ${where} describes or leaves unfinished.\n\n${description}`;
  }
}

function clip(text: string): string {
  return text.length <= MAX_DESCRIPTION_CHARS ? text : `${text.slice(0, MAX_DESCRIPTION_CHARS)}\n[… cut]`;
}
