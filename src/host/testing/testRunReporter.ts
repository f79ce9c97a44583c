// Puts a run's report (runReport.ts) on a vscode.TestRun: each entry's state on its item, created
// if the test was not discovered yet, with messages the editor shows as a diff at their location.
import * as vscode from 'vscode';
import type { FolderTests } from './folderTests';
import type { ReportEntry, ReportMessage } from './runReport';

export function applyReport(run: vscode.TestRun, entries: readonly ReportEntry[], folder: FolderTests): void {
  for (const entry of entries) {
    switch (entry.state) {
      case 'passed':
        run.passed(folder.itemFor(entry.test), entry.test.durationMs);
        break;
      case 'skipped':
        run.skipped(folder.itemFor(entry.test));
        break;
      case 'failed':
        run.failed(folder.itemFor(entry.test), testMessage(entry.message, folder), entry.test.durationMs);
        break;
      case 'errored': {
        const item = entry.target.kind === 'test' ? folder.itemFor(entry.target.test) : folder.fileItem(entry.target.file);
        run.errored(item, testMessage(entry.message, folder));
        break;
      }
    }
  }
}

function testMessage(message: ReportMessage, folder: FolderTests): vscode.TestMessage {
  const testMessage =
    message.expected !== undefined && message.actual !== undefined
      ? vscode.TestMessage.diff(message.text, message.expected, message.actual)
      : new vscode.TestMessage(message.text);
  if (message.location) {
    const { file, line, column } = message.location;
    testMessage.location = new vscode.Location(folder.uri(file), new vscode.Position(line - 1, (column ?? 1) - 1));
  }
  return testMessage;
}
