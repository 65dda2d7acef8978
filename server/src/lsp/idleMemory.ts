// Gives V8's young generation back once the server goes quiet. Building the index (and later the passage index and
// completion's index) keeps many objects alive, so V8 grows the two semi-spaces to their maximum (16 MB each) and
// keeps them: 32 MB of RSS for the rest of the session. V8 shrinks them only at a scavenge that sees a low allocation
// rate (under 1 KB/ms averaged over its last ~10 collections), which an idle server never reaches by itself: nothing
// allocates, so nothing collects. Here, after 3 quiet seconds, a few cheap young collections ~25 ms apart (an empty
// young generation takes < 1 ms to scavenge) give V8 those low-rate samples and it shrinks new space to 1 MB; the next
// burst of work grows it again in a few doublings. The event loop's own idle time (eventLoopUtilization) says when the
// server is quiet, so no handler needs to report activity; a shrink is abandoned as soon as anything else runs.
// Not after shorter pauses: at ×20 the pauses of a busy session made it shrink and grow again many times, and the
// young collections while it grew back cost more CPU than they saved.
// The collections need V8's gc(): the client starts the server with --expose-gc (SERVER_NODE_FLAGS); started
// without it (another editor running the bin), the server simply keeps its young generation.
import { getHeapSpaceStatistics } from 'node:v8';

export type YoungGc = () => void;

/** A young collection through V8's gc() (global with --expose-gc), or undefined without it. */
export function youngGcFrom(gc: unknown = (globalThis as { gc?: unknown }).gc): YoungGc | undefined {
  if (typeof gc !== 'function') return undefined;
  return () => (gc as (o: { type: string }) => void)({ type: 'minor' });
}

/** Committed size of V8's new space (both semi-spaces), in bytes. */
export function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

export interface IdleMemoryOptions {
  gc: YoungGc;
  /** Committed new space above which it is worth shrinking (default 4 MB: two 2 MB semi-spaces). */
  thresholdBytes?: number;
  /** How often the loop is looked at (default 1,000 ms). */
  checkMs?: number;
  /** Quiet periods in a row before a shrink (default 3). */
  quietPeriods?: number;
  /** Busy time in a check period still called quiet (default 20 ms: timers, a status message). */
  quietBusyMs?: number;
  /** Time between two young collections of a shrink (default 25 ms) and how many at most (default 24). */
  stepMs?: number;
  maxSteps?: number;
  /** For tests: the new space's size, the event loop's busy milliseconds so far, timers. */
  newSpace?: () => number;
  busyMs?: () => number;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => void };
  clearTimer?: (t: unknown) => void;
}

/** Busy (active) milliseconds of the event loop since the process started. */
export const eventLoopBusyMs = (): number => performance.eventLoopUtilization().active;

/** What one shrink did: shrunk, interrupted by other work, or gave up after maxSteps. */
export type ShrinkOutcome = 'shrunk' | 'busy' | 'gave up';

export class IdleMemory {
  private readonly o: Required<Omit<IdleMemoryOptions, 'setTimer' | 'clearTimer'>> & Pick<IdleMemoryOptions, 'setTimer' | 'clearTimer'>;
  private timer: unknown;
  private lastBusy: number;
  private stopped = false;
  private quietInARow = 0;
  /** Shrinks given up in a row. */
  private givenUp = 0;
  /** Outcomes so far, for the log and tests. */
  readonly outcomes: ShrinkOutcome[] = [];

  constructor(opts: IdleMemoryOptions, private readonly onShrink: (outcome: ShrinkOutcome, fromBytes: number, toBytes: number) => void = () => undefined) {
    this.o = {
      thresholdBytes: 4 * 1024 * 1024,
      checkMs: 1000,
      quietPeriods: 3,
      quietBusyMs: 20,
      stepMs: 25,
      maxSteps: 24,
      newSpace: newSpaceBytes,
      busyMs: eventLoopBusyMs,
      ...opts,
    };
    this.lastBusy = this.o.busyMs();
    this.schedule(this.o.checkMs, () => this.check());
  }

  stop(): void {
    this.stopped = true;
    (this.o.clearTimer ?? clearTimeout)(this.timer as NodeJS.Timeout);
  }

  private schedule(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = (this.o.setTimer ?? setTimeout)(fn, ms);
    t.unref?.(); // never what keeps the process alive
    this.timer = t;
  }

  /** Once a period: start a shrink if the loop was quiet for the last quietPeriods periods and new space is large. */
  private check(): void {
    const busy = this.o.busyMs();
    this.quietInARow = busy - this.lastBusy <= this.o.quietBusyMs ? this.quietInARow + 1 : 0;
    this.lastBusy = busy;
    if (this.quietInARow >= this.o.quietPeriods && this.o.newSpace() > this.o.thresholdBytes) this.shrink(0, this.o.newSpace());
    else this.schedule(this.o.checkMs, () => this.check());
  }

  private shrink(step: number, fromBytes: number): void {
    this.o.gc();
    // Our own collection is busy time too: measure from after it.
    this.lastBusy = this.o.busyMs();
    const size = this.o.newSpace();
    const done = (outcome: ShrinkOutcome) => {
      this.quietInARow = 0;
      this.outcomes.push(outcome);
      this.onShrink(outcome, fromBytes, size);
      // V8 would not shrink (something allocates steadily, or another V8 sizes new space its own way): try again
      // much later, and later again each time, rather than every quiet second.
      this.givenUp = outcome === 'gave up' ? this.givenUp + 1 : 0;
      const wait = this.givenUp ? Math.min(this.o.checkMs * 30 * 2 ** (this.givenUp - 1), 600_000) : this.o.checkMs;
      this.schedule(wait, () => this.check());
    };
    if (size <= this.o.thresholdBytes) return done('shrunk');
    if (step + 1 >= this.o.maxSteps) return done('gave up');
    this.schedule(this.o.stepMs, () => {
      // Something else ran meanwhile (a request, a keystroke): its allocations spoil V8's rate anyway; wait for quiet.
      if (this.o.busyMs() - this.lastBusy > this.o.quietBusyMs) {
        this.lastBusy = this.o.busyMs();
        return done('busy');
      }
      this.shrink(step + 1, fromBytes);
    });
  }
}
