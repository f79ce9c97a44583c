import * as assert from 'node:assert/strict';
import type { RequestMessage } from '../../../src/shared/webviewProtocol';
import { BARE, featureSnapshot } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

// The request form from the keyboard: Ctrl+Enter (Cmd+Enter on a Mac) submits; Enter alone is a new line.

type Field = HTMLElement & { value: string };

function requests(page: TestPage): RequestMessage[] {
  return page.api.posted.filter((message): message is RequestMessage => message.type === 'request');
}

function press(page: TestPage, field: Field, init: KeyboardEventInit): KeyboardEvent {
  const event = new page.dom.window.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  field.dispatchEvent(event);
  return event;
}

describe('the request form from the keyboard (jsdom)', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  function typed(text: string, snapshot = featureSnapshot()): Field {
    page = openPage('command-center');
    page.post(snapshot);
    page.runFrames();
    const field = page.document.querySelector('vscode-text-area.request-input') as Field;
    field.value = text;
    return field;
  }

  for (const [name, modifier] of [
    ['Ctrl+Enter', { ctrlKey: true }],
    ['Cmd+Enter', { metaKey: true }],
  ] as const) {
    it(`${name} submits the request`, () => {
      const field = typed('Add search by author');
      const event = press(page, field, { key: 'Enter', ...modifier });
      assert.equal(event.defaultPrevented, true, 'the key does not also add a line');
      assert.deepEqual(requests(page).map((message) => message.request), [{ kind: 'start', request: 'Add search by author' }]);
    });
  }

  it('Enter alone and Shift+Ctrl+Enter do not submit', () => {
    const field = typed('Add search by author');
    assert.equal(press(page, field, { key: 'Enter' }).defaultPrevented, false);
    press(page, field, { key: 'Enter', ctrlKey: true, shiftKey: true });
    assert.deepEqual(requests(page), []);
  });

  it('Ctrl+Enter does nothing while the host cannot start a workflow', () => {
    const field = typed('Add search by author', featureSnapshot({ ...BARE, start: { available: false, reason: 'Open a folder first.' } }));
    press(page, field, { key: 'Enter', ctrlKey: true });
    assert.deepEqual(requests(page), []);
  });
});
