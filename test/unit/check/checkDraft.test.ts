import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDraft } from '../../../server/src/core/check/checkDraft';
import { PassageIndex } from '../../../server/src/core/index/passageIndex';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { tokenize } from '../../../server/src/core/text/normalize';
import { fixtureIndex, handSource, handSources, SEED_ID, seedSource } from './support/handSources';

const index = fixtureIndex();

test('statuses and source references: verified (with the quote and its speaker), misquote, unverified, short', () => {
  const draft = [
    'Tim Ash said: “We need to stand by Ukraine, not sell it down the river.”',
    '“We need to stand by Ukraine and sell it down the river,” Ash said.',
    '“Completely invented words that nobody ever said anywhere.”',
    'It was “a bold plan”.',
  ].join('\n\n');
  const r = checkDraft(draft, index);
  assert.deepEqual(r.quotations.map((q) => q.status), ['verified', 'misquote', 'unverified', 'short']);
  const [ok] = r.quotations;
  assert.equal(ok.match?.sourceId, 'hand-summit-markets');
  assert.equal(ok.match?.speaker, 'Tim Ash');
  assert.equal(ok.attributedTo?.name, 'Tim Ash');
  const src = index.sourceById('hand-summit-markets')!;
  assert.equal(src.text.slice(ok.match!.span.start, ok.match!.span.end), 'we need to stand by Ukraine, not sell it down the river');
  assert.ok(ok.match?.quoteId !== undefined);
  const mis = r.findings.find((f) => f.code === 'misquote')!;
  assert.equal(mis.severity, 'error', 'a dropped "not" flips the meaning');
  assert.match(mis.message, /“not” is left out without an ellipsis|“not” .*“and”|“and”/);
  assert.match(mis.message, /Tim Ash/);
  assert.equal(mis.difference?.source, 'we need to stand by Ukraine, not sell it down the river');
  assert.equal(mis.source?.sourceId, 'hand-summit-markets');
});

test('narrative matches: the speaker is the author or outlet, and giving the words to someone else is a wrong speaker', () => {
  const r = checkDraft('Ash said the markets “wobbled on Tuesday as investors weighed the summit”.', index);
  assert.equal(r.quotations[0].match?.narrative, true);
  assert.equal(r.quotations[0].match?.speaker, 'Jane Reporter');
  assert.deepEqual(r.findings.map((f) => f.code), ['wrong-speaker']);
  assert.match(r.findings[0].message, /text of hand-summit-markets/);
});

test('options: the unverified threshold and severity overrides (including off)', () => {
  const draft = '“Four words never said.” And “five words that nobody said”.';
  assert.deepEqual(checkDraft(draft, index).findings.map((f) => f.code), ['unverified-quote']);
  assert.deepEqual(checkDraft(draft, index, { minUnverifiedWords: 4 }).findings.length, 2);
  assert.deepEqual(checkDraft(draft, index, { minUnverifiedWords: 6 }).findings.length, 0);
  assert.equal(checkDraft(draft, index, { severity: { 'unverified-quote': 'hint' } }).findings[0].severity, 'hint');
  assert.equal(checkDraft(draft, index, { severity: { 'unverified-quote': 'off' } }).findings.length, 0);
});

test('fixes keep the writer’s quote style and first-letter case', () => {
  const draft = 'Biden said: "i do accept anybody\'s red lines."';
  const r = checkDraft(draft, index);
  const fix = r.findings[0].fixes[0];
  const fixed = draft.slice(0, fix.span.start) + fix.newText + draft.slice(fix.span.end);
  assert.equal(fixed, 'Biden said: "i don\'t accept anybody\'s red lines."');
  assert.equal(r.findings[0].severity, 'error');
  assert.deepEqual(checkDraft(fixed, index).findings, []);
});

test('the passage index follows the source index: upsert and remove are seen by the next check', () => {
  const idx = new SourceIndex();
  const [h] = handSources();
  const draft = '“We need to stand by Ukraine, not sell it down the river.”';
  assert.equal(checkDraft(draft, idx).quotations[0].status, 'unverified');
  idx.upsert(handSource(h));
  assert.equal(checkDraft(draft, idx).quotations[0].status, 'verified');
  idx.upsert({ ...handSource(h), text: h.text.replace('not sell it', 'never sell it'), quotes: [] });
  assert.equal(checkDraft(draft, idx).quotations[0].status, 'misquote');
  idx.remove(h.path);
  assert.equal(checkDraft(draft, idx).quotations[0].status, 'unverified');
});

test('passage index: exact lookup from the rarest word, candidate regions for a changed quotation', () => {
  const idx = new SourceIndex();
  idx.upsert(seedSource());
  const p = PassageIndex.for(idx);
  const ids = (s: string) => tokenize(s).map((t) => p.idOf(t.key));
  const hits = p.findExact(ids('the West cannot bow to bullying from Putin'));
  assert.equal(hits.length, 1);
  assert.equal(p.docs[hits[0].doc].source.meta.id, SEED_ID);
  assert.deepEqual(p.findExact(ids('bullying from Putin the West')), []);
  const regions = p.candidates(ids('the West can never bow to bullying by Putin'));
  assert.ok(regions.length > 0);
  assert.ok(regions[0].from <= hits[0].pos && hits[0].pos < regions[0].to, JSON.stringify({ regions, hit: hits[0] }));
  assert.equal(PassageIndex.for(idx), p, 'one passage index per source index');
});
