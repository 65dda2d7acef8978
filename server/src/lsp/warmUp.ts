// What the check, completion and hover build on their first use (the passage index, the speakers, the quote search,
// the names) is built in the background once the index is ready, a few milliseconds at a time with pauses between (the
// speakers and the passage index's layout are one part each: see the log's "longest"), so that the first completion
// after a start does not wait for it (before: 0.37–0.51 s at BBC ×1, 3.0–3.3 s at ×20; bench/firstRequests.bench.ts).
// A request that comes first finishes the build itself, as before. Started again after every change to the index
// (then most steps only catch up with the change); nothing runs while the workspace is indexing.
import { SpeakerMatcher } from '../core/check/speakers';
import { NameIndex } from '../core/index/nameIndex';
import { PassageIndex } from '../core/index/passageIndex';
import { QuoteSearch } from '../core/index/quoteSearch';
import type { SourceIndex } from '../core/index/sourceIndex';

/** How long one part of the build may keep the server from answering. */
export const SLICE_MS = 8;
/**
 * The pause after each part. The connection reads and writes one message per turn of the event loop; parts back to
 * back (one per turn) held a start's burst of messages back for seconds at BBC ×20.
 */
export const GAP_MS = 4;

/** One structure to build: true once it is complete for the index as it is. `more()` says whether to go on. */
type Step = (index: SourceIndex, more: () => boolean) => boolean;

const STEPS: Step[] = [
  (index, more) => PassageIndex.warm(index, more),
  // Small (about 0.1 s at BBC ×1 and ×20), and built by the first check of an open draft anyway: in one part.
  (index) => (SpeakerMatcher.for(index), true),
  (index, more) => QuoteSearch.warm(index, more),
  (index, more) => NameIndex.warm(index, more),
];

export class WarmUp {
  private step = 0;
  private pending: NodeJS.Timeout | undefined;
  private busyMs = 0;
  private parts = 0;
  private longestMs = 0;
  private logged = false;

  constructor(
    private readonly index: SourceIndex,
    private readonly opts: { log: (message: string) => void; paused: () => boolean },
  ) {}

  /** The index changed (or is ready): build what is missing, from the first step. */
  start(): void {
    this.step = 0;
    this.busyMs = 0;
    this.parts = 0;
    this.longestMs = 0;
    this.pending ??= setTimeout(() => this.part(), 0).unref();
  }

  private part(): void {
    this.pending = undefined;
    if (this.opts.paused()) return;
    const t0 = performance.now();
    const deadline = t0 + SLICE_MS;
    const more = () => performance.now() < deadline;
    try {
      while (this.step < STEPS.length && STEPS[this.step](this.index, more)) {
        this.step++;
        if (!more()) break;
      }
    } catch (e) {
      // A bug here must not take the server down: the request that needs the structure builds it (or says why not).
      this.opts.log(`Verbatim: building the search indexes in the background failed: ${e instanceof Error ? e.stack : String(e)}`);
      this.step = STEPS.length;
      return;
    }
    const ms = performance.now() - t0;
    this.busyMs += ms;
    this.longestMs = Math.max(this.longestMs, ms);
    this.parts++;
    if (this.step < STEPS.length) this.pending = setTimeout(() => this.part(), GAP_MS).unref();
    else if (!this.logged) {
      // Said once, after the first index: later changes only catch up (a few milliseconds).
      this.logged = true;
      this.opts.log(
        `Verbatim: search indexes built in the background in ${Math.round(this.busyMs)} ms (${this.parts} parts, the longest ${Math.round(this.longestMs)} ms).`,
      );
    }
  }
}
