// What the status bar says about the agents' model: the active one, "No model" with the reason when
// none can answer, or the scripted model while the trial runs. Free of 'vscode', for plain mocha.
import type { ModelProvider } from '../settings';

export interface ModelStatusInput {
  readonly provider: ModelProvider;
  /** The model name in effect ('' for vscode-lm: the first model offered). */
  readonly name: string;
  /** The endpoint (openai-compatible). */
  readonly baseUrl: string;
  /** Why no model can answer; undefined when one can. */
  readonly problem: string | undefined;
  /** For vscode-lm without a name: the model that would answer, "vendor/id". */
  readonly firstOffered?: string;
  /** Whether "Try Without a Model" is running on the scripted model now. */
  readonly trialRunning?: boolean;
}

export interface ModelStatus {
  readonly text: string;
  readonly tooltip: string;
  /** Drawn in the status bar's warning colours. */
  readonly warning: boolean;
}

const CLICK = 'Click to choose a model.';

export function modelStatus(input: ModelStatusInput): ModelStatus {
  if (input.trialRunning) {
    return {
      text: '$(beaker) Scripted model (trial)',
      tooltip: 'Imperium Flow is running the bundled example on the SCRIPTED model: its answers are replayed from a scenario file, not written by a language model. The engine, the tools, the tests and the gates are real. ' + CLICK,
      warning: false,
    };
  }
  if (input.problem !== undefined) return { text: '$(warning) No model', tooltip: `${input.problem} ${CLICK}`, warning: true };
  if (input.provider === 'vscode-lm') {
    const model = input.name || input.firstOffered || 'the first offered model';
    const how = input.name ? '' : ' (no model named: the first one offered)';
    return { text: `$(hubot) ${model}`, tooltip: `Imperium Flow's agents talk to ${model} through VS Code's Language Model API${how}. ${CLICK}`, warning: false };
  }
  return { text: `$(hubot) ${input.name}`, tooltip: `Imperium Flow's agents talk to ${input.name} at ${input.baseUrl}. ${CLICK}`, warning: false };
}
