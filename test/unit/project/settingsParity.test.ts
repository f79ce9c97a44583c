// The editor's `imperium.*` settings and the CLI's flags mean the same thing: every setting names the
// CLI flag (or environment variable) that mirrors it and that flag exists, every flag of `imperium
// run` that configures a run is mirrored by a setting, and where both have a default it is the same.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/cli/commands';
import { DEFAULT_GATEWAY_PORT } from '../../../src/gateway/http/gatewayPort';
import { DEFAULT_BASE_URL } from '../../../src/llm/endpoint';
import { DEFAULT_MODEL, DEFAULT_STEP_MODEL_MS, DEFAULT_TIMEOUT_MS } from '../../../src/llm/modelDefaults';
import { DEFAULT_WORKFLOW_LIMITS } from '../../../src/shared/workflowLimits';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string; description?: string }> } } };
const settings = manifest.contributes.configuration.properties;

/** Settings with no CLI counterpart, and why. */
const EDITOR_ONLY: Record<string, string> = {
  'imperium.model.provider': 'vscode.lm models exist only inside VS Code',
  'imperium.review.mode': 'the CLI has no person at hand to review edits: the Board decides and code-running files are refused',
  'imperium.codeLens.enabled': 'code lenses are an editor surface',
  'imperium.conductor.uiUrl': "links from the editor's views to Conductor's UI; the CLI prints workflow ids",
  'imperium.conductor.humanTasks': 'the CLI asks no one, so it has no approvals to ask on the server',
};

/** Flags of `imperium run` no setting mirrors, and why. */
const CLI_ONLY: Record<string, string> = {
  '--report': 'where one run writes its report',
  '--json': 'the output format of one run',
  '--scenario': 'the scripted model server for demos and tests',
  '--verbose': 'the terminal log of one run',
  '--workflow': 'chosen per request (the editor has a command per workflow)',
  '--test': 'chosen per request (the editor takes the Test Explorer selection)',
  '--help': 'help',
};

function usageOf(name: string): string {
  const command = COMMANDS.find((candidate) => candidate.name === name);
  assert.ok(command, `no CLI command ${name}`);
  return command.usage;
}

function flagsIn(usage: string): Set<string> {
  return new Set([...usage.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((match) => match[0]));
}

/** What a setting's description says mirrors it: "The CLI's `--flag ...`", "`imperium serve --port`" or "`$ENV`". */
function mirrorsOf(key: string): string[] {
  const text = settings[key]?.markdownDescription ?? settings[key]?.description ?? '';
  return [...text.matchAll(/The CLI's `([^`]+)`/g)].map((match) => match[1] as string);
}

describe("the editor's settings and the CLI's flags", () => {
  const runFlags = flagsIn(usageOf('run'));

  it('names, for every setting, the CLI flag or variable that mirrors it, and that flag exists', () => {
    for (const key of Object.keys(settings)) {
      const mirrors = mirrorsOf(key);
      if (key in EDITOR_ONLY) {
        assert.deepEqual(mirrors, [], `${key} is listed as editor-only but names ${mirrors.join(', ')}`);
        continue;
      }
      assert.ok(mirrors.length > 0, `${key} names no CLI flag ("The CLI's \`--flag\`"), and is not listed as editor-only`);
      for (const mirror of mirrors) {
        const [first = '', command = '', flag] = mirror.split(' ');
        if (first.startsWith('$')) {
          const help = COMMANDS.map((each) => each.usage).join('\n');
          assert.ok(help.includes(first), `${key}: no CLI help mentions ${first}`);
        } else if (first === 'imperium') {
          const usage = usageOf(command);
          if (flag !== undefined) assert.ok(flagsIn(usage).has(flag), `${key}: imperium ${command} has no ${flag}`);
        } else {
          assert.ok(runFlags.has(first), `${key}: imperium run has no ${first}`);
        }
      }
    }
  });

  it('mirrors every flag of imperium run that configures a run by a setting', () => {
    const mirrored = new Set(Object.keys(settings).flatMap((key) => mirrorsOf(key).map((mirror) => mirror.split(' ')[0])));
    for (const flag of runFlags) {
      if (flag in CLI_ONLY) continue;
      assert.ok(mirrored.has(flag), `imperium run ${flag} has no imperium.* setting naming it, and is not listed as CLI-only`);
    }
  });

  it('gives both the same defaults', () => {
    const defaultOf = (key: string) => settings[key]?.default;
    assert.equal(defaultOf('imperium.model.name'), DEFAULT_MODEL);
    assert.equal(defaultOf('imperium.model.baseUrl'), DEFAULT_BASE_URL);
    assert.equal(defaultOf('imperium.model.timeoutSeconds'), DEFAULT_TIMEOUT_MS / 1000);
    assert.equal(defaultOf('imperium.model.stepTimeSeconds'), DEFAULT_STEP_MODEL_MS / 1000);
    assert.equal(defaultOf('imperium.tests.timeoutSeconds'), DEFAULT_WORKFLOW_LIMITS.testTimeoutMs / 1000);
    assert.equal(defaultOf('imperium.limits.redAttempts'), DEFAULT_WORKFLOW_LIMITS.redAttempts);
    assert.equal(defaultOf('imperium.limits.greenAttempts'), DEFAULT_WORKFLOW_LIMITS.greenAttempts);
    assert.equal(defaultOf('imperium.limits.agentSteps'), DEFAULT_WORKFLOW_LIMITS.agentSteps);
    assert.equal(defaultOf('imperium.limits.memoryTokens'), DEFAULT_WORKFLOW_LIMITS.memoryTokens);
    assert.equal(defaultOf('imperium.gateway.http.port'), DEFAULT_GATEWAY_PORT);
    assert.equal(defaultOf('imperium.tests.allowNetwork'), false);
    assert.equal(defaultOf('imperium.model.seesImages'), false);
    assert.equal(defaultOf('imperium.engine'), 'embedded');
  });
});
