// Checks a Dockerfile offline: dockerfile-ast parses it (the parser of the Docker language server),
// and our rules judge it: it must start FROM an image (ARGs may come first), every instruction must
// be one Docker knows with its arguments; base images without a pinned tag, ADD from a URL, and a
// downloaded script piped into a shell are flagged, since a person must vet what they bring in.
import { DockerfileParser, From } from 'dockerfile-ast';
import type { DeploymentProblem } from '../../core/integration/deploymentFiles';

const INSTRUCTIONS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
const NO_ARGUMENTS_NEEDED = new Set(['HEALTHCHECK']);
const PIPED_DOWNLOAD = /\b(curl|wget)\b[^|;&]*\|\s*(sudo\s+)?(ba|z|da)?sh\b/;

export function checkDockerfile(text: string): DeploymentProblem[] {
  const dockerfile = DockerfileParser.parse(text);
  const problems: DeploymentProblem[] = [];
  const at = (line: number, column: number) => ({ line: line + 1, column: column + 1 });
  const instructions = dockerfile.getInstructions();
  const first = instructions.find((instruction) => instruction.getKeyword().toUpperCase() !== 'ARG');
  if (!first) problems.push({ severity: 'error', rule: 'from-first', message: 'the Dockerfile has no FROM instruction', line: 1 });
  else if (first.getKeyword().toUpperCase() !== 'FROM') problems.push({ severity: 'error', rule: 'from-first', message: `the first instruction must be FROM (only ARG may come before it), not ${first.getKeyword()}`, ...at(first.getRange().start.line, first.getRange().start.character) });
  for (const instruction of instructions) {
    const keyword = instruction.getKeyword().toUpperCase();
    const start = instruction.getRange().start;
    const where = at(start.line, start.character);
    if (!INSTRUCTIONS.has(keyword)) {
      problems.push({ severity: 'error', rule: 'unknown-instruction', message: `"${instruction.getKeyword()}" is not a Dockerfile instruction`, ...where });
      continue;
    }
    const args = instruction.getArgumentsContent() ?? '';
    if (args.trim() === '' && !NO_ARGUMENTS_NEEDED.has(keyword)) problems.push({ severity: 'error', rule: 'missing-arguments', message: `${keyword} needs arguments`, ...where });
    if (keyword === 'MAINTAINER') problems.push({ severity: 'warning', rule: 'deprecated-maintainer', message: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=...', ...where });
    if (instruction instanceof From) {
      const image = instruction.getImageName();
      const tag = instruction.getImageTag();
      const pinned = instruction.getImageDigest() !== null || (tag !== null && tag !== 'latest');
      const stage = image !== null && instructions.some((other) => other instanceof From && other !== instruction && other.getBuildStage() === image);
      if (image !== null && image !== 'scratch' && !stage && !image.includes('$') && !pinned) problems.push({ severity: 'warning', rule: 'unpinned-base-image', message: `the base image "${instruction.getImage() ?? image}" has no pinned tag or digest: a rebuild may bring in anything`, ...where });
    }
    if (keyword === 'ADD' && /\bhttps?:\/\//i.test(args)) problems.push({ severity: 'warning', rule: 'add-from-url', message: 'ADD downloads from a URL at build time without a checksum: download it with a checked digest (ADD --checksum=...) or vendor the file', ...where });
    if (keyword === 'RUN' && PIPED_DOWNLOAD.test(args)) problems.push({ severity: 'warning', rule: 'piped-download', message: 'a downloaded script is piped into a shell: a person must vet it; download it, check its digest, then run it', ...where });
  }
  return problems;
}
