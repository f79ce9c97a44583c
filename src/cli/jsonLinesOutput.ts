// `--json` for scripts: stdout carries only JSON lines, every engine event as it happens and, last,
// the report as `{"type":"report","report":{...}}`; what a person reads goes to stderr instead.
import type { EngineEvent } from '../shared/events';
import type { CliIo } from './cliCommand';

export class JsonLinesOutput {
  /** The io for everything a person reads: its stdout is the real stderr. */
  readonly human: CliIo;

  constructor(private readonly io: CliIo) {
    this.human = { ...io, stdout: io.stderr };
  }

  /** Prints every event of the engine from now on; returns the function that stops it. */
  follow(engine: { subscribe(listener: (event: EngineEvent) => void): () => void }): () => void {
    return engine.subscribe((event) => this.line(event));
  }

  readonly report = (report: unknown): void => this.line({ type: 'report', report });

  private line(value: unknown): void {
    this.io.stdout(`${JSON.stringify(value)}\n`);
  }
}
