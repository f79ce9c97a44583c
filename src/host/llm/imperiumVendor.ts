// The vendor id of Imperium Flow's own vscode.lm provider, apart from the provider (which loads the
// engine) so the model client can leave our own models out without importing it.
export const IMPERIUM_LM_VENDOR = 'imperium';
