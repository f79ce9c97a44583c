// A run's output as the Test Results terminal shows it: the runner's own output, then a closing
// summary of what the run did. The terminal wants CRLF line endings.
import type { TestRunResult } from '../../shared/testResults';
import { timeoutMessage, type RunTimeout } from './runReport';

/** Text with every line ending as CRLF, and ending with one. */
export function terminalText(text: string): string {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return text === '' ? '' : `${lines.join('\r\n')}\r\n`;
}

/** The lines that close a run's output: counts, how the run ended, and errors that belong to no test. */
export function closingLines(result: TestRunResult, timeout: RunTimeout): string {
  const { passed, failed, skipped } = result.summary;
  const lines = [`${result.framework}: ${passed} passed, ${failed} failed, ${skipped} skipped in ${(result.durationMs / 1000).toFixed(1)} s.`];
  if (result.outcome === 'timed-out') lines.push(timeoutMessage(timeout));
  else if (result.outcome === 'canceled') lines.push('The test run was canceled.');
  for (const error of result.errors) lines.push(error.file ? `${error.file}: ${error.message}` : error.message);
  return terminalText(`\n${lines.join('\n')}\n`);
}
