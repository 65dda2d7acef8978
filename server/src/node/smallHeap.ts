// Once the first index is built, a server whose heap is small (sources the size of BBC ×1: under SMALL_HEAP_BYTES)
// asks V8 to keep it tight. By default V8 sizes a small heap for speed: the old generation may grow up to 4× between
// full collections and the young generation to 32 MB. Over the benchmark's ×1 workload that left ~45 MB of dead
// objects in the old generation (two full collections in the whole session) and 32 MB of young generation: RSS
// 230 MB right after the last request, for ~75 MB of live heap. Here:
// - the old generation grows by HEAP_GROWING_PERCENT between full collections (V8 marks concurrently: at ×1 the
//   session has 6 full collections instead of 2, ~45 ms of pauses in all);
// - the young generation stops growing at YOUNG_CAP_BYTES (V8 reads its growth factor at each growth). A 4 MB cap
//   promoted more short-lived objects and ended no lower.
// Measured with bench/memoryProbe.ts at ×1: RSS right after the workload 230 → 186 MB (docs/PERFORMANCE.md).
// Not during the start: there, the full collections a ×20 start makes while its heap is still small cost it a second
// of CPU. A larger heap keeps V8's defaults, where more collections would cost seconds for a smaller share (at ×20 a
// 16 MB young generation made the first check 20 % slower, session 3). Flags given on the command line are left alone.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { newSpaceBytes } from '../lsp/idleMemory';
import { capYoungGeneration } from './youngGeneration';

/** The used heap under which the policy holds (×1 peaks at ~120 MB; ×5 starts past it). */
export const SMALL_HEAP_BYTES = 160 * 1024 * 1024;
/** The young generation's cap while the heap is small: two semi-spaces of 4 MB. */
export const YOUNG_CAP_BYTES = 8 * 1024 * 1024;
/** How much the old generation may grow between full collections while the heap is small. */
export const HEAP_GROWING_PERCENT = 30;

const GROWING_FLAG = '--heap-growing-percent';
const YOUNG_FLAG = '--semi-space-growth-factor';

export interface HeapNumbers {
  usedBytes: number;
  newSpaceBytes: number;
}

/** What V8 should be told for these numbers: the old generation's growing percent (0: V8's own) and the young cap. */
export function smallHeapSettings(n: HeapNumbers): { growingPercent: number; capYoung: boolean } {
  const small = n.usedBytes < SMALL_HEAP_BYTES;
  return { growingPercent: small ? HEAP_GROWING_PERCENT : 0, capYoung: small && n.newSpaceBytes >= YOUNG_CAP_BYTES };
}

function heapNow(): HeapNumbers {
  return { usedBytes: getHeapStatistics().used_heap_size, newSpaceBytes: newSpaceBytes() };
}

let observer: PerformanceObserver | undefined;
let ownGrowing = false;
let ownYoung = false;

/**
 * Keeps the heap tight while it is small, looked at after each garbage collection (the numbers only change then).
 * The old generation's growth is taken at the next full collection. Whether it started.
 */
export function keepSmallHeapTight(execArgv: readonly string[] = process.execArgv): boolean {
  if (observer) return false;
  const own = (flag: string) => execArgv.some((a) => a.startsWith(flag));
  ownGrowing = own(GROWING_FLAG);
  ownYoung = own(YOUNG_FLAG);
  let percent = -1;
  const apply = () => {
    const want = smallHeapSettings(heapNow());
    if (!ownGrowing && want.growingPercent !== percent) {
      percent = want.growingPercent;
      setFlagsFromString(`${GROWING_FLAG}=${percent}`);
    }
    if (!ownYoung) capYoungGeneration(want.capYoung);
  };
  apply();
  observer = new PerformanceObserver(apply);
  observer.observe({ entryTypes: ['gc'] });
  return true;
}

/** Stops the policy and gives V8 its defaults back (for tests). */
export function stopKeepingSmallHeapTight(): void {
  if (!observer) return;
  observer.disconnect();
  observer = undefined;
  if (!ownGrowing) setFlagsFromString(`${GROWING_FLAG}=0`);
  if (!ownYoung) capYoungGeneration(false);
}
