// While the server builds its first index, V8's young generation is kept at its starting size (1 MB a semi-space)
// instead of doubling up to 16 MB. Almost everything a start makes survives (the index), so a larger young
// generation saves no collection work: it only copies the same objects through more fresh memory before they are
// promoted. Fresh pages are what cost here: about 12 µs per 4 KB page fault on the benchmark machine (a
// Firecracker VM), 20,000 faults by "ready" at BBC ×1. Measured from the cache at ×1: 15,300–16,200 faults instead of
// 19,400–22,000, 95 MB of RSS at "ready" instead of 110–120, server CPU to "ready" 670–790 ms instead of 820–870
// (3 runs each). Once the first index is built, V8's default growth is restored for the requests, whose objects
// mostly die young (a small young generation costs the ×20 first check about a fifth more CPU, session 3).
// V8 reads its growth factor at each growth, so a flag set at run time takes effect (the semi-space's maximum, read
// once at start, would not). A factor the user gave on the command line is left alone.
import { setFlagsFromString } from 'node:v8';

const FLAG = '--semi-space-growth-factor';
/** V8's default growth factor of the young generation. */
const V8_DEFAULT_GROWTH = 2;

let held = false;

/** Stops the young generation from growing (unless the command line sets its growth); whether it did. */
export function holdYoungGeneration(execArgv: readonly string[] = process.execArgv): boolean {
  if (held || execArgv.some((a) => a.startsWith(FLAG))) return false;
  setFlagsFromString(`${FLAG}=1`);
  held = true;
  return true;
}

/** Lets the young generation grow again as V8 would by default. */
export function releaseYoungGeneration(): void {
  if (!held) return;
  setFlagsFromString(`${FLAG}=${V8_DEFAULT_GROWTH}`);
  held = false;
}
