// While the server builds its first index, V8's young generation is kept at its starting size (1 MB a semi-space)
// instead of doubling up to 16 MB. Almost everything a start makes survives (the index), so a larger young
// generation saves no collection work: it only copies the same objects through more fresh memory before they are
// promoted. Fresh pages are what cost here: about 12 µs per 4 KB page fault on the benchmark machine (a
// Firecracker VM), 20,000 faults by "ready" at BBC ×1. Measured from the cache at ×1: 15,300–16,200 faults instead of
// 19,400–22,000, 95 MB of RSS at "ready" instead of 110–120, server CPU to "ready" a seventh to a fifth less.
// Only while the heap is small: past HOLD_LIMIT_BYTES (×1 is 34 MB at "ready") the young collections of a small young
// generation cost more than the faults they save (held to the end, ×20 from the cache took 14–47 % more CPU). And not
// for good: once the first index is built and the server has gone quiet (the first checks of open drafts done: they
// build the passage index, which keeps what it makes too; released at "ready", the first check took 13 % longer),
// V8's default growth is restored for the requests, whose objects mostly die young.
// V8 reads its growth factor at each growth, so a flag set at run time takes effect (the semi-space's maximum, read
// once at start, would not). A factor the user gave on the command line is left alone.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

const FLAG = '--semi-space-growth-factor';
/** V8's default growth factor of the young generation. */
const V8_DEFAULT_GROWTH = 2;
/** The heap size past which the young generation may grow again. */
export const HOLD_LIMIT_BYTES = 64 * 1024 * 1024;

let held = false;
let watch: NodeJS.Timeout | undefined;

export interface HoldOptions {
  execArgv?: readonly string[];
  /** Released once V8's used heap passes this (default HOLD_LIMIT_BYTES), looked at every `checkMs` (default 20). */
  limitBytes?: number;
  checkMs?: number;
}

/** Stops the young generation from growing (unless the command line sets its growth); whether it did. */
export function holdYoungGeneration(opts: HoldOptions = {}): boolean {
  if (held || (opts.execArgv ?? process.execArgv).some((a) => a.startsWith(FLAG))) return false;
  held = true;
  setGrowth();
  const limit = opts.limitBytes ?? HOLD_LIMIT_BYTES;
  watch = setInterval(() => {
    if (getHeapStatistics().used_heap_size > limit) releaseYoungGeneration();
  }, opts.checkMs ?? 20);
  watch.unref();
  return true;
}

/** Lets the young generation grow again as V8 would by default (up to the cap, when one is set). */
export function releaseYoungGeneration(): void {
  clearInterval(watch);
  watch = undefined;
  if (!held) return;
  held = false;
  setGrowth();
}

let capped = false;
let growth = V8_DEFAULT_GROWTH;

/** Whether the young generation may grow no further (a small heap whose new space reached its cap: node/smallHeap.ts). */
export function capYoungGeneration(cap: boolean): void {
  capped = cap;
  setGrowth();
}

/** Sets V8's growth factor from the hold and the cap, only when it changes (it is a flag parse). */
function setGrowth(): void {
  const want = held || capped ? 1 : V8_DEFAULT_GROWTH;
  if (want === growth) return;
  growth = want;
  setFlagsFromString(`${FLAG}=${want}`);
}

/**
 * Releases the hold once the event loop has been quiet (busy under a fifth of `windowMs`) for a whole window: after
 * the work that follows the first index. `busyMs` is the loop's busy time so far (eventLoopUtilization).
 */
export function releaseWhenQuiet(opts: { windowMs?: number; busyMs?: () => number } = {}): void {
  if (!held) return;
  const windowMs = opts.windowMs ?? 250;
  const busyMs = opts.busyMs ?? (() => performance.eventLoopUtilization().active);
  let last = busyMs();
  const quiet = setInterval(() => {
    const now = busyMs();
    const busy = now - last;
    last = now;
    if (held && busy >= windowMs / 5) return;
    clearInterval(quiet);
    releaseYoungGeneration();
  }, windowMs);
  quiet.unref();
}

/** Whether the young generation is held now (for tests). */
export function isHeld(): boolean {
  return held;
}
