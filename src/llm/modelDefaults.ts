// What a model run uses when nothing is set, the same for the editor's settings and the CLI's flags:
// the model, how long one call may take (cut off after this), and all the calls of one step together.
export const DEFAULT_MODEL = 'gpt-4.1-mini';

export const DEFAULT_TIMEOUT_MS = 60_000;

export const DEFAULT_STEP_MODEL_MS = 15 * 60_000;
