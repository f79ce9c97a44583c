// The skills in the editor: the built-ins in the extension's folder, the workspace's skill folders
// (only once the workspace is trusted: in Restricted Mode none loads), the user's, and what other
// installed extensions contribute (vscode.extensions.all). Loaded again when trust is granted or an
// extension is installed or removed, so the agents and the Superpowers view follow. A superpower an
// extension declares brings the tools its API exports; a skill's script runs only when a person
// approves it in the engine's approval queue, confined.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { Approvals, EventSink } from '../../core/ports';
import { SkillScriptSandbox } from '../../infra/sandbox/skillScriptSandbox';
import { nodeSkillFileSystem } from '../../infra/skills/nodeSkillFileSystem';
import { tokenCounter } from '../../llm/tokenCount';
import type { SuperpowersView } from '../../shared/superpowers';
import { BUILTIN_CODE_SKILLS } from '../../superpowers/builtinSuperpowers';
import type { SkillLoadResult } from '../../superpowers/registry/skill';
import { discoverSkills } from '../../superpowers/registry/skillDiscovery';
import { WorkflowSkills } from '../../superpowers/registry/workflowSkills';
import type { ExtensionSuperpowerCode } from '../../superpowers/superpowers';
import { superpowersView } from '../../superpowers/superpowersView';
import { extensionCodeOf } from './extensionCode';

export interface HostSkillsOptions {
  readonly folder: vscode.WorkspaceFolder;
  /** Imperium's own extension: its folder holds the built-ins; its chatSkills are those same folders. */
  readonly extension: { readonly id: string; readonly extensionPath: string };
  readonly log: vscode.LogOutputChannel;
}

export class HostSkills implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SuperpowersView>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly workflowSkills: WorkflowSkills[] = [];

  private constructor(
    private readonly options: HostSkillsOptions,
    private result: SkillLoadResult,
    private extensionCode: ExtensionSuperpowerCode,
    private readonly countTokens: (text: string) => number,
  ) {
    const reload = () => void this.reload().catch((error: unknown) => options.log.warn(`skills: ${error instanceof Error ? error.message : String(error)}`));
    this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(reload), vscode.extensions.onDidChange(reload));
  }

  static async open(options: HostSkillsOptions): Promise<HostSkills> {
    const result = await load(options);
    return new HostSkills(options, result, await extensionCodeOf(result.skills, options.log), await tokenCounter());
  }

  /** What the Superpowers view shows. */
  view(): SuperpowersView {
    return superpowersView(this.result, this.extensionCode);
  }

  /** For the engine: the skills its agents are offered, kept current as they are loaded again. */
  readonly forEngine = (events: EventSink, approvals?: Approvals): WorkflowSkills => {
    const root = this.options.folder.uri.scheme === 'file' ? this.options.folder.uri.fsPath : undefined;
    const skills = new WorkflowSkills(this.result.skills, nodeSkillFileSystem, events, this.countTokens, {
      extensionCode: this.extensionCode,
      ...(approvals && root !== undefined && { scripts: { approvals, sandbox: new SkillScriptSandbox(root) } }),
    });
    this.workflowSkills.push(skills);
    return skills;
  };

  async reload(): Promise<void> {
    this.result = await load(this.options);
    this.extensionCode = await extensionCodeOf(this.result.skills, this.options.log);
    for (const skills of this.workflowSkills) skills.replace(this.result.skills, this.extensionCode);
    this.changed.fire(this.view());
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

async function load({ folder, extension, log }: HostSkillsOptions): Promise<SkillLoadResult> {
  const result = await discoverSkills({
    files: nodeSkillFileSystem,
    packageRoot: extension.extensionPath,
    builtinCode: BUILTIN_CODE_SKILLS,
    ...(folder.uri.scheme === 'file' && { workspaceRoot: folder.uri.fsPath }),
    home: homedir(),
    extensions: vscode.extensions.all.map((installed) => ({ id: installed.id, extensionPath: installed.extensionPath, packageJSON: installed.packageJSON as unknown })),
    ownExtensionId: extension.id,
    trusted: vscode.workspace.isTrusted,
  });
  for (const rejected of result.rejected) log.warn(`skill ${rejected.name} (${rejected.source.label}) not loaded: ${rejected.reason}`);
  for (const clash of result.clashes) log.warn(`skill ${clash.name}: kept from ${clash.kept.label}, not loaded from ${clash.others.map((other) => other.source.label).join(', ')}`);
  for (const skipped of result.skipped) log.info(`skills: ${skipped.source.label}: ${skipped.reason}`);
  log.info(`skills: ${result.skills.map((skill) => `${skill.name} (${skill.source.label})`).join(', ')}`);
  return result;
}
