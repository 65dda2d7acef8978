// Editor-side lookups over the index: fuzzy quote search (the core's QuoteSearch: prefix, substring, then a word
// index with prefix and typo matching, weighted by rarity), quotes by speaker, speaker/entity names as a writer types
// them ("Peskov", "Tim Ash", "Zelenskiy") and names in a line (the core's NameIndex) — all kept up to date per
// changed source, not rebuilt.
import type { SourceIndex } from '../core/index/sourceIndex';
import { NameIndex } from '../core/index/nameIndex';
import { normalizeTyped, QuoteSearch, type RankedQuote } from '../core/index/quoteSearch';
import type { AnalyzedSource, Entity, Quote } from '../core/types';

/** Lower case, straight quotes and apostrophes, plain dashes, single spaces: for matching typed text. */
export const normalize = normalizeTyped;

export type { RankedQuote };

export class IndexLookup {
  private constructor(readonly index: SourceIndex) {}

  /** Names and entity forms, kept up to date per change in the core (NameIndex). */
  private get names(): NameIndex {
    return NameIndex.for(this.index);
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
    return this.names.resolveName(written);
  }

  entity(name: string): Entity | undefined {
    return this.names.entity(name);
  }

  entities(): Entity[] {
    return this.index.entities();
  }

  /** Every entity name or alias occurring in `line`, as spans relative to it (longest first at a place). */
  entityMentions(line: string): { start: number; end: number; entity: Entity }[] {
    return this.names.entityMentions(line);
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
