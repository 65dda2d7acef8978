// The checker's contract: what it finds in a draft. The codes are a public contract (CLI JSON, LSP diagnostics).
import type { Severity, Span } from '../types';

export type FindingCode = 'misquote' | 'wrong-speaker' | 'unverified-quote' | 'unknown-source';

/** A text edit in the draft: replace `span` with `newText`. */
export interface Fix {
  title: string;
  span: Span;
  newText: string;
}

/** Where a finding points in a source. */
export interface SourceRef {
  /** Source path as the host gave it. */
  path: string;
  sourceId: string;
  /**
   * The source's speaker of the matched passage: the quote's speaker; for the article's own narrative
   * (outside any quote) its author or outlet when the source names one; null when unknown.
   */
  speaker: string | null;
  span: Span;
  /** The id of the matched source quote, when the passage is one. */
  quoteId?: number;
  /** True when the passage is the article's own narrative, not a quote in it. */
  narrative?: boolean;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, in words a writer understands. */
  message: string;
  /** Span in the draft (the quotation's words, the speaker name, or the citation key). */
  span: Span;
  /** Source wording vs the draft's, for display: e.g. 'source: “…” · draft: “…”'. */
  difference?: { source: string; draft: string };
  source?: SourceRef;
  fixes: Fix[];
}

/** A quotation found in the draft, verified or not. */
export interface DraftQuotation {
  /** The quoted words without the marks. */
  text: string;
  span: Span;
  /** Span including the quote marks (for fixes that keep the writer's marks). */
  outer: Span;
  /**
   * Speaker the draft gives (as written), with its span, when attributed. For a pronoun ("he said"),
   * `name` is the pronoun and `resolved` the person it refers to (the person last named).
   */
  attributedTo?: { name: string; span: Span; resolved?: string };
  /** Citation key beside the quotation ([@id]), when present. */
  citation?: { key: string; span: Span };
  status: 'verified' | 'misquote' | 'wrong-speaker' | 'unverified' | 'short';
  /** The source passage it matched, when any. */
  match?: SourceRef;
}

export interface CheckOptions {
  /** Minimum words for an unmatched quotation to be reported as unverified-quote. Default 5. */
  minUnverifiedWords?: number;
  /** Severity overrides per code (the server maps settings here). */
  severity?: Partial<Record<FindingCode, Severity | 'off'>>;
  /**
   * Reuse what earlier checks against the same index version found for quotations whose inputs are unchanged
   * (default true: a keystroke checks again only what it changed). false checks every quotation afresh and
   * remembers nothing; the result is the same.
   */
  remember?: boolean;
}

/** What a check found. Read-only: a quotation's objects are shared with later checks that reuse its outcome. */
export interface CheckResult {
  quotations: DraftQuotation[];
  findings: Finding[];
}
