// `imperium ui-check <folder or page>`: renders HTML pages (or a loopback dev-server page) in
// headless Chromium and checks accessibility (axe-core), layout at phone, tablet and desktop widths
// and contrast, with no model involved. Exit 0 when nothing serious is found, 1 when something is.
import { BrowserUnavailableError, openChromium, SYSTEM_CHROMIUM } from '../infra/browser/chromiumSession';
import { checkPages, PageLoadError } from '../infra/browser/pageChecker';
import { PageTargetError, resolvePageTargets } from '../infra/browser/pageTargets';
import { DEFAULT_WIDTHS } from '../superpowers/design/uiFinding';
import { ConfigurationError, EXIT_FAILED, EXIT_OK, UsageError, type CliCommand, type CliIo } from './cliCommand';
import { parseCommandArguments } from './commandArguments';
import { formatUiCheck } from './uiCheckReportText';

const USAGE = `Usage: imperium ui-check <folder | page.html | http://localhost:PORT/path> [options]

Renders each HTML page of <folder> (or the one page, or a page your dev server serves on loopback)
in headless Chromium and checks it: axe-core's WCAG 2.1 A and AA rules and best practices (colour
contrast included), no sideways scrolling and nothing cut off at each width, APCA contrast as advice.
Pages load nothing from outside their folder or loopback origin. No model is used.

Options:
  --json                 Print the full report as JSON (findings with rule, impact, element, page, widths).
  --width <px>           Check at this viewport width instead of ${DEFAULT_WIDTHS.join(', ')}; repeat for more.
  --browser <path>       The Chromium to use (default ${SYSTEM_CHROMIUM}); never downloads one.
  -h, --help             Show this help.

Exit codes: 0 no serious or critical problem, 1 at least one (or a page did not load),
2 bad usage (no such file or folder, not HTML, not a loopback URL, no browser).
`;

export const uiCheckCommand: CliCommand = {
  name: 'ui-check',
  summary: 'Check HTML pages for accessibility and layout problems in headless Chromium (no model)',
  usage: USAGE,
  run: runUiCheck,
};

const MIN_WIDTH = 200;
const MAX_WIDTH = 3840;

async function runUiCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArguments(args, {
    json: { type: 'boolean', default: false },
    width: { type: 'string', multiple: true, default: [] },
    browser: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('the folder or page to check is missing.');
  if (positionals.length > 1) throw new UsageError(`expected one folder or page, got ${positionals.length}: ${positionals.join(' ')}.`);
  const widths = values.width.length > 0 ? [...new Set(values.width.map(parseWidth))].sort((a, b) => a - b) : DEFAULT_WIDTHS;
  let targets;
  try {
    targets = await resolvePageTargets(positionals[0], io.cwd);
  } catch (error) {
    if (error instanceof PageTargetError) throw new ConfigurationError(error.message);
    throw error;
  }
  let session;
  try {
    session = await openChromium(values.browser ?? SYSTEM_CHROMIUM);
  } catch (error) {
    if (error instanceof BrowserUnavailableError) throw new ConfigurationError(`${error.message} (name another with --browser).`);
    throw error;
  }
  try {
    const report = await checkPages(session, targets, widths);
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatUiCheck(report));
    return report.passed ? EXIT_OK : EXIT_FAILED;
  } catch (error) {
    if (!(error instanceof PageLoadError)) throw error;
    io.stderr(`imperium ui-check: ${error.message}\n`);
    return EXIT_FAILED;
  } finally {
    await session.close();
  }
}

function parseWidth(text: string): number {
  const width = Number(text);
  if (!/^\d+$/.test(text.trim()) || width < MIN_WIDTH || width > MAX_WIDTH) throw new UsageError(`--width takes a whole number of CSS pixels from ${MIN_WIDTH} to ${MAX_WIDTH}, not "${text}".`);
  return width;
}
