// Editor-side lookups over the index: fuzzy quote search (the core's QuoteSearch: prefix, substring, then a word
// index with prefix and typo matching, weighted by rarity, kept up to date per changed source), quotes by speaker,
// speaker/entity names as a writer types them ("Peskov", "Tim Ash", "Zelenskiy") — the names built lazily per index
// version.
import type { SourceIndex } from '../core/index/sourceIndex';
import { normalizeTyped, QuoteSearch, type RankedQuote } from '../core/index/quoteSearch';
import type { AnalyzedSource, Entity, Quote } from '../core/types';

/** Lower case, straight quotes and apostrophes, plain dashes, single spaces: for matching typed text. */
export const normalize = normalizeTyped;

export type { RankedQuote };

export class IndexLookup {
  /** lower-case name or alias → canonical speaker or entity name. */
  private namesMemo: Map<string, string> | undefined;
  private entityByNameMemo: Map<string, Entity> | undefined;
  private entityPattern: RegExp | undefined;

  private constructor(readonly index: SourceIndex) {}

  private get names(): Map<string, string> {
    if (this.namesMemo) return this.namesMemo;
    const names = new Map<string, string>();
    const entities = this.index.entities();
    const speakers = this.index.speakers();
    // Speakers first (they are who writers name before a quote), then entity names and aliases, then last names.
    const add = (key: string, canonical: string) => {
      const k = key.toLowerCase().trim();
      if (k && !names.has(k)) names.set(k, canonical);
    };
    for (const s of speakers) add(s, s);
    for (const e of entities) add(e.name, e.name);
    for (const e of entities) for (const a of e.aliases) add(a, e.name);
    for (const s of speakers) {
      const last = s.split(/\s+/).pop();
      if (last && last !== s) add(last, s);
    }
    for (const e of entities) {
      if (e.type !== 'person') continue;
      const last = e.name.split(/\s+/).pop();
      if (last && last !== e.name) add(last, e.name);
    }
    this.namesMemo = names;
    return names;
  }

  private get entityByName(): Map<string, Entity> {
    if (!this.entityByNameMemo) {
      this.entityByNameMemo = new Map();
      for (const e of this.index.entities()) this.entityByNameMemo.set(e.name.toLowerCase(), e);
    }
    return this.entityByNameMemo;
  }

  private static cache = new WeakMap<SourceIndex, { version: number; lookup: IndexLookup }>();

  /** The lookup for the index as it is now (a new one after any upsert/remove; what it builds, it builds lazily). */
  static of(index: SourceIndex): IndexLookup {
    const c = IndexLookup.cache.get(index);
    if (c && c.version === index.version) return c.lookup;
    const lookup = new IndexLookup(index);
    IndexLookup.cache.set(index, { version: index.version, lookup });
    return lookup;
  }

  quote(id: number): Quote | undefined {
    return this.index.quote(id);
  }

  source(q: Quote): AnalyzedSource | undefined {
    return this.index.sourceById(q.sourceId);
  }

  quotesBy(speaker: string): Quote[] {
    return this.index.quotesBy(speaker);
  }

  speakers(): string[] {
    return this.index.speakers();
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
    return QuoteSearch.for(this.index).search(typed, { ...opts, speakerQuotes: opts.speaker ? this.index.quotesBy(opts.speaker) : undefined });
  }

  /** A source quote holding exactly these words (normalised), longest match first. For a draft quotation the checker did not report. */
  findByWords(words: string): Quote | undefined {
    return QuoteSearch.for(this.index).findByWords(words);
  }
}
