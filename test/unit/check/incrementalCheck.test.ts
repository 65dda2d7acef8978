// A check that reuses earlier outcomes (checkDraft remembers each quotation's outcome keyed by what it depends on)
// must find exactly what a fresh check finds. Differential: random edits — typing, deleting, pasting quotation marks,
// names, pronouns, citations, block-quote markers, code fences, line breaks, moving a paragraph — applied one after
// another to the hand-written drafts (test/fixtures/drafts) and to all of them joined into one long draft; after every
// edit the remembering check is compared with a fresh one (`remember: false`) in full: quotations, statuses, spans,
// attributions, matches, findings, messages and fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDraft } from '../../../server/src/core/check/checkDraft';
import { rng } from '../../support/rng';
import { FIXTURES, fixtureIndex, SEED_ID } from './support/handSources';

const index = fixtureIndex();
const drafts = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.md'))
  .sort()
  .map((n) => ({ name: n, text: readFileSync(join(FIXTURES, n), 'utf8') }));

/**
 * Outcomes that depend on text far from their quotation: "he said" takes the person named paragraphs before, and a
 * one-word name at the start of a sentence ("Leeds said:") counts as a speaker only when the draft writes it
 * mid-sentence somewhere else ("officials from Leeds").
 */
const FAR_READS = [
  '# Far reads',
  'Dmitry Peskov arrived in Berlin on Monday.',
  'The talks went on for hours and nobody expected a breakthrough before the weekend; the delegations met again after lunch and the mood was said to be calm by everyone who was there.',
  '“We will continue to talk with Moscow about every one of these questions,” he said.',
  'Leeds said: “We see no need for a new format at this time.”',
  'Later, officials from Leeds were less sure.',
  '',
].join('\n\n');

/** What a writer types or pastes: letters, marks, names a pronoun may resolve to, speech verbs, Markdown that hides text or makes block quotes. */
const PIECES = [
  'x', 'e', ' ', ' ', ',', '.', '\n', '\n\n', '“', '”', '"', '’', '…', '[', ']', '>', '> ', '`', '*', '-',
  ' he said', ' she said.', 'He said: “', ' said Tim Ash', 'Tim Ash said: ', 'Angela Merkel', 'Merkel', ' Putin ', 'Dmitry Peskov, ',
  'according to ', ' told reporters that ', ' [@hand-summit-markets]', ` [@${SEED_ID}]`, ' [@no-such-source]', '[@hand-berlin',
  '\n> — Tim Ash\n', '\n```\n', '\n---\n', '<!-- ', ' -->', '](http://x.y)', ' not', ' [the West]', ' ... ',
  '“It is a self-sufficient platform,” ', '“We will continue to talk with Moscow about every one of these questions,” ',
  'Tim Ash arrived. ', ' Dmitry Peskov ', ' from Leeds', 'Leeds', ' he said.', '# ', '- ', '1. ', '    ', '\n    ',
];

type Edit = { at: number; remove: number; insert: string };

