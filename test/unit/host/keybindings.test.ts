import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clashesWithDefaults, type Keybinding, keyOn, presses } from './keybindingClashes';

// package.json's keybindings against VS Code's own: the default keybindings of VS Code 1.139.1 on
// Linux (built-in extensions included), as that build's Default Keybindings document lists them. The
// integration run 'chat' checks the same against the live editor and writes the list to
// out/vscode-default-keybindings/, from which test/fixtures/vscode-keybindings/ is refreshed.

const repo = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { contributes: { keybindings: Keybinding[] } };
const ours = manifest.contributes.keybindings;
const defaults = JSON.parse(readFileSync(join(repo, 'test', 'fixtures', 'vscode-keybindings', 'linux-1.139.1.json'), 'utf8')) as Keybinding[];

describe("package.json's keybindings", () => {
  it("take no key VS Code 1.139.1 binds by default on Linux (nor the first press of one of its chords)", () => {
    assert.ok(defaults.length > 1000, `the snapshot holds VS Code's defaults (${defaults.length})`);
    assert.deepEqual(clashesWithDefaults(ours, defaults, 'linux'), []);
  });

  it('would catch the clash the issue found: Ctrl+Alt+I is Open Chat', () => {
    const clashes = clashesWithDefaults([{ command: 'imperium.implementWithAgents', key: 'ctrl+alt+i' }], defaults, 'linux');
    assert.ok(clashes.some((clash) => clash.defaultCommand === 'workbench.action.chat.open'), JSON.stringify(clashes));
    assert.deepEqual(presses('Alt+Ctrl+I'), ['ctrl+alt+i'], 'modifiers in any order are the same press');
    assert.ok(clashesWithDefaults([{ command: 'x', key: 'ctrl+k' }], defaults, 'linux').length > 0, "a press that starts VS Code's chords clashes");
  });

  it('has Approve and Reject in the diff editor, only while one of our pending edits is shown there', () => {
    for (const command of ['imperium.approveEdit', 'imperium.rejectEdit']) {
      const binding = ours.find((candidate) => candidate.command === command);
      assert.ok(binding, `${command} has a keybinding`);
      assert.equal(binding.when, 'imperium.reviewingEdit && isInDiffEditor');
      assert.ok(binding.mac, `${command} has a Mac key`);
    }
    assert.equal(new Set(ours.map((binding) => keyOn(binding, 'linux'))).size, ours.length, 'no two of ours share a key');
  });
});
