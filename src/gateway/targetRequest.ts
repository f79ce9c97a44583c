// A request with the code it is about: the targets a caller named (a stub, a TODO, a failing test, a
// selection) appended as plain lines the Product Owner reads with the request.
import type { ImplementTarget } from '../shared/implementTarget';

export function requestWithTargets(request: string, targets: readonly ImplementTarget[] | undefined): string {
  if (!targets || targets.length === 0) return request;
  const lines = targets.map((target) => {
    const where = target.startLine === target.endLine ? `${target.path}:${target.startLine}` : `${target.path}:${target.startLine}-${target.endLine}`;
    const name = target.symbol ? ` \`${target.symbol}\`` : '';
    const description = target.description.trim();
    return `- the ${target.kind}${name} in ${where}${description ? `: ${description}` : ''}`;
  });
  return `${request}\n\nThe code this is about:\n${lines.join('\n')}`;
}
