// The passage index's vocabulary (core/index/wordVocabulary.ts) interns a word straight from the source text: the id
// it gives must be the id of the word's key as `tokenize` makes it, or a quotation would not find its passage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WordVocabulary } from '../../../server/src/core/index/wordVocabulary';
import { tokenize, wordSpans } from '../../../server/src/core/text/normalize';

const TEXT = `Mr Putin said: "We've spent $1,000,000 — 4.5% of it — on Nato's Élysée talks." PUTIN, putin; Peskov’s £50 and €7 ¥9. Zürich`;

describe('word vocabulary', () => {
  test('a word interned from the text gets the id of its key (case, commas in numbers, curly apostrophes, accents, symbols)', () => {
    const vocab = new WordVocabulary();
    const { starts, ends } = wordSpans(TEXT, 0, TEXT.length);
    const ids = Array.from(vocab.internWords(TEXT, 0, TEXT.length));
    const tokens = tokenize(TEXT);
    assert.deepEqual(tokens.map((t) => [t.start, t.end]), starts.map((s, k) => [s, ends[k]]));
    tokens.forEach((t, k) => assert.equal(vocab.get(t.key), ids[k], `"${t.key}"`));
    assert.equal(ids[tokens.findIndex((t) => t.key === 'putin')], vocab.get('putin'));
    assert.equal(new Set(tokens.filter((t) => t.key === 'putin').map((t) => ids[tokens.indexOf(t)])).size, 1, 'Putin, PUTIN and putin are one word');
    for (const key of ['1000000', '4.5', '%', '$', "nato's", "peskov's", 'elysee', 'zurich', '£', '€', '¥']) assert.notEqual(vocab.get(key), undefined, key);
    assert.equal(vocab.get('1,000,000'), undefined);
    assert.equal(vocab.keys[vocab.get('elysee')!], 'elysee');
  });

  test('ids stay the same as the table grows past its first size, and unknown words are not added by a lookup', () => {
    const vocab = new WordVocabulary();
    const words = Array.from({ length: 100_000 }, (_, i) => `Word${i.toString(36)}`);
    const text = words.join(' ');
    const { starts, ends } = wordSpans(text, 0, text.length);
    const ids = Array.from(vocab.internWords(text, 0, text.length));
    assert.deepEqual(ids, words.map((_, i) => i));
    words.forEach((w, i) => assert.equal(vocab.get(w.toLowerCase()), i));
    assert.equal(vocab.get('nowhere'), undefined);
    assert.equal(vocab.size, words.length);
    assert.deepEqual(Array.from(vocab.internWords(text, starts[7], ends[7])), [7], 'a word seen before keeps its id');
  });
});
