// The page driver: a small HTTP server on loopback, alive only while the tests run, through which
// the tests (in the extension host, which has no browser handle) reach into the workbench page this
// harness drives: find a dashboard view's webview frame, click, press a key, read text and
// attributes, wait, resize the window, take a screenshot. The client and the operations are in suite/pageDriver.ts.
// Its address carries a random token, so nothing else on the machine stumbles into it.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { z } from 'zod';
import type { PageDriverAnswer, PageDriverOperations, Target } from '../suite/pageDriver';

const DEFAULT_TIMEOUT_MS = 20_000;
const MAX_BODY_BYTES = 64 * 1024;

const view = z.enum(['command-center', 'sidebar']);
const timeoutMs = z.number().int().positive().max(600_000).optional();
const target = z.union([
  z.strictObject({ selector: z.string().min(1) }),
  z.strictObject({ role: z.enum(['button', 'link', 'heading', 'textbox', 'group', 'region']), name: z.string().min(1) }),
]);

const operations = {
  click: z.strictObject({ view, target, timeoutMs }),
  press: z.strictObject({ view, target, key: z.string().min(1), timeoutMs }),
  texts: z.strictObject({ view, selector: z.string().min(1), timeoutMs }),
  workbenchTexts: z.strictObject({ selector: z.string().min(1), timeoutMs }),
  workbenchClick: z.strictObject({ target, within: z.string().min(1).optional(), timeoutMs }),
  attributes: z.strictObject({ view, selector: z.string().min(1), name: z.string().min(1), timeoutMs }),
  waitFor: z.strictObject({ view, target, state: z.enum(['visible', 'hidden', 'attached']).optional(), timeoutMs }),
  screenshot: z.strictObject({ path: z.string().min(1), view: view.optional() }),
  resize: z.strictObject({ width: z.number().int().min(320).max(4096), height: z.number().int().min(240).max(4096) }),
} satisfies { [K in keyof PageDriverOperations]: z.ZodType<PageDriverOperations[K]['request']> };

type Operation = keyof PageDriverOperations;
type ViewKind = z.infer<typeof view>;

export class PageDriverServer {
  private page: Page | undefined;

  private constructor(
    private readonly server: Server,
    private readonly token: string,
  ) {
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void this.handle(request, response));
  }

  static async start(): Promise<PageDriverServer> {
    const server = createServer();
    await new Promise<void>((ready, fail) => {
      server.once('error', fail);
      server.listen(0, '127.0.0.1', ready);
    });
    return new PageDriverServer(server, randomBytes(16).toString('hex'));
  }

  /** What the tests get in $IMPERIUM_PAGE_DRIVER. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${this.token}`;
  }

  /** The workbench page; operations before it is attached are refused. */
  attach(page: Page): void {
    this.page = page;
  }

  close(): Promise<void> {
    return new Promise((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [, given, name] = (request.url ?? '').split('/');
    if (given !== this.token || request.method !== 'POST' || !(name in operations)) {
      response.writeHead(404).end();
      return;
    }
    let answer: PageDriverAnswer<unknown>;
    try {
      answer = { ok: true, value: await this.perform(name as Operation, JSON.parse(await readBody(request))) };
    } catch (error) {
      answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private async perform(operation: Operation, body: unknown): Promise<unknown> {
    const page = this.page;
    if (!page) throw new Error('the workbench page is not open yet');
    switch (operation) {
      case 'click': {
        const { view, target, timeoutMs } = operations.click.parse(body);
        await (await locate(page, view, target, timeoutMs)).click({ timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        return null;
      }
      case 'press': {
        const { view, target, key, timeoutMs } = operations.press.parse(body);
        const element = await locate(page, view, target, timeoutMs);
        await element.focus({ timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        await element.press(key, { timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        return null;
      }
      case 'texts': {
        const { view, selector, timeoutMs } = operations.texts.parse(body);
        const elements = await locate(page, view, { selector }, timeoutMs);
        await elements.first().waitFor({ state: 'attached', timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        return elements.evaluateAll((found) => found.map((element) => element.textContent?.trim() ?? ''));
      }
      case 'workbenchTexts': {
        const { selector, timeoutMs } = operations.workbenchTexts.parse(body);
        const elements = page.locator(selector);
        await elements.first().waitFor({ state: 'attached', timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        return elements.evaluateAll((found) => found.map((element) => element.textContent?.trim() ?? ''));
      }
      case 'workbenchClick': {
        const { target, within, timeoutMs } = operations.workbenchClick.parse(body);
        const scope = within === undefined ? page : page.locator(within);
        const element = 'selector' in target ? scope.locator(target.selector) : scope.getByRole(target.role, { name: target.name, exact: true });
        await element.first().click({ timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        return null;
      }
      case 'attributes': {
        const { view, selector, name, timeoutMs } = operations.attributes.parse(body);
        const elements = await locate(page, view, { selector }, timeoutMs);
        await elements.first().waitFor({ state: 'attached', timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        return elements.evaluateAll((found, attribute) => found.map((element) => element.getAttribute(attribute)), name);
      }
      case 'waitFor': {
        const { view, target, state, timeoutMs } = operations.waitFor.parse(body);
        await (await locate(page, view, target, timeoutMs)).first().waitFor({ state: state ?? 'visible', timeout: timeoutMs ?? DEFAULT_TIMEOUT_MS });
        return null;
      }
      case 'resize': {
        await page.setViewportSize(operations.resize.parse(body));
        return null;
      }
      case 'screenshot': {
        const { path, view } = operations.screenshot.parse(body);
        const file = resolve(path);
        mkdirSync(dirname(file), { recursive: true });
        if (view) await (await viewFrame(page, view, DEFAULT_TIMEOUT_MS)).frameElement().then((element) => element.screenshot({ path: file }));
        else await page.screenshot({ path: file });
        return file;
      }
    }
  }
}

/** The view's webview frame: VS Code's outer iframe holds an `active-frame` with our page in it. */
async function viewFrame(page: Page, view: ViewKind, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      // A hidden view keeps its frame: the one shown is the one a person would act in.
      const body = frame.locator(`body[data-view="${view}"]`);
      if ((await body.count().catch(() => 0)) > 0 && (await body.isVisible().catch(() => false))) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no visible ${view} webview within ${timeoutMs} ms (is the view open?)`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

async function locate(page: Page, view: ViewKind, target: Target, timeoutMs?: number): Promise<Locator> {
  const frame = await viewFrame(page, view, timeoutMs);
  return 'selector' in target ? frame.locator(target.selector) : frame.getByRole(target.role, { name: target.name, exact: true });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`the request is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
