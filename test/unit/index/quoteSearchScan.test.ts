// The fuzzy stage's scan leaves out what cannot reach the list: a finished word's typo neighbours ("and" for "band")
// are visited apart from the word itself, so quotes holding only a neighbour are not scored once the word's own
// quotes fill the list (the work is counted, not timed; the results are checked against the linear search in
// quoteSearch.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuoteSearch } from '../../../server/src/core/index/quoteSearch';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { analyzeSource } from '../../../server/src/core/sources/analyze';

test('quotes holding only a typo neighbour of a finished word are not scored when the word fills the list', () => {
  const said = (text: string) => `"${text}," said Jane Doe.`;
  const quotes: string[] = [];
  // Two quotes hold both words (fewer than the list: no stopping at the perfect ones), eight the band alone.
  for (let n = 0; n < 10; n++) quotes.push(said(n < 2 ? `The band has played here ${n + 1000} times` : `The band has toured here ${n + 1000} times`));
  for (let n = 0; n < 200; n++) quotes.push(said(`Tom and Ann played cards ${n + 2000} times`));
  const index = new SourceIndex();
  index.upsert(analyzeSource('/fixture/band.txt', `Fixture\n\n${quotes.join('\n\n')}\n`));
  const search = QuoteSearch.for(index);
  assert.equal(search.size, 210);
  // No exact hit ("band playe" is in no quote): the fuzzy stage ranks; "band" stands for itself and, one typo
  // away, for "and" (in 200 quotes, each enough to pass half the typed weight).
  const before = search.counters.scored;
  const found = search.search('band playe', { limit: 5 }).map((r) => r.quote.text);
  assert.equal(found.length, 5);
  assert.match(found[0], /^The band has played/);
  for (const text of found) assert.match(text, /^The band has/);
  assert.ok(search.counters.scored - before <= 10, `scored ${search.counters.scored - before}`);
});

test('the scan stops inside a list once enough quotes beat or tie (earlier by id) every quote not seen yet', () => {
  const said = (text: string) => `"${text}," said Jane Doe.`;
  const quotes: string[] = [];
  for (let n = 0; n < 3; n++) quotes.push(said(`The zebra went to market for a price of ${n + 1000}`));
  for (let n = 0; n < 17; n++) quotes.push(said(`A zebra was seen near the river ${n + 2000}`));
  for (let n = 0; n < 100; n++) quotes.push(said(`The market set a price of ${n + 3000}`));
  for (let n = 0; n < 1000; n++) quotes.push(said(`Nothing of note happened on day ${n + 5000}`));
  const index = new SourceIndex();
  index.upsert(analyzeSource('/fixture/zebra.txt', `Fixture\n\n${quotes.join('\n\n')}\n`));
  const search = QuoteSearch.for(index);
  // "zebra" (rare) is visited first: three quotes hold all three words. Every other quote holding "market" and
  // "price" scores the same, so the first two in id order complete the list, and the rest of "market" is skipped.
  const before = search.counters.scored;
  const found = search.search('zebra market price ', { limit: 5 }).map((r) => r.quote.text);
  assert.deepEqual(found.slice(0, 3), [0, 1, 2].map((n) => `The zebra went to market for a price of ${n + 1000},`));
  assert.deepEqual(found.slice(3), [0, 1].map((n) => `The market set a price of ${n + 3000},`));
  assert.ok(search.counters.scored - before <= 30, `scored ${search.counters.scored - before}`);
});
