// The ports a skill's script runs through: a person to ask (Approvals) and a sandbox (implemented
// in src/infra/sandbox/ by bubblewrap), and the folder copy a script runs from: the bytes the
// registry loaded and hashed, never the folder on disk.
import type { Approvals } from '../../core/ports';

/** A skill folder as loaded: every file's bytes, and the hash the registry recorded for them. */
export interface SkillFolderCopy {
  readonly name: string;
  readonly sourceLabel: string;
  readonly contentHash: string;
  /** '/'-separated relative path -> bytes. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export interface ScriptRun {
  readonly folder: SkillFolderCopy;
  /** Relative to the skill folder, under scripts/. */
  readonly script: string;
  readonly interpreter: string;
  readonly args: readonly string[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface ScriptEnd {
  readonly ending: 'exited' | 'timed-out' | 'canceled' | 'failed-to-start';
  readonly exitCode: number | null;
  /** stdout and stderr, capped. */
  readonly output: string;
}

/** Where scripts run. */
export interface ScriptSandbox {
  /** How a script is confined on this machine, in a sentence for the person asked; undefined: there is no sandbox here, so none runs. */
  confinement(): Promise<string | undefined>;
  run(run: ScriptRun): Promise<ScriptEnd>;
}

/** What running a skill's scripts needs: a person to ask, and a sandbox. */
export interface SkillScriptAccess {
  readonly approvals: Approvals;
  readonly sandbox: ScriptSandbox;
  /** Per run; default 60 s. */
  readonly timeoutMs?: number;
}
