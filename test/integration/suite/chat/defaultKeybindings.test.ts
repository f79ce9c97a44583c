import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { clashesWithDefaults, type Keybinding } from '../../../unit/host/keybindingClashes';
import { imperiumExtension } from '../imperium';

// The keybindings package.json contributes, against the defaults of the VS Code this run is in: the
// editor's own Default Keybindings document (what Preferences: Open Default Keyboard Shortcuts (JSON)
// shows), ours left out. The list is also written to out/ so the unit test's snapshot can be refreshed from it.

describe("Imperium's keybindings and VS Code's defaults", () => {
  it('no keybinding of ours takes a key VS Code binds by default', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const defaults = (parse(document.getText()) as Keybinding[]).filter((binding) => typeof binding.key === 'string' && !binding.command.startsWith('-') && !binding.command.startsWith('imperium.'));
    assert.ok(defaults.length > 500, `the default keybindings were read (${defaults.length})`);
    const out = join(imperiumExtension().extensionPath, 'out', 'vscode-default-keybindings');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${process.platform}-${vscode.version}.json`), `${JSON.stringify(defaults.map(({ key, command }) => ({ key, command })), null, 1)}\n`);
    const ours = (imperiumExtension().packageJSON as { contributes: { keybindings: Keybinding[] } }).contributes.keybindings;
    assert.deepEqual(clashesWithDefaults(ours, defaults, process.platform === 'darwin' ? 'mac' : 'linux'), []);
  });
});
