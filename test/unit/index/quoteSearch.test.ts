// The core's quote search (completion) gives exactly what the editor's linear search gave — the same quotes in the
// same order for prefixes, substrings, typos, the named speaker first, nothing typed, nothing matching — and keeps
// giving it as sources are replaced and removed (checked against a search built from scratch).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import { normalizeTyped, QuoteSearch } from '../../../server/src/core/index/quoteSearch';
import type { Quote } from '../../../server/src/core/types';
import { churn, edited, rng, sampleSources } from './support';

// ---- The reference: the editor's search before the index (lsp/lookup.ts at 55755bb), verbatim but for one ranking
// change since: the word being typed weighs as a word held by all the quotes its matches are in (counted with repeats,
// at most every quote), no longer as its rarest match (see `weightOf`). ----
const WORD = /[\p{L}\p{N}']+/gu;
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
class WordSearch {
  private readonly postings = new Map<string, number[]>();
  private readonly vocabulary: string[];
  constructor(private readonly texts: string[]) {
    texts.forEach((t, i) => {
      for (const w of new Set(t.match(WORD) ?? [])) {
        const list = this.postings.get(w);
        if (list) list.push(i);
        else this.postings.set(w, [i]);
      }
    });
    this.vocabulary = [...this.postings.keys()];
  }
  private idf(word: string): number {
    return Math.log(1 + this.texts.length / (this.postings.get(word)?.length ?? 1));
  }
  /** A finished word: its rarest match's idf; the word being typed: as if held by all its matches' texts. */
  private weightOf(typed: string, cands: { word: string }[], partial: boolean): number {
    if (!cands.length) return this.idf(typed);
    if (!partial) return Math.max(...cands.map((c) => this.idf(c.word)));
    const holders = cands.reduce((n, c) => n + this.postings.get(c.word)!.length, 0);
    return Math.log(1 + this.texts.length / Math.max(1, Math.min(this.texts.length, holders)));
  }
  private candidates(typed: string, partial: boolean): { word: string; weight: number }[] {
    const out: { word: string; weight: number }[] = [];
    const maxEdits = typed.length >= 7 ? 2 : typed.length >= 4 ? 1 : 0;
    for (const word of this.vocabulary) {
      if (word === typed) out.push({ word, weight: 1 });
      else if (partial && word.startsWith(typed)) out.push({ word, weight: 0.9 });
      else if (maxEdits) {
        let d = boundedDistance(typed, word, maxEdits);
        if (partial) for (let n = typed.length - 1; n <= typed.length + 1 && d > 0; n++) if (n < word.length) d = Math.min(d, boundedDistance(typed, word.slice(0, n), maxEdits));
        if (d <= maxEdits) out.push({ word, weight: d === 1 ? 0.7 : 0.5 });
      }
    }
    return out;
  }
  query(q: string, limit: number): { doc: number; score: number }[] {
    const words = q.match(WORD) ?? [];
    if (!words.length) return [];
    const partialLast = !/\s$/.test(q);
    const scores = new Float64Array(this.texts.length);
    let total = 0;
    words.forEach((typed, i) => {
      const partial = partialLast && i === words.length - 1;
      const cands = this.candidates(typed, partial);
      const weight = this.weightOf(typed, cands, partial);
      total += weight;
      const best = new Map<number, number>();
      for (const c of cands) for (const doc of this.postings.get(c.word)!) if ((best.get(doc) ?? 0) < c.weight) best.set(doc, c.weight);
      for (const [doc, w] of best) scores[doc] += w * weight;
    });
    const out: { doc: number; score: number }[] = [];
    for (let doc = 0; doc < scores.length; doc++) {
      const coverage = scores[doc] / total;
      if (coverage >= 0.5) out.push({ doc, score: 1 - coverage + 0.001 });
    }
    return out.sort((a, b) => a.score - b.score || a.doc - b.doc).slice(0, limit);
  }
}
const prepared = new WeakMap<Quote[], { docs: { n: string; q: Quote }[]; byId: Map<number, Quote>; words: WordSearch }>();
function referenceSearch(quotes: Quote[], typed: string, opts: { speaker?: string; limit?: number } = {}): number[] {
  let p = prepared.get(quotes);
  if (!p) {
    const docs = quotes.map((q) => ({ n: normalizeTyped(q.text), q }));
    p = { docs, byId: new Map(quotes.map((q) => [q.id, q])), words: new WordSearch(docs.map((d) => d.n)) };
    prepared.set(quotes, p);
  }
  const { docs, byId } = p;
  const limit = opts.limit ?? 50;
  const q = normalizeTyped(typed);
  let ranked: { quote: Quote; score: number }[];
  if (!q) ranked = docs.map((d, i) => ({ quote: d.q, score: (d.q.kind === 'statement' ? 0 : 1) + i / 1e6 }));
  else {
    const hits = new Map<number, number>();
    for (const d of docs) {
      if (d.n.startsWith(q)) hits.set(d.q.id, -2);
      else if (d.n.includes(q)) hits.set(d.q.id, -1);
    }
    if (hits.size < limit) {
      for (const r of p.words.query(q, limit * 2)) {
        const id = docs[r.doc].q.id;
        if (!hits.has(id)) hits.set(id, r.score);
      }
    }
    ranked = [...hits].map(([id, score]) => ({ quote: byId.get(id)!, score }));
  }
  if (opts.speaker) for (const r of ranked) if (r.quote.speaker === opts.speaker) r.score -= 10;
  ranked.sort((a, b) => a.score - b.score || a.quote.id - b.quote.id);
  return ranked.slice(0, limit).map((r) => r.quote.id);
}
// ----

/** What writers type: starts of quotes (the last word cut), words from the middle, typos, nothing that matches. */
function queries(quotes: Quote[], n: number, seed: number): string[] {
  const random = rng(seed);
  // Short partial last words (every word starting with "a" is a candidate: the scan that leaves it out is exercised).
  const out = ['', 'w', 'th', 'the', 'ing', "don't", 'we are', 'zzqx', 'bcdfg hjk', 'There are quite a', 'we have to b', 'but if the', 'it is not a', 'the government has s'];
  for (let i = 0; i < n; i++) {
    const w = quotes[Math.floor(random() * quotes.length)].text.replace(/\s+/g, ' ').trim().split(' ');
    const from = random() < 0.3 ? Math.floor(random() * Math.max(1, w.length - 3)) : 0;
    const k = 1 + Math.floor(random() * 5);
    const words = w.slice(from, from + k);
    const r = random();
    let last = words[words.length - 1] ?? '';
    if (r < 0.4 && last.length > 3) last = last.slice(0, 2 + Math.floor(random() * (last.length - 2)));
    else if (r < 0.6 && last.length > 4) {
      const at = 1 + Math.floor(random() * (last.length - 2));
      last = last.slice(0, at) + last.slice(at + 1); // a letter left out
    } else if (r < 0.7 && last.length > 4) last = last.slice(0, 2) + last[3] + last[2] + last.slice(4); // two swapped
    words[words.length - 1] = last;
    out.push(words.join(' ') + (random() < 0.1 ? ' ' : ''));
  }
  return out;
}

describe('QuoteSearch', () => {
  const sources = sampleSources(160);

  test('the same quotes, in the same order, as the linear search', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    const search = QuoteSearch.for(index);
    const quotes = index.quotes();
    const speakers = index.speakers();
    const random = rng(3);
    for (const q of queries(quotes, 300, 1)) {
      assert.deepEqual(search.search(q).map((r) => r.quote.id), referenceSearch(quotes, q), `"${q}"`);
      const speaker = speakers[Math.floor(random() * speakers.length)];
      assert.deepEqual(
        search.search(q, { speaker, speakerQuotes: index.quotesBy(speaker), limit: 20 }).map((r) => r.quote.id),
        referenceSearch(quotes, q, { speaker, limit: 20 }),
        `"${q}" after ${speaker}`,
      );
    }
    assert.ok(search.counters.skipped > 0 && search.counters.full > 0, JSON.stringify(search.counters));
  });

  test('sources replaced and removed: the search follows, as if built from scratch', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    const search = QuoteSearch.for(index);
    churn(index, 9, 60, 10, (r) => {
      QuoteSearch.for(index);
      const quotes = index.quotes();
      for (const q of [...queries(quotes, 40, r), 'nothing about number', 'jane test']) assert.deepEqual(search.search(q).map((x) => x.quote.id), referenceSearch(quotes, q), `"${q}" after ${r + 1} changes`);
    });
    assert.equal(QuoteSearch.for(index), search, 'the same search object, updated');
    assert.equal(search.size, index.quotes().length);
  });

  test('built a part at a time (a server warming it between requests), changes between the parts, finished by a completion: as the linear search', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    let parts = 1;
    // `more` says no at once: each part adds one batch of quotes.
    while (!QuoteSearch.warm(index, () => false)) parts++;
    assert.ok(parts > 3, `${parts} parts for ${index.quoteCount} quotes`);
    const search = QuoteSearch.for(index);
    const check = (when: string) => {
      const quotes = index.quotes();
      for (const q of [...queries(quotes, 40, parts), 'nothing about number', 'jane test']) assert.deepEqual(search.search(q).map((x) => x.quote.id), referenceSearch(quotes, q), `"${q}" ${when}`);
    };
    check('after a build in parts');
    // A fresh index warmed part way, then sources change: the next parts go on where they were (the changes applied at
    // the end, not the build started again), and a completion's `for` finishes it.
    const other = new SourceIndex();
    for (const s of sources) other.upsert(s);
    for (let k = 0; k < parts / 2; k++) assert.equal(QuoteSearch.warm(other, () => false), false);
    other.remove(sources[0].path);
    other.upsert(edited(sources[1], 5));
    let after = 1;
    while (!QuoteSearch.warm(other, () => false)) after++;
    assert.ok(parts > 6 && after < parts / 2 + 3, `${after} parts after the change, ${parts} for a whole build`);
    const finished = QuoteSearch.for(other);
    const quotes = other.quotes();
    assert.equal(finished.size, quotes.length);
    for (const q of [...queries(quotes, 40, 7), 'nothing about number', 'jane test']) assert.deepEqual(finished.search(q).map((x) => x.quote.id), referenceSearch(quotes, q), `"${q}" after a build interrupted by changes`);
    // Once built, a part only catches up with the changes, and says it is done.
    churn(index, 4, 20, 10, () => {
      assert.equal(QuoteSearch.warm(index, () => false), true);
      check('caught up by a part');
    });
  });

  test('most sources removed, then some back: the scan reads the words of the quotes left (their runs compacted)', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    const search = QuoteSearch.for(index);
    const gone = sources.slice(0, 120);
    const check = (when: string) => {
      QuoteSearch.for(index);
      const quotes = index.quotes();
      for (const q of [...queries(quotes, 25, gone.length), 'nothing about number']) assert.deepEqual(search.search(q).map((x) => x.quote.id), referenceSearch(quotes, q), `"${q}" ${when}`);
    };
    gone.forEach((s, i) => {
      index.remove(s.path);
      if (i % 20 === 19) check(`after ${i + 1} removed`);
    });
    for (const s of gone.slice(0, 60)) index.upsert(s);
    check('after 60 back');
  });

  test('findByWords: the shortest quote holding the words', () => {
    const index = new SourceIndex();
    for (const s of sources) index.upsert(s);
    const quotes = index.quotes();
    const search = QuoteSearch.for(index);
    for (const q of queries(quotes, 100, 5)) {
      const n = normalizeTyped(q);
      let best: Quote | undefined;
      if (n.length >= 2) for (const x of quotes) if (normalizeTyped(x.text).includes(n) && (!best || normalizeTyped(x.text).length < normalizeTyped(best.text).length)) best = x;
      assert.equal(search.findByWords(q)?.id, best?.id, `"${q}"`);
    }
  });

  test('the word being typed is weighed by what it can still become: "…quite a" offers the quote it was typed from, not every quote with an "a"', () => {
    const index = new SourceIndex();
    const said = (text: string, who: string) => `"${text}," said ${who}.`;
    const quotes = [
      said('There are quite a few problems with the plan', 'Jane Doe'),
      said('Anyone can see that, after all, attitudes are changing', 'Tom Roe'),
      said('We expect the budget to pass next week', 'Ann Lee'),
      said('The weather has been terrible for the harvest this year', 'Bob Ray'),
      said('Nobody told us about the closure of the factory', 'Sue Kay'),
      said('Prices will keep rising until the spring', 'Max Fry'),
      said('Our players showed real character in the second half', 'Dan Cole'),
      said('The film was a huge success at the box office', 'Eve Hart'),
    ];
    index.upsert(analyzeSource('/fixture/quite.txt', `Fixture\n\n${quotes.join('\n\n')}\n`));
    const search = QuoteSearch.for(index);
    const texts = (typed: string) => search.search(typed).map((r) => r.quote.text);
    const source = 'There are quite a few problems with the plan,';
    assert.equal(texts('There are quite a')[0], source);
    // A typo: no exact hit, the fuzzy stage ranks.
    assert.equal(texts('Thre are quite a')[0], source);
    // Before, "a" weighed as its rarest match ("anyone", "attitudes"): a quote holding only "a" was a match for "quite a".
    assert.deepEqual(texts('quite a'), [source]);
  });
});
