// The runtime's event stream: stamps each event with the next `seq` and the time, appends it to the
// events log and hands it to every subscriber. The engine, the agents, the Board and the healing
// layer publish here; the views, the CLI and the healing detectors subscribe. `seq` continues
// across restarts from the log.
import type { EngineEvent, EngineEventInput } from '../../shared/events';
import type { AppendLog, Clock, EventSink, Logger } from '../ports';

export type EngineEventListener = (event: EngineEvent) => void;

export class EventStream {
  private readonly listeners = new Set<EngineEventListener>();

  private constructor(
    private readonly log: AppendLog<EngineEvent>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private lastSeq: number,
  ) {}

  static async open(log: AppendLog<EngineEvent>, clock: Clock, logger: Logger): Promise<EventStream> {
    const events = await log.readAll();
    const lastSeq = events.reduce((max, event) => (typeof event.seq === 'number' && event.seq > max ? event.seq : max), 0);
    return new EventStream(log, clock, logger, lastSeq);
  }

  /** Where other parts (agents, the Board, healing) report their events. */
  readonly emit: EventSink = (event) => void this.publish(event);

  publish(input: EngineEventInput): EngineEvent {
    // Fields left undefined are dropped, so a subscriber sees exactly what the log keeps.
    const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const event = { ...defined, seq: ++this.lastSeq, at: this.clock.now() } as EngineEvent;
    this.log.append(event).catch((error: unknown) => this.logger.error(`orchestrator: could not append event ${event.seq} to the events log: ${String(error)}`));
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // One broken view must not stop the others, nor the workflow that emitted the event.
        this.logger.error(`orchestrator: an event listener threw on event ${event.seq}: ${String(error)}`);
      }
    }
    return event;
  }

  subscribe(listener: EngineEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
