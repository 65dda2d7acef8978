// While the heap is small, the server keeps the old generation tight (node/smallHeap.ts): it grows by a fixed percent
// between full collections, where V8 by default lets a small heap grow up to 4×. In a file of its own: the test needs
// a fresh heap, whose young generation has not grown (after a young generation grown to 32 MB by an earlier test, the
// churned objects died young and nothing reached the old generation).
import assert from 'node:assert/strict';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { keepSmallHeapTight, stopKeepingSmallHeapTight } from '../../../server/src/node/smallHeap';

/** Full collections while `mb` megabytes of objects that outlive a few young collections (so reach the old
 * generation) are made and dropped. Starts from a full collection, where V8 sets the old generation's next limit. */
async function fullCollectionsWhileChurning(gc: () => void, mb: number): Promise<number> {
  let majors = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors++;
  });
  gc();
  await new Promise((r) => setTimeout(r, 0));
  obs.observe({ entryTypes: ['gc'] });
  let window: unknown[][] = [];
  for (let m = 0; m < mb; m++) {
    window.push(Array.from({ length: 20_000 }, (_, i) => ({ at: i, text: `c${m}.${i}` })));
    if (window.length > 8) window = window.slice(1);
    await new Promise((r) => setTimeout(r, 0));
  }
  await new Promise((r) => setTimeout(r, 0));
  obs.disconnect();
  return majors;
}

test('kept tight, the old generation is collected as it grows by the fixed percent; by default far less often', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const live = Array.from({ length: 40 }, (_, m) => Array.from({ length: 20_000 }, (_, i) => ({ at: i, text: `l${m}.${i}` })));
  assert.ok(keepSmallHeapTight([]));
  const tight = await fullCollectionsWhileChurning(gc, 150);
  stopKeepingSmallHeapTight();
  const loose = await fullCollectionsWhileChurning(gc, 150);
  assert.ok(tight >= 3, `kept tight: ${tight} full collections while 150 MB were promoted and dropped`);
  assert.ok(tight > loose, `kept tight: ${tight} full collections, by default: ${loose}`);
  assert.ok(live.length);
});
