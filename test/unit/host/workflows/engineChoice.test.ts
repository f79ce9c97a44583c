// Which engine the editor opens, from its settings (the settings read through a plain object here:
// the real Settings reads vscode's configuration, which plain Node has not).
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { engineOpenerFor } from '../../../../src/host/workflows/engineChoice';
import type { ConductorTokenStore } from '../../../../src/host/conductorTokenStore';
import type { Settings } from '../../../../src/host/settings';
import { ConductorConfigurationError, ConductorUnreachableError } from '../../../../src/runtime/conductorOpener';

const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function choice(engine: 'embedded' | 'conductor', url?: string) {
  const settings = { engine: () => engine, conductorUrl: () => url, conductorHumanTasks: () => true } as unknown as Settings;
  const conductorTokens = { get: async () => undefined } as unknown as ConductorTokenStore;
  return engineOpenerFor({ folder: { uri: { fsPath: '/tmp/imperium-engine-choice' } }, settings, conductorTokens, log });
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the editor picks its engine from the settings', () => {
  it('opens the embedded engine by default', async () => {
    assert.equal(await choice('embedded'), undefined);
    assert.equal(await choice('embedded', 'http://127.0.0.1:8080'), undefined, 'an address alone does not switch engines');
  });

  it('says which setting is missing when Conductor is chosen without an address', async () => {
    await assert.rejects(choice('conductor'), (error: unknown) => error instanceof ConductorConfigurationError && /imperium\.conductor\.url names no server/.test(error.message));
  });

  it('fails at open, naming the address, when the server does not answer', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const open = await choice('conductor', url);
    assert.ok(open);
    await assert.rejects(open({} as never), (error: unknown) => error instanceof ConductorUnreachableError && error.message.startsWith(`Conductor unreachable at ${url}:`));
  });
});
