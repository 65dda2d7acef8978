// Editor-side lookups over the index, rebuilt lazily when the index changes: fuzzy quote search (a word index with
// prefix and typo matching, weighted by rarity),
// quotes by speaker, speaker/entity names as a writer types them ("Peskov", "Tim Ash", "Zelenskiy").
import type { SourceIndex } from '../core/index/sourceIndex';
import type { AnalyzedSource, Entity, Quote } from '../core/types';

/** Lower case, straight quotes and apostrophes, plain dashes, single spaces: for matching typed text. */
export function normalize(s: string): string {
  return s
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface QuoteDoc {
  n: string;
  q: Quote;
}

export interface RankedQuote {
  quote: Quote;
  /** Lower is better. */
  score: number;
  bySpeaker: boolean;
}

export class IndexLookup {
  private docs: QuoteDoc[] = [];
  private search: WordSearch | undefined;
  private readonly quoteById = new Map<number, Quote>();
  private readonly bySpeaker = new Map<string, Quote[]>();
  /** lower-case name or alias → canonical speaker or entity name. */
  private readonly names = new Map<string, string>();
  private readonly entityByName = new Map<string, Entity>();
  private entityPattern: RegExp | undefined;

  private constructor(readonly index: SourceIndex) {
    for (const q of index.quotes()) {
      this.quoteById.set(q.id, q);
      this.docs.push({ n: normalize(q.text), q });
      if (q.speaker) {
        const list = this.bySpeaker.get(q.speaker) ?? [];
        list.push(q);
        this.bySpeaker.set(q.speaker, list);
      }
    }
    const entities = index.entities();
    for (const e of entities) this.entityByName.set(e.name.toLowerCase(), e);
    // Speakers first (they are who writers name before a quote), then entity names and aliases, then last names.
    const add = (key: string, canonical: string) => {
      const k = key.toLowerCase().trim();
      if (k && !this.names.has(k)) this.names.set(k, canonical);
    };
    for (const s of this.bySpeaker.keys()) add(s, s);
    for (const e of entities) add(e.name, e.name);
    for (const e of entities) for (const a of e.aliases) add(a, e.name);
    for (const s of this.bySpeaker.keys()) {
      const last = s.split(/\s+/).pop();
      if (last && last !== s) add(last, s);
    }
    for (const e of entities) {
      if (e.type !== 'person') continue;
      const last = e.name.split(/\s+/).pop();
      if (last && last !== e.name) add(last, e.name);
    }
  }

  private static cache = new WeakMap<SourceIndex, { version: number; lookup: IndexLookup }>();

  /** The lookup for the index as it is now (rebuilt after any upsert/remove). */
  static of(index: SourceIndex): IndexLookup {
    const c = IndexLookup.cache.get(index);
    if (c && c.version === index.version) return c.lookup;
    const lookup = new IndexLookup(index);
    IndexLookup.cache.set(index, { version: index.version, lookup });
    return lookup;
  }

  quote(id: number): Quote | undefined {
    return this.quoteById.get(id);
  }

  source(q: Quote): AnalyzedSource | undefined {
    return this.index.sourceById(q.sourceId);
  }

  quotesBy(speaker: string): Quote[] {
    return this.bySpeaker.get(speaker) ?? [];
  }

  speakers(): string[] {
    return [...this.bySpeaker.keys()];
  }

  /**
   * The canonical name for a name as written ("Peskov", "Dmitry Peskov", "Russian presidential spokesman Dmitry Peskov"):
   * the longest known trailing run of its words.
   */
  resolveName(written: string): string | undefined {
    const words = written.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < words.length; i++) {
      const hit = this.names.get(words.slice(i).join(' ').toLowerCase().replace(/['’]s$/, ''));
      if (hit) return hit;
    }
    return undefined;
  }

  entity(name: string): Entity | undefined {
    return this.entityByName.get(name.toLowerCase());
  }

  entities(): Entity[] {
    return this.index.entities();
  }

  /** Every entity name or alias occurring in `line`, as spans relative to it (longest first at a place). */
  entityMentions(line: string): { start: number; end: number; entity: Entity }[] {
    if (!this.entityPattern) {
      const forms = new Set<string>();
      for (const e of this.index.entities()) for (const f of [e.name, ...e.aliases]) if (f.trim().length > 1) forms.add(f.trim());
      const sorted = [...forms].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.entityPattern = sorted.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.join('|')})(?![\\p{L}\\p{N}])`, 'gu') : /$^/gu;
    }
    const out: { start: number; end: number; entity: Entity }[] = [];
    this.entityPattern.lastIndex = 0;
    for (let m = this.entityPattern.exec(line); m; m = this.entityPattern.exec(line)) {
      if (m[0].length === 0) {
        this.entityPattern.lastIndex++;
        continue;
      }
      const canonical = this.names.get(m[0].toLowerCase());
      const entity = canonical ? this.entity(canonical) : undefined;
      if (entity) out.push({ start: m.index, end: m.index + m[0].length, entity });
    }
    return out;
  }

  /**
   * Source quotes matching what the writer typed, best first. Exact prefixes beat substrings beat fuzzy matches;
   * the given speaker's quotes come before everyone else's. An empty query lists every statement (then fragments).
   */
  searchQuotes(typed: string, opts: { speaker?: string; limit?: number } = {}): RankedQuote[] {
    const limit = opts.limit ?? 50;
    const q = normalize(typed);
    let ranked: RankedQuote[];
    if (!q) {
      ranked = this.docs.map((d, i) => ({ quote: d.q, score: (d.q.kind === 'statement' ? 0 : 1) + i / 1e6, bySpeaker: false }));
    } else {
      const hits = new Map<number, number>();
      for (const d of this.docs) {
        if (d.n.startsWith(q)) hits.set(d.q.id, -2);
        else if (d.n.includes(q)) hits.set(d.q.id, -1);
      }
      if (hits.size < limit) {
        this.search ??= new WordSearch(this.docs.map((d) => d.n));
        for (const r of this.search.query(q, limit * 2)) {
          const id = this.docs[r.doc].q.id;
          if (!hits.has(id)) hits.set(id, r.score);
        }
      }
      ranked = [...hits].map(([id, score]) => ({ quote: this.quoteById.get(id)!, score, bySpeaker: false }));
    }
    if (opts.speaker) {
      for (const r of ranked) if (r.quote.speaker === opts.speaker) {
        r.bySpeaker = true;
        r.score -= 10;
      }
    }
    ranked.sort((a, b) => a.score - b.score || a.quote.id - b.quote.id);
    return ranked.slice(0, limit);
  }
}

const WORD = /[\p{L}\p{N}']+/gu;

/** Edit distance of a and b, or max+1 as soon as it must exceed max. */
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

/**
 * Fuzzy search over normalised texts by words: each typed word matches a text's words exactly, as a prefix (the word
 * being typed) or with a typo (one edit, two for long words); rare words count more than common ones. Scores are in
 * (0, 1], lower is better, so exact substring hits (scored below 0 by the caller) always come first.
 */
export class WordSearch {
  private readonly postings = new Map<string, number[]>();
  private readonly vocabulary: string[];
  private readonly cache = new Map<string, { word: string; weight: number }[]>();

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

  /** Vocabulary words a typed word may stand for, with how good the match is (1 exact, less for prefix or typo). */
  private candidates(typed: string, partial: boolean): { word: string; weight: number }[] {
    const key = `${partial ? 'p' : 'w'}:${typed}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out: { word: string; weight: number }[] = [];
    const maxEdits = typed.length >= 7 ? 2 : typed.length >= 4 ? 1 : 0;
    for (const word of this.vocabulary) {
      if (word === typed) out.push({ word, weight: 1 });
      else if (partial && word.startsWith(typed)) out.push({ word, weight: 0.9 });
      else if (maxEdits) {
        // The word being typed is compared with the word's prefixes of about its length ("mesage" ~ "message…").
        let d = boundedDistance(typed, word, maxEdits);
        if (partial) for (let n = typed.length - 1; n <= typed.length + 1 && d > 0; n++) if (n < word.length) d = Math.min(d, boundedDistance(typed, word.slice(0, n), maxEdits));
        if (d <= maxEdits) out.push({ word, weight: d === 1 ? 0.7 : 0.5 });
      }
    }
    if (this.cache.size > 500) this.cache.clear();
    this.cache.set(key, out);
    return out;
  }

  query(q: string, limit: number): { doc: number; score: number }[] {
    const words = q.match(WORD) ?? [];
    if (!words.length) return [];
    const partialLast = !/\s$/.test(q);
    const scores = new Float64Array(this.texts.length);
    let total = 0;
    words.forEach((typed, i) => {
      const cands = this.candidates(typed, partialLast && i === words.length - 1);
      const weight = cands.length ? Math.max(...cands.map((c) => this.idf(c.word))) : this.idf(typed);
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
