/**
 * The time, injected: handlers ask the clock instead of `new Date()`, so tests (and a replay) control
 * what "now" is. Production uses `systemClock`.
 */
export abstract class Clock {
  abstract now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (tests, the demo's time travel). */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date | string) {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** Real time shifted to start at a given instant (the demo's and the benchmark's time travel). */
export class OffsetClock extends Clock {
  private readonly offset: number;

  constructor(start: Date) {
    super();
    this.offset = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}
