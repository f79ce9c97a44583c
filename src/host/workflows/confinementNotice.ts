// Where this machine gives the agents' test runs no sandbox (macOS, Windows, Linux without a usable
// bubblewrap), the person is told once per window, not only the log: model-written code then runs
// with a scrubbed environment but can write and reach what the editor's user can.
import * as vscode from 'vscode';
import type { EngineEvent } from '../../shared/events';

export class ConfinementNotice {
  private shown = false;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  observe(event: EngineEvent): void {
    if (this.shown || event.type !== 'test-run' || event.confinement === undefined || event.confinement.confined) return;
    this.shown = true;
    // The note already says what the runs get and what they can reach; the notice adds only where to read more.
    const message = `The agents' test runs are ${event.confinement.note}. See "Security model" in the README.`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(`Imperium Flow: ${message}`, 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show(true);
    });
  }
}
