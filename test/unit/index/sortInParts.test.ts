// Sorting a part at a time (the quote search's list by text, built between requests) gives what Array.sort gives,
// however often it is stopped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SortInParts } from '../../../server/src/core/index/sortInParts';

const byValueThenId = (a: { v: string; id: number }, b: { v: string; id: number }) => (a.v < b.v ? -1 : a.v > b.v ? 1 : a.id - b.id);

test('any array, any run length, stopped after any number of steps: the same order as Array.prototype.sort', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }), (values, run, answers) => {
      const items = values.map((v, id) => ({ v, id }));
      const want = [...items].sort(byValueThenId);
      const sorter = new SortInParts([...items], byValueThenId, run);
      let k = 0;
      let steps = 0;
      let got: typeof items | undefined;
      while (!(got = sorter.step(() => answers[k++ % answers.length]))) steps++;
      assert.deepEqual(got, want);
      assert.ok(steps <= items.length + 64, 'every step moves on');
    }),
    { numRuns: 300 },
  );
});

test('told to stop at once, it still moves on a run or a merge a step', () => {
  const items = Array.from({ length: 1000 }, (_, id) => ({ v: String((id * 7919) % 1000).padStart(4, '0'), id }));
  const sorter = new SortInParts([...items], byValueThenId, 100);
  let steps = 1;
  let got;
  while (!(got = sorter.step(() => false))) steps++;
  // 10 runs, then 5 + 3 + 2 + 1 merges of pairs; the last run and the first merge share a step.
  assert.equal(steps, 10 + 5 + 3 + 2 + 1 - 1);
  assert.deepEqual(got, [...items].sort(byValueThenId));
});
