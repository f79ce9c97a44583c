// Mocha root hooks for the Conductor suites: one real server for the whole run, started before the
// first test and stopped by its pid after the last. IMPERIUM_CONDUCTOR_URL points the suites at a
// server someone else runs instead (a quicker loop while developing; the restart test needs ours).
import { ConductorServer } from './conductorServer';

let server: ConductorServer | undefined;
let externalUrl: string | undefined;

export interface SuiteServer {
  readonly url: string;
  /** Stops and starts the server again on the same port and database (fails on an external server). */
  restart(): Promise<number>;
  stop(): Promise<void>;
  start(): Promise<number>;
}

export function suiteServer(): SuiteServer {
  const url = externalUrl ?? server?.url;
  if (!url) throw new Error('The Conductor server for this run was not started (see the "before all" hook).');
  const own = () => {
    if (!server) throw new Error('IMPERIUM_CONDUCTOR_URL points at a server this run cannot restart.');
    return server;
  };
  return {
    url,
    restart: async () => (await own().restart()).startupMs,
    stop: () => own().stop(),
    start: async () => (await own().start()).startupMs,
  };
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(600_000);
    externalUrl = process.env.IMPERIUM_CONDUCTOR_URL;
    if (externalUrl) {
      console.log(`[conductor] using the server at ${externalUrl}`);
      return;
    }
    server = new ConductorServer();
    const started = await server.start();
    console.log(`[conductor] conductor-oss server up at ${started.url} (pid ${started.pid}, ${server.javaDescription}) after ${(started.startupMs / 1000).toFixed(1)} s`);
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await server?.dispose();
  },
};
