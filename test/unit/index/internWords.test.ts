// `WordVocabulary.internWords` finds a text's words and interns them in one pass (the passage index's build); it
// re-implements `wordSpans`' rules and `wordKey`'s ASCII case, so it is checked against the reference way: `tokenize`
// (words and keys) and a Map giving each new key the next id. Any difference would make a quotation miss its passage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { WordVocabulary } from '../../../server/src/core/index/wordVocabulary';
import { tokenize } from '../../../server/src/core/text/normalize';
import { sampleSources } from './support';

/** Checks the texts' words through one vocabulary against `tokenize` and one Map (ids in the order first seen). */
function checkAgainstReference(texts: Array<{ text: string; from?: number; to?: number }>): void {
  const vocab = new WordVocabulary();
  const reference = new Map<string, number>();
  for (const { text, from = 0, to = text.length } of texts) {
    const ids = vocab.internWords(text, from, to);
    const want = tokenize(text, from, to);
    const where = `in ${JSON.stringify(text.slice(from, to))}`;
    assert.equal(ids.length, want.length, `word count ${where}`);
    want.forEach((t, k) => {
      if (!reference.has(t.key)) reference.set(t.key, reference.size);
      assert.equal(ids[k], reference.get(t.key), `id of "${t.key}" ${where}`);
      assert.equal(vocab.keys[ids[k]], t.key, where);
    });
    assert.equal(vocab.size, reference.size);
  }
  for (const [key, id] of reference) assert.equal(vocab.get(key), id, key);
}

// Pieces that meet `wordSpans`' edge cases: joiners (straight and curly apostrophes, points and commas between
// digits or not), currency and percent signs, accents (precomposed and combining), a modifier-letter apostrophe,
// non-breaking and other spaces, surrogate pairs and lone halves, upper case, and digits.
const PIECES = [
  'a', 'B', 'z', 'Q', '0', '7', '9', ' ', '\n', '\t', "'", '’', '‘', 'ʼ', '.', ',', '-', '—', '$', '%', '£', '€',
  '¥', '“', '”', '"', 'é', 'É', 'e\u0301', '\u0301', 'ß', 'İ', 'ﬁ', 'ø', '\u00a0', '\u2009', '😀', '\ud83d', '\ude00',
  'Nato', "don't", 'PUTIN', '1,000', '4.5', '10.', ',5', 'Zürich', 'Ελλάδα', '東京', '١٢٣', '½', 'x²',
];
const textArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((ps) => ps.join(''));

describe('internWords', () => {
  test('gives the spans and ids of tokenize + a Map, on arbitrary text of tricky pieces (several texts, one vocabulary)', () => {
    fc.assert(
      fc.property(fc.array(textArb, { minLength: 1, maxLength: 4 }), (texts) => checkAgainstReference(texts.map((text) => ({ text })))),
      { seed: 20261130, numRuns: 2000 },
    );
  });

  test('on arbitrary UTF-16 text, and within a part of it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.nat(), fc.nat(), (text, a, b) => {
        const from = text.length ? a % (text.length + 1) : 0;
        const to = from + (text.length - from ? b % (text.length - from + 1) : 0);
        checkAgainstReference([{ text }, { text, from, to }]);
      }),
      { seed: 20261130, numRuns: 2000 },
    );
  });

  test('on real sources (the BBC sample or the bundled corpus), bodies after their front matter', () => {
    const sources = sampleSources(60);
    assert.ok(sources.length > 0);
    checkAgainstReference(sources.map((s) => ({ text: s.text, from: s.bodyStart })));
  });

  test('ids stay the same as the table and the key store grow', () => {
    const words = Array.from({ length: 70_000 }, (_, i) => `W${i.toString(36)}x${'y'.repeat(i % 13)}`);
    const text = words.join(' ');
    const vocab = new WordVocabulary();
    const ids = vocab.internWords(text, 0, text.length);
    assert.deepEqual(Array.from(ids), words.map((_, i) => i));
    assert.deepEqual(Array.from(vocab.internWords(text, 0, text.length)), Array.from(ids));
    words.forEach((w, i) => assert.equal(vocab.get(w.toLowerCase()), i));
  });
});
