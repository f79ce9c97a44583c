// package.json contributes the gateway's Language Model tools with the input schemas the command
// core validates with, and names the MCP server definition provider the extension registers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGE_MODEL_TOOLS, MCP_PROVIDER_ID } from '../../../../src/host/gateway/toolContributions';
import { languageModelToolSchemas } from '../../../../src/host/gateway/toolSchemas';

interface Manifest {
  readonly contributes: {
    readonly languageModelTools: readonly { name: string; inputSchema: unknown; modelDescription: string; displayName: string }[];
    readonly mcpServerDefinitionProviders: readonly { id: string; label: string }[];
    readonly configuration: { readonly properties: Record<string, { default?: unknown; scope?: string }> };
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as Manifest;

describe("the gateway's package.json contributions", () => {
  it('declare each Language Model tool with the schema its input is validated with', () => {
    const declared = manifest.contributes.languageModelTools;
    assert.deepEqual(declared.map((tool) => tool.name).sort(), Object.values(LANGUAGE_MODEL_TOOLS).sort());
    const schemas = languageModelToolSchemas();
    for (const tool of declared) {
      assert.deepEqual(tool.inputSchema, schemas[tool.name], `${tool.name}'s inputSchema differs from the gateway's schema`);
      assert.doesNotMatch(`${tool.name} ${tool.displayName} ${tool.modelDescription}`, /\bapprov|\breject|\bdecide/i);
    }
  });

  it('name the MCP server definition provider the extension registers', () => {
    assert.deepEqual(manifest.contributes.mcpServerDefinitionProviders.map((provider) => provider.id), [MCP_PROVIDER_ID]);
  });

  it('keep the editor API server off by default, out of any workspace\'s reach', () => {
    const enabled = manifest.contributes.configuration.properties['imperium.gateway.http.enabled'];
    assert.equal(enabled?.default, false);
    assert.equal(enabled?.scope, 'machine');
  });
});
