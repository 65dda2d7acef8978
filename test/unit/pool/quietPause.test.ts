// The pause of background work (the index cache's save, node/quietPause.ts): it lasts while other work keeps the event
// loop busy, so a request handled over several turns of the loop is not held up by the background work in between.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { quietPause } from '../../../server/src/node/quietPause';

/** Other work: `turns` turns of the event loop (or until stopped), each busy for `ms`. */
function busyTurns(turns: number, ms: number): { done: Promise<void>; finished: () => boolean; stop: () => void } {
  let left = turns;
  let stopped = false;
  let finished = false;
  const done = new Promise<void>((resolve) => {
    const turn = () => {
      if (stopped || left-- <= 0) {
        finished = true;
        resolve();
        return;
      }
      const end = performance.now() + ms;
      while (performance.now() < end);
      setImmediate(turn);
    };
    setImmediate(turn);
  });
  return { done, finished: () => finished, stop: () => (stopped = true) };
}

describe('quietPause', () => {
  test('waits until the other work is over', async () => {
    const other = busyTurns(30, 2);
    await quietPause({ pauseMs: 4, maxPauses: 1000 });
    assert.equal(other.finished(), true, 'the pause ended while the other work still ran');
  });

  test('returns after a pause or two when nothing else runs', async () => {
    let pauses = 0;
    const t0 = performance.now();
    await quietPause({ pauseMs: 4, maxPauses: 1000, hurry: () => (pauses++, false) });
    // (the test runner may use the first pause)
    assert.ok(pauses >= 1 && pauses <= 3, `${pauses} pauses`);
    assert.ok(performance.now() - t0 >= 3, 'it paused');
  });

  test('gives up after maxPauses, and at once when hurried', async () => {
    const other = busyTurns(Infinity, 2);
    await quietPause({ pauseMs: 4, maxPauses: 3 });
    assert.equal(other.finished(), false, 'the endless work is still running');
    let hurry = false;
    setTimeout(() => (hurry = true), 10);
    await quietPause({ pauseMs: 4, maxPauses: 1_000_000, hurry: () => hurry });
    assert.equal(other.finished(), false);
    other.stop();
    await other.done;
  });
});
