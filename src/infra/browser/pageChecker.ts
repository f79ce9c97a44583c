// Opens pages in headless Chromium and checks them: axe-core's WCAG 2.1 A/AA rules and best
// practices, layout at each viewport width, text colour samples for APCA advice. It also renders a
// page's accessibility tree for the design agent. A page loads only from its own folder (static
// pages) or its own loopback origin; every other request is blocked and reported.
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { AXE_TAGS, axeFindings, type AxeResultLike } from '../../superpowers/design/axeFindings';
import { apcaAdvice } from '../../superpowers/design/contrastRules';
import { layoutFindings } from '../../superpowers/design/layoutRules';
import { pageCheck, uiCheckReport, type PageCheck, type UiCheckReport } from '../../superpowers/design/uiCheckReport';
import type { ChromiumSession } from './chromiumSession';
import { PAGE_PROBE_SCRIPT, type PageProbeResult } from './pageProbe';
import type { PageTarget } from './pageTargets';

const NAVIGATION_TIMEOUT_MS = 30_000;

export interface OpenedPage {
  readonly page: Page;
  /** Requests the page tried and we blocked, so far. */
  readonly blockedRequests: string[];
  /** Uncaught errors and console errors of the page, so far. */
  readonly errors: string[];
}

export class PageLoadError extends Error {
  override readonly name = 'PageLoadError';
}

/** A page at one width, loaded, its web fonts ready; the caller closes it. */
export async function openTarget(session: ChromiumSession, target: PageTarget, width: number): Promise<OpenedPage> {
  const page = await session.newPage(width);
  const blockedRequests: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith(target.allowedPrefix)) return route.continue();
    blockedRequests.push(url);
    return route.abort('blockedbyclient');
  });
  try {
    const response = await page.goto(target.url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    if (response && response.status() >= 400) throw new PageLoadError(`${target.name} answered HTTP ${response.status()}.`);
    await page.evaluate('document.fonts.ready.then(() => undefined)');
  } catch (error) {
    await page.close();
    if (error instanceof PageLoadError) throw error;
    throw new PageLoadError(`cannot load ${target.name}: ${(error as Error).message.split('\n')[0]}`);
  }
  return { page, blockedRequests, errors };
}

/** Checks one page at each width. */
export async function checkPage(session: ChromiumSession, target: PageTarget, widths: readonly number[]): Promise<PageCheck> {
  const perWidth = [];
  for (const width of widths) {
    const started = performance.now();
    const { page, blockedRequests } = await openTarget(session, target, width);
    try {
      const probe = (await page.evaluate(PAGE_PROBE_SCRIPT)) as PageProbeResult;
      const axeResult = await runAxe(page);
      const fromAxe = axeFindings(axeResult, target.name, width);
      perWidth.push({
        width,
        findings: [...fromAxe.findings, ...layoutFindings(probe.layout, target.name, width)],
        review: fromAxe.review,
        advice: apcaAdvice(probe.textSamples, target.name, width),
        milliseconds: performance.now() - started,
        blockedRequests,
      });
    } finally {
      await page.close();
    }
  }
  return pageCheck(target.name, perWidth);
}

export async function checkPages(session: ChromiumSession, targets: readonly PageTarget[], widths: readonly number[]): Promise<UiCheckReport> {
  const pages: PageCheck[] = [];
  for (const target of targets) pages.push(await checkPage(session, target, widths));
  return uiCheckReport(pages, session.browserVersion, widths);
}

/** axe-core injected through the DevTools protocol (a page's Content Security Policy does not stop it). */
export async function runAxe(page: Page): Promise<AxeResultLike> {
  await page.evaluate(axe.source);
  const options = JSON.stringify({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations', 'incomplete'] });
  // Only what we read crosses back: axe's full result holds every passing node too.
  return (await page.evaluate(`axe.run(document, ${options}).then((result) => {
    const slim = (rules) => rules.map((rule) => ({ id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
      nodes: rule.nodes.map((node) => ({ target: node.target, html: node.html, impact: node.impact, failureSummary: node.failureSummary })) }));
    return { violations: slim(result.violations), incomplete: slim(result.incomplete) };
  })`)) as AxeResultLike;
}

/** The page's accessibility tree as Playwright's ARIA snapshot (YAML: roles, names, states). */
export async function accessibilityTree(page: Page): Promise<string> {
  return page.locator('body').ariaSnapshot();
}
