// The young generation is held at its starting size while the first index is built (node/youngGeneration.ts):
// V8 takes the growth factor set at run time, so a start that keeps everything it makes does not grow new space;
// released (once quiet after "ready", or once the heap passes a limit), it grows again as by default. A growth factor given on the
// command line is left alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newSpaceBytes } from '../../../server/src/lsp/idleMemory';
import { holdYoungGeneration, isHeld, releaseWhenQuiet, releaseYoungGeneration } from '../../../server/src/node/youngGeneration';

/** Makes `mb` megabytes of small objects that stay alive (as a start does), through many young collections. */
function keep(mb: number): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < mb * 20_000; i++) kept.push({ start: i, end: i + 1, text: `t${i}` });
  return kept;
}

test('held, new space does not grow while objects survive; released, it grows', () => {
  assert.equal(holdYoungGeneration({ execArgv: ['--semi-space-growth-factor=3'] }), false, 'the command line has its say');
  assert.ok(holdYoungGeneration({ execArgv: [], limitBytes: Infinity }));
  assert.equal(holdYoungGeneration({ execArgv: [] }), false, 'held once');
  const before = newSpaceBytes();
  const a = keep(40);
  assert.ok(newSpaceBytes() <= before, `new space stayed at ${before} bytes (now ${newSpaceBytes()})`);
  releaseYoungGeneration();
  const b = keep(40);
  assert.ok(newSpaceBytes() > before, `new space grew after the release (${before} → ${newSpaceBytes()} bytes)`);
  assert.ok(a.length && b.length);
});

test('a hold ends by itself once the heap passes its limit', async () => {
  assert.ok(holdYoungGeneration({ execArgv: [], limitBytes: 1, checkMs: 1 }));
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(isHeld(), false);
});

test('after the first index, the hold ends once the event loop has been quiet for a whole window, not while busy', async () => {
  assert.ok(holdYoungGeneration({ execArgv: [], limitBytes: Infinity }));
  let busy = 0;
  let quietFrom = Infinity;
  const calls = { n: 0 };
  releaseWhenQuiet({
    windowMs: 10,
    busyMs: () => {
      calls.n++;
      // busy all the time until quietFrom, then idle
      if (calls.n < quietFrom) busy += 10;
      return busy;
    },
  });
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(isHeld(), true, 'still held while the loop is busy');
  quietFrom = calls.n + 1;
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(isHeld(), false, 'released once quiet');
});
