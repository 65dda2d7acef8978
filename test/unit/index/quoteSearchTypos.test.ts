// The typo walk reads the vocabulary trie as arrays of numbers kept up as words are added: a word that a later source
// brings must be found through a typo too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QuoteSearch } from '../../../server/src/core/index/quoteSearch';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { analyzeSource } from '../../../server/src/core/sources/analyze';

test('a word added after a typo search is found through a typo', () => {
  const source = (path: string, text: string) => analyzeSource(path, `Fixture\n\n"${text}," said Jane Doe.\n`);
  const index = new SourceIndex();
  index.upsert(source('/fixture/a.txt', 'The weather has been terrible for the harvest this year'));
  const texts = (typed: string) => QuoteSearch.for(index).search(typed).map((r) => r.quote.text);
  assert.deepEqual(texts('the harvset '), ['The weather has been terrible for the harvest this year,'], 'a typo in a known word');
  assert.deepEqual(texts('abundnace '), []);
  index.upsert(source('/fixture/b.txt', 'There was an abundance of apples in the orchard'));
  assert.deepEqual(texts('abundnace '), ['There was an abundance of apples in the orchard,']);
});
