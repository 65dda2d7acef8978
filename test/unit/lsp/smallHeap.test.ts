// While the heap is small, the server keeps it tight (node/smallHeap.ts): the young generation stops growing at its
// cap and the old generation grows by a fixed percent between full collections (smallHeapOldGeneration.test.ts); a
// large heap gets V8's defaults.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newSpaceBytes } from '../../../server/src/lsp/idleMemory';
import {
  HEAP_GROWING_PERCENT,
  keepSmallHeapTight,
  SMALL_HEAP_BYTES,
  smallHeapSettings,
  stopKeepingSmallHeapTight,
  YOUNG_CAP_BYTES,
} from '../../../server/src/node/smallHeap';

const MB = 1024 * 1024;

/** Keeps `mb` megabytes of small objects alive, a megabyte per task, as a server's requests and slices do. */
async function keepInTasks(mb: number, seen: number[]): Promise<unknown[]> {
  const kept: unknown[] = [];
  for (let m = 0; m < mb; m++) {
    for (let i = 0; i < 20_000; i++) kept.push({ start: i, end: i + 1, text: `t${m}.${i}` });
    seen.push(newSpaceBytes());
    await new Promise((r) => setTimeout(r, 0));
  }
  return kept;
}

test('a small heap: the old generation grows by the fixed percent, the young generation up to its cap', () => {
  assert.deepEqual(smallHeapSettings({ usedBytes: 40 * MB, newSpaceBytes: 2 * MB }), { growingPercent: HEAP_GROWING_PERCENT, capYoung: false });
  assert.deepEqual(smallHeapSettings({ usedBytes: 120 * MB, newSpaceBytes: YOUNG_CAP_BYTES }), { growingPercent: HEAP_GROWING_PERCENT, capYoung: true });
});

test("a large heap (BBC ×5 and up) gets V8's own sizing back", () => {
  assert.deepEqual(smallHeapSettings({ usedBytes: SMALL_HEAP_BYTES, newSpaceBytes: 32 * MB }), { growingPercent: 0, capYoung: false });
});

test('kept tight, new space stops at its cap while objects survive; with the growth given on the command line, it grows past it', async () => {
  assert.ok(keepSmallHeapTight([]));
  assert.equal(keepSmallHeapTight([]), false, 'started once');
  const tight: number[] = [];
  const a = await keepInTasks(40, tight);
  assert.ok(Math.max(...tight) >= YOUNG_CAP_BYTES / 2, `new space grew towards its cap (${Math.max(...tight)} bytes)`);
  assert.ok(Math.max(...tight) <= YOUNG_CAP_BYTES, `new space stayed within ${YOUNG_CAP_BYTES} bytes (largest ${Math.max(...tight)})`);
  stopKeepingSmallHeapTight();
  assert.ok(keepSmallHeapTight(['--semi-space-growth-factor=2']));
  const own: number[] = [];
  const b = await keepInTasks(40, own);
  assert.ok(Math.max(...own) > YOUNG_CAP_BYTES, `the user's growth factor let new space grow past the cap (largest ${Math.max(...own)} bytes)`);
  stopKeepingSmallHeapTight();
  assert.ok(a.length && b.length);
});
