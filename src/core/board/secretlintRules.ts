// secretlint with its recommended rules, on their own: the bundles load them from a file of their
// own (dist/secretlint.js) the first time a change is checked for secrets. Imports nothing of ours,
// so no module is loaded twice.
import { lintSource } from '@secretlint/core';
import { creator as recommendedSecretRules } from '@secretlint/secretlint-rule-preset-recommend';

export interface SecretMessage {
  readonly ruleId: string;
  readonly loc: { readonly start: { readonly line: number } };
}

/** The secrets secretlint's recommended rules find in one file's content. */
export async function lintForSecrets(source: { readonly filePath: string; readonly content: string; readonly ext: string }): Promise<readonly SecretMessage[]> {
  const result = await lintSource({
    source: { ...source, contentType: 'text' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommendedSecretRules }] } },
  });
  return result.messages;
}
