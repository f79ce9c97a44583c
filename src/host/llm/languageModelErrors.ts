// Whatever a vscode.lm request threw, as a ModelError a person can act on. VS Code raises
// LanguageModelError with a code (NoPermissions, Blocked, NotFound); a provider's own failures come
// as other codes or plain errors.
import * as vscode from 'vscode';
import { ModelError } from '../../core/ports';

export interface FailedCall {
  /** The model as "vendor/id". */
  readonly model: string;
  /** The caller's signal aborted. */
  readonly canceled: boolean;
  /** What is offered now, for a model that has gone: "copilot/gpt-4o (family gpt-4o), ...". */
  readonly offered: () => Promise<string>;
}

export function canceledError(): ModelError {
  return new ModelError('canceled', 'The model call was canceled.');
}

export async function toModelError(error: unknown, call: FailedCall): Promise<ModelError> {
  // Checked first: a canceled request ends in whatever the provider throws, but only the signal knows why.
  if (call.canceled) return canceledError();
  if (error instanceof ModelError) return error;
  const said = describe(error);
  if (!(error instanceof vscode.LanguageModelError)) {
    return new ModelError('server', `The language model ${call.model} failed: ${said}`);
  }
  switch (error.code) {
    case vscode.LanguageModelError.NoPermissions.name:
      return new ModelError(
        'auth',
        `Imperium Flow may not use the language model ${call.model} (${said}). Allow it when VS Code asks, ` +
          'or from the Accounts menu (Manage Language Model Access), then try again.',
      );
    case vscode.LanguageModelError.Blocked.name:
      return new ModelError('rate-limited', `The language model ${call.model} refuses requests for now, for a quota or rate limit (${said}).`);
    case vscode.LanguageModelError.NotFound.name:
      return new ModelError(
        'bad-request',
        `The language model ${call.model} is not offered any more (${said}); its extension may be disabled or signed out. Offered now: ${await call.offered()}.`,
      );
    default:
      return new ModelError('server', `The language model ${call.model} failed (${error.code || 'no code'}): ${said}`);
  }
}

/** The error's message, with its cause's when it has one (vscode.lm puts a provider's failure there). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message = error.message.trim().replace(/\.$/, '') || error.name;
  const cause = error.cause instanceof Error ? error.cause.message.trim().replace(/\.$/, '') : '';
  return cause && cause !== message ? `${message}: ${cause}` : message;
}
