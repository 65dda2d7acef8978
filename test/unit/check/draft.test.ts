import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDraft, citationFor } from '../../../server/src/core/check/draft';
import { quotationWords } from '../../../server/src/core/check/words';
import { Gap } from '../../../server/src/core/check/align';

const inner = (text: string) => scanDraft(text).quotations.map((q) => text.slice(q.inner.start, q.inner.end));

test('quotations: curly and straight double quotes, single quotes inside, wrapped lines, mixed marks', () => {
  assert.deepEqual(inner('He said “it is ‘fine’ now” and "so\nit goes" today.'), ['it is ‘fine’ now', 'so\nit goes']);
  assert.deepEqual(inner('A “mixed close" and "mixed open” pair.'), ['mixed close', 'mixed open']);
  assert.deepEqual(inner('Unclosed “at the end\n\nof a paragraph” is dropped.'), []);
  assert.deepEqual(inner('He measured 5" and 6" pipes.'), []);
  assert.deepEqual(inner('“Outer “inner” outer” end'), ['Outer “inner” outer']);
});

test('block quotes are one quotation, minus the "— Name" byline; a block of quoted dialogue is scanned inline', () => {
  const text = 'Intro:\n\n> First line of the quote\n> second line.\n> — Tim Ash\n\nAfter.\n\n> “A quoted line,” he said.\n';
  const scan = scanDraft(text);
  assert.equal(scan.quotations.length, 2);
  const [block, inline] = scan.quotations;
  assert.equal(block.kind, 'block');
  assert.equal(text.slice(block.inner.start, block.inner.end), 'First line of the quote\n> second line.');
  assert.equal(block.byline?.text, 'Tim Ash');
  assert.equal(inline.kind, 'inline');
  assert.equal(text.slice(inline.inner.start, inline.inner.end), 'A quoted line,');
  const words = quotationWords(text, scan.mask, block.inner);
  assert.deepEqual(words.all.map((w) => w.key), ['first', 'line', 'of', 'the', 'quote', 'second', 'line']);
});

test('Markdown structure: front matter, code, HTML, link targets, URLs and citations are not prose', () => {
  const text = [
    '---',
    'title: "a “quoted” title"',
    '---',
    'Code `"not a quotation here"` and [a link](http://x.org "not a quotation either") end.',
    '',
    '```',
    '"fenced"',
    '```',
    '',
    '<span title="attribute">x</span> <!-- "comment" --> https://x.org/?a="b"',
    '',
    '“Real one” [@some-id, p. 3; @other] and “two” [see @third].',
  ].join('\n');
  const scan = scanDraft(text);
  assert.deepEqual(scan.quotations.map((q) => text.slice(q.inner.start, q.inner.end)), ['Real one', 'two']);
  assert.deepEqual(scan.citations.map((c) => c.keys.map((k) => k.key)), [['some-id', 'other'], ['third']]);
  for (const c of scan.citations) for (const k of c.keys) assert.equal(text.slice(k.span.start, k.span.end), k.key);
  assert.equal(citationFor(scan, scan.quotations[0], scan.quotations[1])?.keys[0].key, 'some-id');
  assert.equal(citationFor(scan, scan.quotations[1], undefined)?.keys[0].key, 'third');
});

test('quotation words: ellipses and editorial brackets are marks; glued brackets only change letters', () => {
  const text = '“[T]he West … will not [Putin’s] bow. . . to anyone [sic] [...] ever”';
  const scan = scanDraft(text);
  const w = quotationWords(text, scan.mask, scan.quotations[0].inner);
  assert.deepEqual(w.all.map((x) => x.key), ['the', 'west', 'will', 'not', "putin's", 'bow', 'to', 'anyone', 'sic', 'ever']);
  assert.deepEqual(w.pieces.map((x) => x.key), ['the', 'west', 'will', 'not', 'bow', 'to', 'anyone', 'ever']);
  assert.deepEqual([...w.gaps], [0, 0, Gap.Ellipsis, 0, Gap.Bracket, Gap.Ellipsis, 0, Gap.Ellipsis, 0]);
  assert.equal(text.slice(w.all[0].start, w.all[0].end), 'T]he');
});
