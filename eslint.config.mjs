// Lint, and the architecture's import boundaries (ARCHITECTURE.md), enforced rather than hoped for:
// only src/host/ and the integration tests may import 'vscode'; webview code may import no Node module.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'test/fixtures/', 'examples/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: "Only src/host/ and test/integration/ may import 'vscode' (see ARCHITECTURE.md)." }],
        },
      ],
    },
  },
  {
    files: ['src/host/**', 'test/integration/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['webview/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: "Webview code runs in a browser and talks to the host only through src/shared/ messages." },
            ...nodeModules.map((name) => ({ name, message: 'Webview code runs in a browser: no Node modules.' })),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
