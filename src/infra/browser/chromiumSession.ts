// Headless Chromium through playwright-core: the system's Chromium (or the one the person
// configures), never a downloaded browser; a fresh profile folder per session, removed on close;
// no network services of the browser's own (sync, updates, QUIC).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's and Ubuntu's Chromium. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumSession {
  /** Product and version, e.g. "HeadlessChrome/156.0.8078.114". */
  readonly browserVersion: string;
  /** A new page at this viewport width (800 px tall, device scale 1). */
  newPage(width: number): Promise<Page>;
  close(): Promise<void>;
}

export class BrowserUnavailableError extends Error {
  override readonly name = 'BrowserUnavailableError';
}

export async function openChromium(executablePath: string = SYSTEM_CHROMIUM): Promise<ChromiumSession> {
  const profile = await mkdtemp(join(tmpdir(), 'imperium-chromium-'));
  let context: BrowserContext;
  try {
    // Loaded on first use: every other command starts without it.
    const { chromium } = await import('playwright-core');
    // A persistent context is the only way to hand Chromium the profile folder we made (and delete).
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      offline: false,
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw new BrowserUnavailableError(`cannot start Chromium at ${executablePath}: ${(error as Error).message.split('\n')[0]}`);
  }
  const first = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(first);
  const { product } = (await cdp.send('Browser.getVersion')) as { product: string };
  await cdp.detach();
  await first.close();
  return {
    browserVersion: product,
    async newPage(width) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      return page;
    },
    async close() {
      await context.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}
