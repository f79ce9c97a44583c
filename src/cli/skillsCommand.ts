// `imperium skills <folder>`: the skills (superpowers) an agent working on <folder> may use, with
// where each comes from, and the folders that were rejected with the reason, for people or, with
// --json, for programs. Exits 1 when a skill was rejected, so CI can check a skills folder.
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { nodeSkillFileSystem } from '../infra/skills/nodeSkillFileSystem';
import { BUILTIN_CODE_SKILLS } from '../superpowers/builtinSuperpowers';
import { discoverSkills } from '../superpowers/registry/skillDiscovery';
import type { SkillLoadResult } from '../superpowers/registry/skill';
import { WORKSPACE_SKILL_FOLDERS, USER_SKILL_FOLDERS } from '../superpowers/registry/skillLocations';
import { skillCode } from '../superpowers/superpowersView';
import { ConfigurationError, EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { packageRoot } from './packageRoot';

const USAGE = `Usage: imperium skills <folder> [options]

Lists the skills (Agent Skills format: a folder with a SKILL.md) agents working on <folder> may
use: Imperium's built-in superpowers, the folder's ${WORKSPACE_SKILL_FOLDERS.join(', ')},
and your ${USER_SKILL_FOLDERS.map((folder) => `~/${folder}`).join(', ')}. Skills other extensions
contribute are listed in the editor's Superpowers view. A skill that breaks the format is listed
with the reason it was not loaded; a name two sources both offer stays with the first.

Options:
  --json       Print the skills, the rejected ones and the clashes as JSON.
  --no-user    Leave out the skills in your home folder.
  -h, --help   Show this help.

Exit codes: 0 every skill loaded, 1 a skill was rejected, 2 bad usage (missing folder).
`;

export const skillsCommand: CliCommand = {
  name: 'skills',
  summary: 'List the skills agents may use on a folder, and the rejected ones with their reasons',
  usage: USAGE,
  run: listSkills,
};

async function listSkills(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, {
    json: { type: 'boolean', default: false },
    'no-user': { type: 'boolean', default: false },
  });
  if (positionals.length === 0) throw new UsageError('the folder is missing.');
  if (positionals.length > 1) throw new UsageError(`expected one folder, got ${positionals.length}: ${positionals.join(' ')}.`);
  const folder = resolve(io.cwd, positionals[0]);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new ConfigurationError(`the folder ${folder} does not exist or is not a folder.`);
  const result = await discoverSkills({
    files: nodeSkillFileSystem,
    packageRoot: packageRoot(),
    builtinCode: BUILTIN_CODE_SKILLS,
    workspaceRoot: folder,
    ...(!values['no-user'] && { home: homedir() }),
    // A person ran this on the folder: the folder is trusted.
    trusted: true,
  });
  io.stdout(values.json ? `${JSON.stringify(skillsJson(folder, result), null, 2)}\n` : skillsText(folder, result));
  return result.rejected.length > 0 ? EXIT_FAILED : EXIT_OK;
}

function skillsJson(folder: string, result: SkillLoadResult) {
  return {
    folder,
    skills: result.skills.map((skill) => ({
      name: skill.name,
      description: skill.description,
      source: skill.source.kind,
      sourceLabel: skill.source.label,
      folder: skill.folder,
      ...(skill.license !== undefined && { license: skill.license }),
      ...(skill.compatibility !== undefined && { compatibility: skill.compatibility }),
      metadata: skill.metadata,
      ...(skill.allowedTools !== undefined && { allowedTools: skill.allowedTools }),
      offeredToAgents: skill.modelInvocable,
      code: skillCode(skill),
      files: skill.files,
      contentHash: skill.contentHash,
      notes: skill.notes,
    })),
    rejected: result.rejected.map((skill) => ({ name: skill.name, source: skill.source.kind, sourceLabel: skill.source.label, folder: skill.folder, reason: skill.reason })),
    clashes: result.clashes.map((clash) => ({
      name: clash.name,
      kept: { source: clash.kept.kind, sourceLabel: clash.kept.label, folder: clash.keptFolder },
      others: clash.others.map((other) => ({ source: other.source.kind, sourceLabel: other.source.label, folder: other.folder, sameContent: other.sameContent })),
    })),
  };
}

function skillsText(folder: string, result: SkillLoadResult): string {
  const lines = [`Skills for ${folder}: ${result.skills.length} loaded, ${result.rejected.length} rejected.`, ''];
  const width = Math.max(4, ...result.skills.map((skill) => skill.name.length), ...result.rejected.map((skill) => skill.name.length));
  const sourceWidth = Math.max(6, ...result.skills.map((skill) => skill.source.label.length), ...result.rejected.map((skill) => skill.source.label.length));
  for (const skill of result.skills) {
    const code = skillCode(skill);
    const extras = [code.length ? `code: ${code.join(', ')}` : '', skill.modelInvocable ? '' : 'not offered to agents'].filter(Boolean);
    lines.push(`  ${skill.name.padEnd(width)}  ${skill.source.label.padEnd(sourceWidth)}  ${oneLine(skill.description)}${extras.length ? ` [${extras.join('; ')}]` : ''}`);
  }
  if (result.rejected.length > 0) {
    lines.push('', 'Rejected:');
    for (const skill of result.rejected) lines.push(`  ${skill.name.padEnd(width)}  ${skill.source.label.padEnd(sourceWidth)}  ${skill.reason}`);
  }
  if (result.clashes.length > 0) {
    lines.push('', 'Clashes (the first source keeps the name):');
    for (const clash of result.clashes) {
      const others = clash.others.map((other) => `${other.source.label}${other.sameContent ? ' (same content)' : ''}`).join(', ');
      lines.push(`  ${clash.name}: kept from ${clash.kept.label}; not loaded from ${others}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
