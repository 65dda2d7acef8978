// The index behind the features, as interfaces: what the editor features, the CLI and the checker read from the
// sources. The in-memory implementations are SourceIndex (QuoteStore), QuoteSearch (QuoteFinder) and PassageIndex
// (PassageSearch); another backend (a search engine holding a newsroom's archive, see docs/SCALING.md) implements the
// same three and the features do not change. Everything here is plain data in, plain data out.
import type { AnalyzedSource, Entity, Quote } from '../types';
import type { LineIndex } from '../text/lineIndex';
import type { Hit, SourceWords } from './passageIndex';

/** One source added or removed (a replacement is a removal, then an addition). */
export interface SourceChange {
  kind: 'add' | 'remove';
  source: AnalyzedSource;
}

/** What changed since a version: the sources in order, the merged entities and the speakers they touched. */
export interface IndexChanges {
  sources: SourceChange[];
  /** Merged entities whose fields changed, were created or were dropped (dropped ones fail `hasEntity`). */
  entities: Set<Entity>;
  /** Speakers whose list of quotes changed. */
  speakers: Set<string>;
}

/** The sources, their quotes and the entities merged across them. */
export interface QuoteStore {
  /** Bumped on every change; anything derived is valid for one version. */
  readonly version: number;
  readonly sourceCount: number;
  readonly quoteCount: number;
  readonly entityCount: number;
  /** Every source (the Sources view, citation keys). A remote store lists a page at a time instead. */
  readonly sources: AnalyzedSource[];
  sourceById(id: string): AnalyzedSource | undefined;
  sourceByPath(path: string): AnalyzedSource | undefined;
  lines(source: AnalyzedSource): LineIndex;
  quote(id: number): Quote | undefined;
  quotes(): Quote[];
  quotesBy(speaker: string): Quote[];
  speakers(): string[];
  entities(): Entity[];
  hasEntity(e: Entity): boolean;
  /** For derived indexes to catch up; undefined when they must rebuild. */
  changesSince(version: number): IndexChanges | undefined;
}

export interface RankedQuote {
  quote: Quote;
  /** Lower is better. */
  score: number;
  bySpeaker: boolean;
}

/** Quotes as a writer types them (completion), and the quote holding given words (hover without a check). */
export interface QuoteFinder {
  search(typed: string, opts?: { speaker?: string; limit?: number; speakerQuotes?: Quote[] }): RankedQuote[];
  findByWords(words: string): Quote | undefined;
}

/** A candidate passage: local word positions [from, to) of a document, and how strongly the quotation voted for it. */
export interface Region {
  doc: number;
  from: number;
  to: number;
  weight: number;
}

/**
 * Candidate retrieval for the checker: where a quotation's words occur exactly, and which passages it most likely
 * comes from when it is not exact. Documents are numbered; `docs[doc]` gives the words of a document that a hit
 * or a region is in (a remote backend fetches and keeps those few documents locally, where the alignment runs).
 */
export interface PassageSearch {
  readonly docs: SourceWords[];
  readonly totalWords: number;
  idOf(key: string): number;
  keyOf(id: number): string;
  df(id: number): number;
  idf(id: number): number;
  docIndex(sourceId: string): number | undefined;
  findExact(ids: ArrayLike<number>, docs?: Set<number>, limit?: number): Hit[];
  findInRange(doc: number, ids: ArrayLike<number>, from: number, to: number): number[];
  candidates(ids: ArrayLike<number>, opts?: { docs?: Set<number>; maxRegions?: number; slack?: number }): Region[];
  quoteAt(doc: number, from: number, to: number): Quote | undefined;
}
