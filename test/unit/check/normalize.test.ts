import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForMatch, tokenize, wordKeys } from '../../../server/src/core/text/normalize';

test('normalizeForMatch folds quote styles, dashes, white space, the first letter and end punctuation, with a map back', () => {
  const text = '  “It’s a \u201cred line\u201d —\r\n\tnot a “bluff,”  ';
  const n = normalizeForMatch(text);
  assert.equal(n.text, `it's a "red line" - not a "bluff`);
  assert.equal(n.offsets.length, n.text.length + 1);
  for (let i = 0; i < n.text.length; i++) {
    const orig = text[n.offsets[i]];
    assert.ok(orig !== undefined, `offset ${i}`);
  }
  assert.equal(text[n.offsets[0]], 'I');
  assert.equal(normalizeForMatch('The West.', undefined, { caseFold: 'none' }).text, 'The West');
  assert.equal(normalizeForMatch('A "B" c', { start: 2, end: 5 }).text, 'b');
});

test('tokenize: words join over apostrophes and number separators, punctuation separates, keys are folded', () => {
  assert.deepEqual(wordKeys('I don’t accept anybody\'s red-lines — “Nato’s” US-led'), ['i', "don't", 'accept', "anybody's", 'red', 'lines', "nato's", 'us', 'led']);
  assert.deepEqual(wordKeys('$4.6bn, 1,000 jobs (40%) in 2021.'), ['$', '4.6bn', '1000', 'jobs', '40', '%', 'in', '2021']);
  assert.deepEqual(wordKeys('Zelenskiy Zélensky ÉCOLE'), ['zelenskiy', 'zelensky', 'ecole']);
  const t = tokenize('ab “cd” ef', 0, 10, (i) => i === 4);
  assert.deepEqual(t.map((x) => [x.key, x.start, x.end]), [['ab', 0, 2], ['d', 5, 6], ['ef', 8, 10]]);
});
