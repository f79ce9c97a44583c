// Lint, and the architecture's import boundaries (ARCHITECTURE.md), enforced rather than hoped for:
// one zone per rule of the map, each a `no-restricted-imports` set for the files of a layer. Only
// src/host/ and the integration tests may import 'vscode'; webview code may import no Node module
// and nothing of ours but src/shared/. test/unit/project/importBoundaries.test.ts proves each zone.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const VSCODE_ONLY_IN_HOST = { name: 'vscode', message: "Only src/host/ and test/integration/ may import 'vscode' (see ARCHITECTURE.md)." };

/**
 * The layers under src/ and what each may not import (ARCHITECTURE.md, "Folders and who may import
 * what"). Each entry: the layers it may not reach, and the rule of the map that says so.
 */
const ZONES = {
  shared: { forbidden: 'everything', rule: 'src/shared/ imports nothing of ours: it is the types everyone shares.' },
  core: {
    forbidden: ['runtime', 'workflows', 'agents', 'superpowers', 'llm', 'infra', 'cli', 'gateway', 'host'],
    rule: 'src/core/ depends on its ports and src/shared/ only; a host gives it the rest.',
  },
  agents: {
    forbidden: ['runtime', 'workflows', 'llm', 'infra', 'cli', 'gateway', 'host'],
    rule: 'src/agents/ works through the core ports and the capabilities of src/superpowers/: the runtime composes agents into workflows, never the other way.',
  },
  superpowers: {
    forbidden: ['runtime', 'workflows', 'llm', 'infra', 'cli', 'gateway', 'host'],
    rule: 'src/superpowers/ holds capabilities over the core ports that workflow modules use; it knows no module and no adapter.',
  },
  workflows: {
    forbidden: ['runtime', 'llm', 'infra', 'cli', 'gateway', 'host'],
    rule: 'src/workflows/ modules build on agents, superpowers and the core ports; the runtime gives them adapters.',
    // Each folder of src/workflows/ is a module; what two modules share lives in src/superpowers/.
    siblingsRule: 'A workflow module does not import another module (src/workflows/<id>/): what modules share belongs in src/superpowers/.',
  },
  llm: {
    forbidden: ['runtime', 'workflows', 'agents', 'superpowers', 'infra', 'cli', 'gateway', 'host'],
    rule: 'src/llm/ is an adapter to model endpoints: it implements core ports and knows nothing above them.',
  },
  infra: {
    forbidden: ['runtime', 'workflows', 'agents', 'llm', 'cli', 'gateway', 'host'],
    rule: 'src/infra/ is an adapter to libraries and services: it implements the ports of src/core/ and src/superpowers/ and knows nothing above them.',
  },
  runtime: { forbidden: ['cli', 'gateway', 'host'], rule: 'src/runtime/ is opened by the host, the CLI and the gateway; it never imports them.' },
  cli: {
    forbidden: ['host', 'workflows'],
    rule: 'src/cli/ never imports src/host/, and reaches workflow modules only through src/runtime/.',
  },
  gateway: {
    forbidden: ['host', 'cli', 'workflows', 'agents', 'superpowers'],
    rule: 'src/gateway/ never imports src/host/ or src/cli/, and reaches workflow modules, agents and superpowers only through src/runtime/.',
  },
  host: {
    forbidden: ['cli', 'workflows'],
    rule: 'src/host/ reaches workflow modules only through src/runtime/ (so a new module needs no host code), and never imports src/cli/.',
  },
};

/** Deepest folder nesting under a layer that the zones cover (src/<layer>/a/b/c/x.ts). */
const MAX_DEPTH = 5;

/**
 * A file `depth` folders below src/ reaches another layer with exactly `depth` "../" before the
 * layer's name; fewer reach a folder of its own layer (src/host/workflows/ is not src/workflows/).
 */
function zoneConfigs(layer, { forbidden, rule, siblingsRule }) {
  const configs = [];
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const up = `(\\.\\./){${depth}}`;
    const patterns =
      forbidden === 'everything'
        ? [{ regex: `^${up}`, message: `${rule} (ARCHITECTURE.md)` }]
        : forbidden.map((other) => ({ regex: `^${up}${other}(/|$)`, message: `${rule} Not src/${other}/ (ARCHITECTURE.md).` }));
    // A file in src/<layer>/<folder>/ (depth 2 and deeper) reaches a sibling folder with depth - 1 "../".
    if (siblingsRule && depth >= 2) patterns.push({ regex: `^(\\.\\./){${depth - 1}}[^./][^/]*/`, message: `${siblingsRule} (ARCHITECTURE.md)` });
    configs.push({
      files: [`src/${layer}/${'*/'.repeat(depth - 1)}*.ts`],
      rules: { 'no-restricted-imports': ['error', { paths: layer === 'host' ? [] : [VSCODE_ONLY_IN_HOST], patterns }] },
    });
  }
  return configs;
}

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
      'no-restricted-imports': ['error', { paths: [VSCODE_ONLY_IN_HOST] }],
    },
  },
  {
    files: ['src/host/**', 'test/integration/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  ...Object.entries(ZONES).flatMap(([layer, zone]) => zoneConfigs(layer, zone)),
  {
    // The chat participant's unit tests build their requests and streams with VS Code's own types: type imports only, erased before Node runs them.
    files: ['test/unit/host/chat/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ ...VSCODE_ONLY_IN_HOST, allowTypeImports: true }] }] },
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
          patterns: [{ regex: '^(\\.\\./)+src/(?!shared/)', message: 'Webview code imports nothing of ours but src/shared/: it talks to the host only through its messages (ARCHITECTURE.md).' }],
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
