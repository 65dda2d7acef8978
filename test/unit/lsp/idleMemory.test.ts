// lsp/idleMemory.ts: young collections only once the event loop has been quiet for a period and new space is large,
// stopped as soon as it has shrunk or other work runs; and, in this very process, V8 really shrinks its grown new
// space under it (the reason the module exists).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IdleMemory, newSpaceBytes, youngGcFrom, type ShrinkOutcome } from '../../../server/src/lsp/idleMemory';

const MB = 1024 * 1024;

/** A hand-driven clock: timers run when the test says so; busy time and new space are plain variables. */
function harness(newSpace: number, quietPeriods = 1) {
  const state = { busy: 0, newSpace, gcs: 0, timers: [] as Array<{ fn: () => void; ms: number }>, shrinkAfter: Infinity };
  const mem = new IdleMemory({
    quietPeriods,
    gc: () => {
      state.gcs++;
      if (state.gcs >= state.shrinkAfter) state.newSpace = 1 * MB;
    },
    newSpace: () => state.newSpace,
    busyMs: () => state.busy,
    setTimer: (fn, ms) => {
      state.timers.push({ fn, ms });
      return {};
    },
    clearTimer: () => undefined,
  });
  const tick = (n = 1) => {
    for (let i = 0; i < n; i++) state.timers.shift()?.fn();
  };
  return { state, mem, tick };
}

test('nothing is collected while the server works or when new space is small', () => {
  const busy = harness(32 * MB);
  for (let i = 0; i < 10; i++) {
    busy.state.busy += 200; // 200 ms of work in each 1 s period
    busy.tick();
  }
  assert.equal(busy.state.gcs, 0);
  const small = harness(2 * MB);
  small.tick(10);
  assert.equal(small.state.gcs, 0);
});

test('only several quiet periods in a row start a shrink', () => {
  const h = harness(32 * MB, 3);
  h.tick(2); // two quiet periods
  h.state.busy += 100; // then work
  h.tick(3); // the busy period and two quiet ones
  assert.equal(h.state.gcs, 0);
  h.tick(); // the third quiet period in a row
  assert.equal(h.state.gcs, 1);
});

test('a quiet period starts young collections that stop once V8 has shrunk new space', () => {
  const h = harness(32 * MB);
  h.state.shrinkAfter = 12;
  h.tick(); // quiet period: the first collection
  h.tick(30); // the next steps, then quiet checks
  assert.equal(h.state.gcs, 12);
  assert.deepEqual(h.mem.outcomes, ['shrunk']);
  h.tick(10);
  assert.equal(h.state.gcs, 12, 'no more collections while new space stays small');
});

test('work arriving during a shrink ends it; the next quiet period starts again', () => {
  const h = harness(32 * MB);
  h.tick(3);
  h.state.busy += 50; // a request handled between two steps
  h.tick();
  assert.equal(h.state.gcs, 3);
  assert.deepEqual(h.mem.outcomes, ['busy']);
  assert.equal(h.state.timers[0].ms, 1000, 'back to waiting for a quiet period');
  h.state.shrinkAfter = 6;
  h.tick(10);
  assert.deepEqual(h.mem.outcomes, ['busy', 'shrunk']);
});

test('after maxSteps without a shrink it gives up', () => {
  const h = harness(32 * MB);
  h.tick(24);
  assert.equal(h.state.gcs, 24);
  assert.deepEqual(h.mem.outcomes, ['gave up']);
  assert.equal(h.state.timers[0].ms, 30_000, 'the next try much later');
  h.tick(24);
  assert.deepEqual(h.mem.outcomes, ['gave up', 'gave up']);
  assert.equal(h.state.timers[0].ms, 60_000, 'and later again');
});

test('V8 gives back a grown young generation once young collections see a quiet process', async () => {
  assert.equal(youngGcFrom(undefined), undefined, 'without --expose-gc: nothing to do');
  // The server gets gc() from --expose-gc; this test process, from a new context once the flag is set.
  setFlagsFromString('--expose-gc');
  const gc = youngGcFrom(runInNewContext('gc'));
  assert.ok(gc);
  // Many objects surviving a while: V8 grows the semi-spaces as it does while the server indexes.
  let keep: Array<{ a: number; b: string }> = [];
  for (let i = 0; i < 3e6; i++) {
    keep.push({ a: i, b: `x${i}` });
    if (keep.length > 2e5) keep = keep.slice(1e5);
  }
  keep = [];
  const grown = newSpaceBytes();
  assert.ok(grown > 8 * MB, `new space grew (${grown / MB} MB)`);
  const outcomes: ShrinkOutcome[] = [];
  const mem = new IdleMemory({ gc, checkMs: 200, maxSteps: 40 }, (o) => outcomes.push(o));
  for (let i = 0; i < 200 && !outcomes.includes('shrunk'); i++) await new Promise((r) => setTimeout(r, 50));
  mem.stop();
  assert.ok(outcomes.includes('shrunk'), `outcomes ${outcomes.join(', ')}`);
  assert.ok(newSpaceBytes() <= 4 * MB, `new space ${newSpaceBytes() / MB} MB`);
});
