// A real conductor-oss server for the tests: the boot jar fetched once from Maven Central into the
// per-user Maven cache (~/.m2, outside the clone), run with Java 21+ on a free loopback port over a
// SQLite database in a temp folder, ready once /health answers, stopped by its pid.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInstallCommand } from '../../support/installCommand';
import { findJava, type JavaRuntime } from './javaRuntime';

export const CONDUCTOR_VERSION = '3.32.1';
const ARTIFACT = `org.conductoross:conductor-server:${CONDUCTOR_VERSION}:jar:boot`;
/** The server took 80 s to start on two cores at load 11 and 280 s at load 20; past this it is not coming. */
const START_DEADLINE_MS = 480_000;

export function conductorJarPath(home = homedir()): string {
  return join(home, '.m2', 'repository', 'org', 'conductoross', 'conductor-server', CONDUCTOR_VERSION, `conductor-server-${CONDUCTOR_VERSION}-boot.jar`);
}

/** The jar, fetched with Maven on first use (about 440 MB), then taken from the cache. */
export function ensureConductorJar(): string {
  const jar = conductorJarPath();
  if (existsSync(jar)) return jar;
  runInstallCommand('mvn', ['-B', '-q', 'dependency:get', `-Dartifact=${ARTIFACT}`, '-Dtransitive=false']);
  if (!existsSync(jar)) throw new Error(`mvn dependency:get ${ARTIFACT} finished, but ${jar} is not there.`);
  return jar;
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartedServer {
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to the first healthy answer. */
  readonly startupMs: number;
}

export class ConductorServer {
  private child: ChildProcess | undefined;
  private port: number | undefined;
  readonly folder: string;
  private readonly java: JavaRuntime;
  private readonly jar: string;
  private starts = 0;

  constructor() {
    this.jar = ensureConductorJar();
    this.java = findJava();
    this.folder = mkdtempSync(join(tmpdir(), 'imperium-conductor-'));
  }

  get url(): string {
    if (this.port === undefined) throw new Error('The Conductor server has not been started.');
    return `http://127.0.0.1:${this.port}`;
  }

  get javaDescription(): string {
    return `${this.java.executable} (Java ${this.java.major})`;
  }

  /** Starts the server (on the port it had before, when restarted) and waits for /health. */
  async start(): Promise<StartedServer> {
    if (this.child) throw new Error('The Conductor server is already running.');
    this.port ??= await freeLoopbackPort();
    this.starts += 1;
    const log = join(this.folder, `server-${this.starts}.log`);
    const out = createWriteStream(log);
    const cache = join(homedir(), '.cache', 'imperium-flow', 'conductor');
    mkdirSync(cache, { recursive: true });
    const args = [
      '-Xmx1g',
      // Start-up dominates these tests; the C1 compiler and a class-data archive cut it.
      '-XX:TieredStopAtLevel=1',
      `-XX:SharedArchiveFile=${join(cache, `conductor-${CONDUCTOR_VERSION}-java${this.java.major}.jsa`)}`,
      '-XX:+AutoCreateSharedArchive',
      '-jar',
      this.jar,
      '--server.address=127.0.0.1',
      `--server.port=${this.port}`,
      `--spring.datasource.url=jdbc:sqlite:${join(this.folder, 'conductor.db')}?busy_timeout=15000&journal_mode=WAL`,
      '--conductor.integrations.ai.enabled=false',
    ];
    const started = Date.now();
    const child = spawn(this.java.executable, args, { cwd: this.folder, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    this.child = child;
    let exited: string | undefined;
    child.once('exit', (code, signal) => {
      exited = `exited (${signal ?? `code ${code}`})`;
      if (this.child === child) this.child = undefined;
    });
    const deadline = started + START_DEADLINE_MS;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`The Conductor server ${exited} before it was ready; its log:\n${tailOf(log)}`);
      if (await healthy(this.url)) return { url: this.url, pid: child.pid as number, startupMs: Date.now() - started };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await this.stop();
    throw new Error(`The Conductor server did not answer ${this.url}/health within ${START_DEADLINE_MS / 1000} s; its log:\n${tailOf(log)}`);
  }

  /** Stops the server by its pid: SIGTERM, then SIGKILL after 20 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGTERM');
    const killed = await Promise.race([gone.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000))]);
    if (!killed) {
      process.kill(child.pid, 'SIGKILL');
      await gone;
    }
    this.child = undefined;
  }

  async restart(): Promise<StartedServer> {
    await this.stop();
    return this.start();
  }

  async dispose(): Promise<void> {
    await this.stop();
    // IMPERIUM_CONDUCTOR_KEEP=1 keeps the server's logs and database to read after the run.
    if (process.env.IMPERIUM_CONDUCTOR_KEEP === '1') console.log(`[conductor] server logs and database kept in ${this.folder}`);
    else rmSync(this.folder, { recursive: true, force: true });
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function tailOf(file: string, lines = 40): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
