/** Time is injected so deadlines, lockouts and expiries can be tested. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests that only moves when told to. */
export class FixedClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(d: Date): void {
    this.current = new Date(d);
  }
}

/**
 * A clock for integration tests: it follows real time (so rows stamped by the database's now()
 * agree with it) and can jump forward to make deadlines, lockouts and backoffs pass.
 */
export class TestClock implements Clock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  set(d: Date): void {
    this.offset = d.getTime() - Date.now();
  }
  /** Run `fn` with the clock at `d`, then put it back where it was. */
  async during<T>(d: Date, fn: () => Promise<T>): Promise<T> {
    const saved = this.offset;
    this.set(d);
    try {
      return await fn();
    } finally {
      this.offset = saved;
    }
  }
}
