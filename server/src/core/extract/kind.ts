import type { QuoteKind } from '../types';

// Statement or fragment: a statement is attributed speech or a full clause; a fragment is a scare quote,
// a title or name, or a short phrase lifted into the narrator's sentence ("red lines", "tank-busting").

const SMALL_WORDS = new Set(['of', 'the', 'and', 'a', 'an', 'in', 'on', 'for', 'to', 'with', 'at', 'by', 'from', 'or', 'is', 'my', 'me', 'it']);

export function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*/gu) ?? [];
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’\-][\p{L}\p{N}\p{M}]+)*/gu;

/** Number of words (runs of letters or digits), without building them. */
export function wordCount(text: string): number {
  let n = 0;
  WORD_RE.lastIndex = 0;
  // test, not exec: the same matches without building a result array for each (this ran for every word of every quote)
  while (WORD_RE.test(text)) n++;
  return n;
}

/** A name or title: every significant word capitalised, no sentence punctuation ("Joint Sea", "Million Dollar Baby"). */
export function titleLike(text: string): boolean {
  if (text.length > 120) return false;
  // sentence punctuation first: it rules out most quotes without splitting them into words
  if (/[.?!,;:]\s*$/.test(text.trim()) || /[.?!]\s/.test(text)) return false;
  const ws = words(text);
  if (ws.length < 2 || ws.length > 10) return false;
  return ws.every((w, i) => (i > 0 && SMALL_WORDS.has(w.toLowerCase())) || /^[\p{Lu}\p{N}]/u.test(w));
}

function startsUpper(text: string): boolean {
  const m = /[\p{L}]/u.exec(text);
  return !!m && /\p{Lu}/u.test(m[0]);
}

function endsSentence(text: string): boolean {
  return /[.?!…]["'’”)\]]*\s*$/.test(text);
}

/** The kind before attribution is known: long or sentence-like quotes are statements. */
export function preliminaryKind(text: string): QuoteKind {
  const n = wordCount(text);
  if (titleLike(text)) return 'fragment';
  if (n >= 8) return 'statement';
  if (n >= 4 && startsUpper(text) && /[.?!,…]\s*$/.test(text)) return 'statement';
  return 'fragment';
}

export interface KindContext {
  /** The quote is the direct object of a reporting verb right beside it ("…," he said / said: "…"). */
  adjacentCue: boolean;
  /** A speaker was found. */
  attributed: boolean;
  /** It continues or is continued by a statement of the same speaker (split or multi-paragraph quote). */
  inStatementGroup: boolean;
}

export function finalKind(text: string, ctx: KindContext): QuoteKind {
  const n = wordCount(text);
  if (n === 0) return 'fragment';
  if (titleLike(text) && !(ctx.adjacentCue && /[.?!,]\s*$/.test(text))) return 'fragment';
  if (ctx.inStatementGroup && n >= 2) return 'statement';
  if (ctx.adjacentCue) {
    if (!startsUpper(text) && n <= 3) return 'fragment';
    return 'statement';
  }
  // a noun phrase lifted into the narrator's sentence ("a senseless desecration of …")
  if (/^(a|an|the|whatever|such|some|this|that|these|those|his|her|their|its|our|any|no|every|all|more|most|much|many)\s/.test(text) && !/[.?!;]\s/.test(text) && n < 12) return 'fragment';
  if (n >= 8 && (ctx.attributed || startsUpper(text))) return 'statement';
  if (n >= 5 && startsUpper(text) && endsSentence(text)) return 'statement';
  return 'fragment';
}
