// The code installed extensions supply for the superpowers they declare: each such extension is
// activated and its exported API read (imperiumSuperpowers[<skill>]); what it exports is checked,
// and a superpower whose code is missing or malformed stays instructions only, with the reason in
// the log. Only extensions the person installed are asked; a workspace folder never brings code.
import * as vscode from 'vscode';
import type { Skill } from '../../superpowers/registry/skill';
import { extensionSuperpowerCode } from '../../superpowers/extensionSuperpowerCode';
import type { ExtensionSuperpowerCode } from '../../superpowers/superpowers';
import type { SuperpowerCode } from '../../superpowers/superpowerCode';

export async function extensionCodeOf(skills: readonly Skill[], log: vscode.LogOutputChannel): Promise<ExtensionSuperpowerCode> {
  const code = new Map<string, SuperpowerCode>();
  for (const skill of skills) {
    if (skill.code?.kind !== 'extension') continue;
    const { extensionId } = skill.code;
    const extension = vscode.extensions.getExtension(extensionId);
    if (!extension) {
      log.warn(`superpower ${skill.name}: the extension ${extensionId} is not installed any more`);
      continue;
    }
    let exported: unknown;
    try {
      exported = extension.isActive ? extension.exports : await extension.activate();
    } catch (error) {
      log.warn(`superpower ${skill.name}: ${extensionId} failed to activate: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const read = extensionSuperpowerCode(exported, skill.name, extensionId);
    if (!read.ok) {
      log.warn(`superpower ${skill.name}: ${read.problem}; it is offered as instructions only`);
      continue;
    }
    code.set(skill.name, read.code);
    log.info(`superpower ${skill.name}: ${read.code.capabilities.join(', ')}`);
  }
  return code;
}
