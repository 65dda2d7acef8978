// Plain data shared by every part of the core. Offsets are UTF-16 code-unit offsets into the
// original text of a document (front matter included), so they map back to the file as LSP expects.

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Something wrong with an input (a source or a draft) that the user must hear about. */
export interface Problem {
  severity: Severity;
  message: string;
  /** Where in the document, when known. */
  span?: Span;
}

export interface SourceMeta {
  /** Stable id used in citation keys ([@id]). Derived from the file name when front matter has none. */
  id: string;
  title?: string;
  outlet?: string;
  author?: string;
  /** ISO date (YYYY-MM-DD) when given. */
  date?: string;
  url?: string;
}

export type QuoteKind = 'statement' | 'fragment';

export interface Quote {
  /** Index-wide unique number. */
  id: number;
  sourceId: string;
  /** The quote's words without the outer marks, exactly as in the source. */
  text: string;
  /** Span of `text` in the source (without the marks). */
  span: Span;
  /** Canonical full name of the speaker, or null when no attribution was found. */
  speaker: string | null;
  /** 'statement' = attributed speech; 'fragment' = scare quote, title, short phrase. */
  kind: QuoteKind;
  /** The paragraph that holds the quote's start. */
  paragraph: Span;
  /** Span of the attribution cue ("he said", "said Tim Ash"), when found. */
  cue?: Span;
  /** Quotes split by an attribution ("…," he said. "…") share a group number. */
  group?: number;
}

export type EntityType = 'person' | 'organization' | 'place';

export interface Mention {
  sourceId: string;
  span: Span;
}

export interface Entity {
  /** Canonical name: the fullest form seen ("Tim Ash", "Dmitry Peskov"). */
  name: string;
  type: EntityType;
  /** Other forms that refer to the same entity ("Ash", "President Putin"). */
  aliases: string[];
  /** Role or title from an appositive or a pre-modifier ("senior sovereign strategist"). */
  role?: string;
  /** Organisation the role is at ("BlueBay Asset Management"). */
  affiliation?: string;
  mentions: Mention[];
}

/** One source document after analysis. */
export interface AnalyzedSource {
  /** Host path or URI, passed through untouched. */
  path: string;
  meta: SourceMeta;
  /** The original text (after decoding), front matter included. */
  text: string;
  /** Offset where the body starts (after front matter). */
  bodyStart: number;
  quotes: Quote[];
  entities: Entity[];
  problems: Problem[];
}
