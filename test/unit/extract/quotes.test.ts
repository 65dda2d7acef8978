// Quote spans: the traps real articles set (each fixture is a few sentences).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractQuotes } from '../../../server/src/core/extract/quotes';
import { analyzeSource } from '../../../server/src/core/sources/analyze';

const texts = (s: string) => extractQuotes(s, 0).quotes.map((q) => q.text);

test('curly and straight marks, and mixed pairs (straight opening, curly closing and back)', () => {
  assert.deepEqual(texts('He said “we will win” and left.'), ['we will win']);
  assert.deepEqual(texts('He said "we will win" and left.'), ['we will win']);
  assert.deepEqual(texts('"Those verbal assurances were worthless…,” Ushakov emphasised.'), ['Those verbal assurances were worthless…,']);
  assert.deepEqual(texts('Scholz said it should “once again become an effective instrument" on the day.'), ['once again become an effective instrument']);
});

test('a quote inside a quote stays part of it (single marks, or doubles nested)', () => {
  assert.deepEqual(texts('"He called it \'a disaster\', frankly," she said.'), ["He called it 'a disaster', frankly,"]);
  assert.deepEqual(texts('“We think a likely “easy” sanction would be best,” Sova Capital said.'), ['We think a likely “easy” sanction would be best,']);
  assert.deepEqual(texts('"Gordon Brown told him: \'There\'s nothing you could say to me.\'" he said.'), ["Gordon Brown told him: 'There's nothing you could say to me.'"]);
});

test('apostrophes are not quote marks', () => {
  assert.deepEqual(texts('Nato\'s chief said Russia’s army don’t care about the players\' union or the \'90s.'), []);
  assert.deepEqual(texts('The rock \'n\' roll era of O\'Neill’s team.'), []);
});

test('single marks pair as quotes only outside double quotes and within the paragraph', () => {
  assert.deepEqual(texts("Blair 'will not quit' says aide"), ['will not quit']);
  assert.deepEqual(texts("It's the 'best' team.\n\nThe players' union 'agreed."), ['best']);
});

test('a stray mark inside a quote is kept, and the quote ends at its real closing mark', () => {
  const r = extractQuotes('"I think the President will lay out "…our strong desire for stability," Blinken told the press. "In the case of Ukraine," he said.', 0);
  assert.deepEqual(r.quotes.map((q) => q.text), ['I think the President will lay out "…our strong desire for stability,', 'In the case of Ukraine,']);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].severity, 'information');
});

test('an unclosed mark ends its quote at the paragraph end, with a Problem; the next paragraphs are untouched', () => {
  const text = 'He said "this never closes, and goes on.\n\nNext paragraph has a "real quote" here.\n\nAnd "another one" too.';
  const r = extractQuotes(text, 0);
  assert.deepEqual(r.quotes.map((q) => q.text), ['this never closes, and goes on.', 'real quote', 'another one']);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].severity, 'information');
  assert.deepEqual(r.problems[0].span, { start: 8, end: 9 });
});

test('a closing mark with no opening one is reported and ignored', () => {
  const text = 'Biden should supply Ukraine with “whatever weapons they need” to defend themselves from a potential Russian invasion.”\n\nNext.';
  const r = extractQuotes(text, 0);
  assert.deepEqual(r.quotes.map((q) => q.text), ['whatever weapons they need']);
  assert.equal(r.problems.length, 1);
  assert.equal(text[r.problems[0].span!.start], '”');
});

test('multi-paragraph quotes (opening mark repeated at each paragraph) share a group', () => {
  const text = 'Mr Deats said: "This investigation has resulted in disruption.\n\n"We believe the suspects trafficked 1.7 million cards."\n\nOther news.';
  const r = extractQuotes(text, 0);
  assert.deepEqual(r.quotes.map((q) => q.text), ['This investigation has resulted in disruption.', 'We believe the suspects trafficked 1.7 million cards.']);
  assert.ok(r.quotes[0].group !== undefined && r.quotes[0].group === r.quotes[1].group);
  assert.equal(r.problems.length, 0);
});

test('paragraphs run together on one line (an opening mark after a sentence end) continue the quote', () => {
  const text = 'Ms Hewitt said: "We have already doubled it. "We are going to extend the pay to nine months." She said more.';
  const r = extractQuotes(text, 0);
  assert.deepEqual(r.quotes.map((q) => q.text), ['We have already doubled it.', 'We are going to extend the pay to nine months.']);
  assert.equal(r.quotes[0].group, r.quotes[1].group);
});

test('ellipses and bracketed insertions stay inside the quote', () => {
  const text = '"On Monday the French President [Emmanuel Macron] held talks ...the sides agreed," according to the communique.';
  assert.deepEqual(texts(text), ['On Monday the French President [Emmanuel Macron] held talks ...the sides agreed,']);
});

test('spans point at the text without the marks; paragraphs hold the quote', () => {
  const text = '---\nid: x\n---\nFirst line.\n\nShe said: “Hello there, friends.”  \n';
  const a = analyzeSource('x.md', text);
  assert.equal(a.quotes.length, 1);
  const q = a.quotes[0];
  assert.equal(text.slice(q.span.start, q.span.end), 'Hello there, friends.');
  assert.equal(text.slice(q.paragraph.start, q.paragraph.end), 'She said: “Hello there, friends.”');
});

test('scare quotes, titles and short phrases are fragments; attributed speech is a statement', () => {
  const a = analyzeSource(
    'x.txt',
    'Putin set out Russia’s own “red lines” and the “tank-busting” Javelin. She starred in "Million Dollar Baby" last year.\n\n"We will not accept anybody\'s red lines," Biden said.',
  );
  const kinds = Object.fromEntries(a.quotes.map((q) => [q.text, q.kind]));
  assert.deepEqual(kinds, {
    'red lines': 'fragment',
    'tank-busting': 'fragment',
    'Million Dollar Baby': 'fragment',
    "We will not accept anybody's red lines,": 'statement',
  });
});

test('never throws, and every span stays inside the text, whatever the input', () => {
  const marks = fc.constantFrom('"', '“', '”', "'", '‘', '’', '\n', '\n\n', ' ', 'said', 'He', ',', '.', 'Mr Smith', '[x]', '…', '\u00a0', '\r\n');
  fc.assert(
    fc.property(fc.array(fc.oneof(marks, fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      const a = analyzeSource('f.txt', text);
      for (const q of a.quotes) {
        assert.ok(q.span.start >= 0 && q.span.end <= text.length && q.span.start < q.span.end);
        assert.equal(text.slice(q.span.start, q.span.end), q.text);
      }
      for (const e of a.entities) for (const m of e.mentions) assert.ok(m.span.end <= text.length);
    }),
    { numRuns: 300 },
  );
});
