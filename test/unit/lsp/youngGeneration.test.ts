// The young generation is held at its starting size while the first index is built (node/youngGeneration.ts):
// V8 takes the growth factor set at run time, so a start that keeps everything it makes does not grow new space;
// once released, it grows again as by default. A growth factor given on the command line is left alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newSpaceBytes } from '../../../server/src/lsp/idleMemory';
import { holdYoungGeneration, releaseYoungGeneration } from '../../../server/src/node/youngGeneration';

/** Makes `mb` megabytes of small objects that stay alive (as a start does), through many young collections. */
function keep(mb: number): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < mb * 20_000; i++) kept.push({ start: i, end: i + 1, text: `t${i}` });
  return kept;
}

test('held, new space does not grow while objects survive; released, it grows', () => {
  assert.equal(holdYoungGeneration(['--semi-space-growth-factor=3']), false, 'the command line has its say');
  assert.ok(holdYoungGeneration([]));
  assert.equal(holdYoungGeneration([]), false, 'held once');
  const before = newSpaceBytes();
  const a = keep(40);
  assert.ok(newSpaceBytes() <= before, `new space stayed at ${before} bytes (now ${newSpaceBytes()})`);
  releaseYoungGeneration();
  const b = keep(40);
  assert.ok(newSpaceBytes() > before, `new space grew after the release (${before} → ${newSpaceBytes()} bytes)`);
  assert.ok(a.length && b.length);
});
