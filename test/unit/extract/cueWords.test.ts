// The words attribution reads around a quote (wordsIn in core/extract/attribution.ts) are found by char code and an
// anchored pattern instead of a global exec per word: the same words, offsets and trailing-dot trimming as the
// pattern's own matches, including letters outside the BMP, lone surrogates and combining marks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { wordsIn } from '../../../server/src/core/extract/attribution';

/** The reading before: every match of the global pattern, trailing dots dropped. */
function reference(s: string, offset: number) {
  const out: { w: string; start: number; end: number }[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-.]*/gu;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const w = m[0].replace(/[.]+$/, '');
    if (!w) continue;
    out.push({ w, start: offset + m.index, end: offset + m.index + w.length });
  }
  return out;
}

test('words around a quote: names, abbreviations, apostrophes, hyphens', () => {
  const s = 'said Mr. O’Neill, the U.S. envoy... co-founder of AT&T';
  assert.deepEqual(wordsIn(s, 10), reference(s, 10));
  assert.deepEqual(wordsIn(s, 0).map((w) => w.w), ['said', 'Mr', 'O’Neill', 'the', 'U.S', 'envoy', 'co-founder', 'of', 'AT', 'T']);
});

test('outside the BMP and at broken surrogates the words are the pattern’s', () => {
  for (const s of ['𝐀bc d', 'a 𝐀 b', '\ud835 x', 'x\udc00y', 'é\u0301t\u00e9 ٣٤', '😀 said 😀x', 'a\ud835\udc00.', '..a..'])
    assert.deepEqual(wordsIn(s, 3), reference(s, 3), JSON.stringify(s));
});

test('any text gives the same words as the global pattern', () => {
  const piece = fc.constantFrom('a', 'Z', '9', ' ', '.', '..', "'", '’', '-', ',', '\u0301', 'é', '٣', '𝐀', '😀', '\ud835', '\udc00', '“', '\u0001', '\n', 'said', 'Mr.');
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 }), fc.string({ maxLength: 3, unit: 'binary' })), { maxLength: 30 }), fc.nat(1000), (parts, offset) => {
      const s = parts.join('');
      assert.deepEqual(wordsIn(s, offset), reference(s, offset));
    }),
    { numRuns: 2000 },
  );
});