/** A random edit, half of them within a few characters of a quotation mark (where outcomes are most at stake). */
function randomEdit(text: string, random: () => number): Edit {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const marks = [...text.matchAll(/[“”"]/g)].map((m) => m.index!);
  let at = marks.length && random() < 0.5 ? pick(marks) + Math.floor(random() * 13) - 6 : Math.floor(random() * (text.length + 1));
  at = Math.max(0, Math.min(text.length, at));
  const r = random();
  if (r < 0.45) return { at, remove: 0, insert: pick(PIECES) };
  if (r < 0.75) return { at, remove: Math.min(text.length - at, 1 + Math.floor(random() * (random() < 0.8 ? 3 : 40))), insert: '' };
  if (r < 0.9) return { at, remove: Math.min(text.length - at, 1 + Math.floor(random() * 4)), insert: pick(PIECES) };
  // Move a paragraph elsewhere (quotations change places and neighbours).
  const paras = text.split(/\n\n/);
  if (paras.length < 3) return { at, remove: 0, insert: pick(PIECES) };
  const k = Math.floor(random() * paras.length);
  const start = paras.slice(0, k).join('\n\n').length + (k ? 2 : 0);
  return { at: start, remove: paras[k].length + (k < paras.length - 1 ? 2 : 0), insert: '' };
}

const apply = (text: string, e: Edit) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);

/** Applies `n` random edits, comparing the remembering check with a fresh one after each; returns how many were compared. */
function differential(name: string, start: string, n: number, seed: number): number {
  const random = rng(seed);
  let text = start;
  const moved: string[] = [];
  checkDraft(text, index);
  for (let step = 0; step < n; step++) {
    let e = randomEdit(text, random);
    // A moved paragraph is put back somewhere later.
    if (e.remove > 20 && e.insert === '' && random() < 0.5) moved.push(text.slice(e.at, e.at + e.remove));
    else if (moved.length && random() < 0.3) e = { at: Math.floor(random() * (text.length + 1)), remove: 0, insert: moved.pop()! };
    text = apply(text, e);
    const remembered = checkDraft(text, index);
    const fresh = checkDraft(text, index, { remember: false });
    assert.deepEqual(remembered, fresh, `${name}, seed ${seed}, step ${step}: after ${JSON.stringify(e)} the remembering check differs from a fresh one.\nDraft:\n${text}`);
  }
  return n;
}

test('after every random edit, the check that reuses outcomes equals a fresh check (each fixture draft, 150 edits)', () => {
  let edits = 0;
  drafts.forEach((d, i) => (edits += differential(d.name, d.text, 150, 1000 + i)));
  assert.equal(edits, 150 * drafts.length);
});

test('after every random edit, the check that reuses outcomes equals a fresh check (all fixture drafts in one, 2 × 300 edits)', () => {
  const long = drafts.map((d) => d.text).join('\n\n');
  differential('all drafts', long, 300, 7);
  differential('all drafts', long, 300, 8);
});

test('after every random edit, the check that reuses outcomes equals a fresh check (a draft whose speakers are found far from their quotations, 300 edits)', () => {
  differential('far reads', FAR_READS, 300, 21);
});

/** Checks `before`, then `after` (remembering), and compares with a fresh check of `after`; returns both quotations lists. */
function editAndCompare(before: string, after: string) {
  const first = checkDraft(before, index);
  const second = checkDraft(after, index);
  assert.deepEqual(second, checkDraft(after, index, { remember: false }));
  return { first: first.quotations, second: second.quotations };
}

test('a pronoun’s speaker follows an edit of the name paragraphs before it', () => {
  const { first, second } = editAndCompare(FAR_READS, FAR_READS.replace('Dmitry Peskov arrived', 'Tim Ash arrived'));
  const said = (qs: typeof first) => qs.find((q) => q.text.startsWith('We will continue'))?.attributedTo;
  assert.deepEqual(said(first), { name: 'he', span: said(first)!.span, resolved: 'Dmitry Peskov' });
  assert.equal(said(second)?.resolved, 'Tim Ash');
});

test('a pronoun’s speaker follows an edit that joins the paragraph of an earlier speaker to the one before it', () => {
  // "he" looks back at the quotation before, whose speaker is searched from its paragraph's start: joining the
  // paragraphs (a line break fewer) gives that quotation, and so "he", a speaker. The join is far from "he".
  const long = Array.from({ length: 40 }, (_, i) => `the talks went on for hours in room ${i}`).join(' and ');
  const apart = ['Dmitry Peskov arrived in Berlin.', 'The analyst Jane Doe', `said: “${long}.”`, '“We will continue to talk with Moscow about every one of these questions,” he said.', ''].join('\n\n');
  const joined = apart.replace('Jane Doe\n\nsaid', 'Jane Doe\nsaid');
  const he = (qs: ReturnType<typeof checkDraft>['quotations']) => qs.find((q) => q.text.startsWith('We will continue'))?.attributedTo?.resolved;
  const there = editAndCompare(apart, joined);
  assert.equal(he(there.first), undefined);
  assert.equal(he(there.second), 'Jane Doe');
  const back = editAndCompare(joined, apart);
  assert.equal(he(back.second), undefined);
});

test('a pronoun that found no one before the top of the draft looks again when a name is put above it', () => {
  const alone = '# Talks\n\n“We will continue to talk with Moscow about every one of these questions,” he said.\n';
  const he = (qs: ReturnType<typeof checkDraft>['quotations']) => qs[0]?.attributedTo?.resolved;
  const { first, second } = editAndCompare(alone, `Dmitry Peskov arrived in Berlin.\n\n${alone}`);
  assert.equal(he(first), undefined);
  assert.equal(he(second), 'Dmitry Peskov');
});

test('a one-word speaker at the start of a sentence follows an edit far away that writes the name mid-sentence or not', () => {
  const leeds = (qs: ReturnType<typeof checkDraft>['quotations']) => qs.find((q) => q.text.startsWith('We see no need'))?.attributedTo?.name;
  const { first, second } = editAndCompare(FAR_READS, FAR_READS.replace('officials from Leeds', 'officials'));
  assert.equal(leeds(first), 'Leeds');
  assert.equal(leeds(second), undefined);
  const back = editAndCompare(FAR_READS.replace('officials from Leeds', 'officials'), FAR_READS);
  assert.equal(leeds(back.second), 'Leeds');
});

test('settings are part of what an outcome depends on: the same draft under other settings is checked for them', () => {
  const text = drafts.find((d) => d.name === 'speakers.md')!.text;
  for (const options of [{}, { minUnverifiedWords: 2 }, { minUnverifiedWords: 50 }, { severity: { 'wrong-speaker': 'off' as const } }, {}]) {
    assert.deepEqual(checkDraft(text, index, options), checkDraft(text, index, { ...options, remember: false }), JSON.stringify(options));
  }
});

test('a quotation after the edit keeps its outcome, moved with it', () => {
  const text = drafts.find((d) => d.name === 'misquotes.md')!.text;
  const before = checkDraft(text, index);
  const after = checkDraft(`Inserted at the very start.\n\n${text}`, index);
  const shift = 'Inserted at the very start.\n\n'.length;
  assert.ok(before.findings.length > 0, 'the draft has findings');
  assert.deepEqual(
    after.findings.map((f) => ({ ...f, span: { start: f.span.start - shift, end: f.span.end - shift }, fixes: f.fixes.map((x) => ({ ...x, span: { start: x.span.start - shift, end: x.span.end - shift } })) })),
    before.findings,
  );
});
