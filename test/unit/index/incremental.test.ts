// A changed source costs only itself: the index and what is derived from it (passage index, merged entities, quotes
// by speaker, the checker's findings) are updated per file, and after any sequence of replacements and removals they
// answer exactly as an index built from scratch from the same sources.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDraft } from '../../../server/src/core/check/checkDraft';
import { SpeakerMatcher } from '../../../server/src/core/check/speakers';
import { PassageIndex } from '../../../server/src/core/index/passageIndex';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { tokenize } from '../../../server/src/core/text/normalize';
import type { AnalyzedSource, Entity } from '../../../server/src/core/types';
import { churn, rng, sampleSources } from './support';

function fresh(index: SourceIndex): SourceIndex {
  const f = new SourceIndex();
  // The stored sources carry their final source ids; upserting them again keeps the order (quote numbers are new).
  for (const s of index.sources) f.upsert(s);
  return f;
}

const entityView = (e: Entity) => ({ name: e.name, type: e.type, aliases: e.aliases, role: e.role, affiliation: e.affiliation, mentions: e.mentions.map((m) => `${m.sourceId}:${m.span.start}`) });
const byKey = (es: Entity[]) => [...es].map(entityView).sort((a, b) => `${a.type}:${a.name}`.localeCompare(`${b.type}:${b.name}`));

/** Exact places of a word sequence, as (source id, word position). */
function places(p: PassageIndex, words: string[]): string[] {
  return p
    .findExact(words.map((w) => p.idOf(w)), undefined, 10_000)
    .map((h) => `${p.docs[h.doc].source.meta.id}@${h.pos}`)
    .sort();
}

/** A draft quoting passages of the sources (some changed), for the checker. */
function draftOf(sources: AnalyzedSource[], seed: number): string {
  const random = rng(seed);
  const parts: string[] = [];
  for (let i = 0; i < 12; i++) {
    const s = sources[Math.floor(random() * sources.length)];
    const q = s.quotes.find((x) => x.kind === 'statement' && x.text.split(/\s+/).length >= 6 && !/["“”]/.test(x.text));
    if (!q) continue;
    const words = q.text.replace(/\s+/g, ' ').trim().split(' ');
    if (i % 3 === 1) words[Math.floor(words.length / 2)] = 'purple';
    parts.push(`${i % 2 ? 'She' : q.speaker ?? 'Someone'} said: “${words.join(' ')}”`);
  }
  return parts.join('\n\n') + '\n';
}

describe('incremental index', () => {
  const sources = sampleSources(120);

  test('after replacements and removals, the same as an index built from scratch', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    const pidx = PassageIndex.for(index);
    const matcher = SpeakerMatcher.for(index);
    churn(index, 42, 80, 8, (r, random) => {
      PassageIndex.for(index);
      const ref = fresh(index);
      const rp = PassageIndex.for(ref);
      assert.equal(pidx.totalWords, rp.totalWords);
      // Word sequences from live sources (and the words added by the edits).
      const seqs: string[][] = [['nothing', 'about', 'number'], ['said', 'jane']];
      for (let k = 0; k < 40; k++) {
        const src = index.sources[Math.floor(random() * index.sourceCount)];
        const toks = tokenize(src.text, src.bodyStart, src.text.length).map((t) => t.key);
        const at = Math.floor(random() * Math.max(1, toks.length - 5));
        seqs.push(toks.slice(at, at + 1 + Math.floor(random() * 4)));
      }
      for (const seq of seqs) {
        assert.deepEqual(places(pidx, seq), places(rp, seq), seq.join(' '));
        for (const w of seq) assert.equal(pidx.df(pidx.idOf(w)), rp.df(rp.idOf(w)), w);
      }
      // Merged entities, quotes by speaker.
      assert.deepEqual(byKey(index.entities()), byKey(ref.entities()));
      assert.deepEqual(index.speakers().sort(), ref.speakers().sort());
      const at = (q: { sourceId: string; span: { start: number } }) => `${q.sourceId}@${q.span.start}`;
      for (const sp of index.speakers()) assert.deepEqual(index.quotesBy(sp).map(at), ref.quotesBy(sp).map(at), sp);
      assert.deepEqual(index.quotes().map(at), ref.quotes().map(at));
      // Speakers as the checker compares them.
      const rm = new SpeakerMatcher(ref.entities(), ref.speakers());
      assert.equal(SpeakerMatcher.for(index), matcher, 'updated, not rebuilt');
      const names = [...index.speakers(), ...index.entities().flatMap((e) => [e.name, ...e.aliases])];
      for (let k = 0; k < 150; k++) {
        const a = names[Math.floor(random() * names.length)];
        const b = names[Math.floor(random() * names.length)];
        assert.equal(matcher.isPerson(a), rm.isPerson(a), a);
        assert.equal(matcher.canBeSpeaker(a), rm.canBeSpeaker(a), a);
        assert.equal(matcher.same(a, b), rm.same(a, b), `${a} / ${b}`);
      }
      // The checker.
      const draft = draftOf(index.sources, r);
      const a = checkDraft(draft, index).findings.map((f) => `${f.code} ${f.span.start} ${f.message}`);
      const b = checkDraft(draft, ref).findings.map((f) => `${f.code} ${f.span.start} ${f.message}`);
      assert.deepEqual(a, b, `findings after ${r + 1} changes`);
    });
    assert.ok(pidx.counters.updates > 0, 'updated in place, not rebuilt every time');
    assert.equal(PassageIndex.for(index), pidx);
  });

  test('a removed source is forgotten everywhere', () => {
    const index = new SourceIndex();
    for (const s of sources.slice(0, 20)) index.upsert(s);
    const pidx = PassageIndex.for(index);
    const gone = index.sources[3];
    const words = tokenize(gone.text, gone.bodyStart, gone.text.length).slice(10, 14).map((t) => t.key);
    assert.ok(places(pidx, words).some((p) => p.startsWith(`${gone.meta.id}@`)));
    index.remove(gone.path);
    PassageIndex.for(index);
    assert.ok(!places(pidx, words).some((p) => p.startsWith(`${gone.meta.id}@`)));
    assert.equal(pidx.docIndex(gone.meta.id), undefined);
    assert.ok(!index.entities().some((e) => e.mentions.some((m) => m.sourceId === gone.meta.id)));
    assert.ok(!index.quotes().some((q) => q.sourceId === gone.meta.id));
    assert.equal(index.changesSince(index.version - 1)?.sources[0].kind, 'remove');
  });
});
