// The tiers of matching a draft quotation against the sources:
//  1. exact: the normalised words occur contiguously somewhere (quotes and narrative alike);
//  2. marked edits: the pieces between ellipses (…) and editorial [brackets] occur in order, close
//     together (an ellipsis may stand for up to ELLIPSIS_MAX_WORDS words, brackets for a few);
//  3. alignment: the best candidate passage (found by rare-word voting in the passage index) is
//     aligned word by word, and accepted as a near match when it is close enough.
import type { PassageSearch } from '../index/store';
import { alignWords, hunksOf, BRACKET_MAX_WORDS, ELLIPSIS_MAX_WORDS, Gap, type Alignment } from './align';
import type { QuotationWords } from './words';

export type Tier = 'exact' | 'ellipsis' | 'bracket' | 'aligned';

export interface PassageMatch {
  tier: Tier;
  doc: number;
  /** Source words [from, to). */
  from: number;
  to: number;
  /** For 'aligned': the alignment, its source indices relative to `windowFrom`. */
  alignment?: Alignment;
  windowFrom?: number;
  /** For 'aligned': weighted similarity in [0, 1]. */
  similarity?: number;
  /** For 'aligned': share of the quotation's weight that matched, in [0, 1]. */
  coverage?: number;
}

/** How many places of the anchor piece are tried (and how many exact places are listed at most). */
export const MARKED_HIT_LIMIT = 1000;
export const EXACT_HIT_LIMIT = 200;

export interface MatchOptions {
  /** Restrict to these documents (a citation key). */
  docs?: Set<number>;
  /** Quotations with fewer words are not aligned (only exact and marked matches). */
  minAlignWords: number;
  /** A bonus for a passage (e.g. when its speaker is the one the draft names); 0 when indifferent. */
  prefer?: (doc: number, from: number, to: number) => number;
}

/** Words that are in no source: same weight as the rarest. */
function weight(pidx: PassageSearch, id: number): number {
  return id < 0 ? Math.log(pidx.totalWords + 1) : pidx.idf(id);
}

/** All exact occurrences (tier 1), then marked-edit matches (tier 2). Empty when neither applies. */
export function exactMatches(pidx: PassageSearch, words: QuotationWords, opts: MatchOptions): PassageMatch[] {
  const allIds = words.all.map((w) => pidx.idOf(w.key));
  const hits = pidx.findExact(allIds, opts.docs, EXACT_HIT_LIMIT);
  const exact = hits.map((h) => ({ tier: 'exact' as const, doc: h.doc, from: h.pos, to: h.pos + allIds.length }));
  if (words.markers.length === 0) return exact;
  // With marks, the words may also occur without the marked omission: both kinds are candidates.
  const marked = markedMatches(pidx, words, opts).filter((m) => !exact.some((e) => e.doc === m.doc && e.from === m.from));
  return [...exact, ...marked];
}

function markedMatches(pidx: PassageSearch, words: QuotationWords, opts: MatchOptions): PassageMatch[] {
  const n = words.pieces.length;
  const ids = words.pieces.map((w) => pidx.idOf(w.key));
  if (ids.some((id) => id < 0)) return [];
  // Segments between marks (marks at the very start or end only say the quotation is partial).
  const segs: Array<{ a: number; b: number; gap: number }> = [];
  let a = 0;
  for (let r = 1; r < n; r++) {
    if (words.gaps[r] !== Gap.None) {
      segs.push({ a, b: r, gap: a === 0 ? Gap.None : words.gaps[a] });
      a = r;
    }
  }
  segs.push({ a, b: n, gap: a === 0 ? Gap.None : words.gaps[a] });
  const nonEmpty = segs.filter((s) => s.b > s.a);
  if (nonEmpty.length === 0) return [];
  // The anchor: the most selective piece (its rarest word is the rarest; longer breaks ties).
  const rarest = (sg: { a: number; b: number }) => Math.min(...ids.slice(sg.a, sg.b).map((id) => pidx.df(id)));
  let anchor = 0;
  for (let k = 1; k < nonEmpty.length; k++) {
    const r = rarest(nonEmpty[k]) - rarest(nonEmpty[anchor]);
    if (r < 0 || (r === 0 && nonEmpty[k].b - nonEmpty[k].a > nonEmpty[anchor].b - nonEmpty[anchor].a)) anchor = k;
  }
  const seg = nonEmpty[anchor];
  const anchorIds = ids.slice(seg.a, seg.b);
  const hits = pidx.findExact(anchorIds, opts.docs, MARKED_HIT_LIMIT);
  const usesEllipsis = nonEmpty.some((s, k) => k > 0 && s.gap === Gap.Ellipsis);
  const out: PassageMatch[] = [];
  const maxGap = (g: number) => (g === Gap.Bracket ? BRACKET_MAX_WORDS : ELLIPSIS_MAX_WORDS);
  for (const hit of hits) {
    let ok = true;
    let right = hit.pos + (seg.b - seg.a);
    for (let k = anchor + 1; k < nonEmpty.length && ok; k++) {
      const s = nonEmpty[k];
      const len = s.b - s.a;
      const found = pidx.findInRange(hit.doc, ids.slice(s.a, s.b), right, right + maxGap(s.gap) + 1);
      if (found.length === 0) ok = false;
      else right = found[0] + len;
    }
    let left = hit.pos;
    for (let k = anchor - 1; k >= 0 && ok; k--) {
      const s = nonEmpty[k];
      const len = s.b - s.a;
      const g = nonEmpty[k + 1].gap;
      const found = pidx.findInRange(hit.doc, ids.slice(s.a, s.b), left - len - maxGap(g), left - len + 1);
      if (found.length === 0) ok = false;
      else left = found[found.length - 1];
    }
    if (ok) out.push({ tier: usesEllipsis ? 'ellipsis' : 'bracket', doc: hit.doc, from: left, to: right });
  }
  return out;
}

/**
 * Tier 3: the closest passage by word alignment that is near enough to call the quotation a misquote
 * of it (see isNearMatch), or undefined. Each candidate region is aligned twice: with every kind of
 * edit, and with omissions only (so "two exact pieces with words left out between" is not mistaken
 * for a few changed words).
 */
export function alignedMatch(pidx: PassageSearch, words: QuotationWords, opts: MatchOptions): PassageMatch | undefined {
  const n = words.pieces.length;
  if (n < opts.minAlignWords) return undefined;
  const ids = words.pieces.map((w) => pidx.idOf(w.key));
  let ellipses = 0;
  let brackets = 0;
  for (let r = 1; r < n; r++) {
    if (words.gaps[r] === Gap.Ellipsis) ellipses++;
    else if (words.gaps[r] === Gap.Bracket) brackets++;
  }
  const slack = 8 + Math.ceil(n / 8) + ellipses * ELLIPSIS_MAX_WORDS + brackets * BRACKET_MAX_WORDS;
  const regions = pidx.candidates(ids, { docs: opts.docs, slack, maxRegions: 4 });
  let best: PassageMatch | undefined;
  let bestScore = -Infinity;
  const allKnown = ids.every((id) => id >= 0);
  for (const r of regions) {
    const d = pidx.docs[r.doc];
    const docWords = d.ids;
    const from = Math.max(0, r.from - 10);
    const to = Math.min(docWords.length, r.to + 10);
    const sentenceEnd = (s: number) => {
      const g = from + s;
      return g + 1 >= docWords.length || /[.!?\n"“”]/.test(d.source.text.slice(d.ends[g], d.starts[g + 1]));
    };
    const tries = [alignWords(ids, words.gaps, docWords, from, to, sentenceEnd)];
    if (allKnown) {
      const omissions = alignWords(ids, words.gaps, docWords, from, to, undefined, true);
      if (omissions.ops.every((op) => op.kind !== 'sub' && op.kind !== 'ins')) tries.push(omissions);
    }
    for (const al of tries) {
      if (al.first < 0 || al.matches === 0) continue;
      const { sim, coverage } = similarity(pidx, ids, al, docWords, from);
      const m: PassageMatch = { tier: 'aligned', doc: r.doc, from: from + al.first, to: from + al.last + 1, alignment: al, windowFrom: from, similarity: sim, coverage };
      if (!isNearMatch(m, words, pidx)) continue;
      // Close candidates are told apart by the speaker the draft names.
      const bonus = opts.prefer ? opts.prefer(r.doc, m.from, m.to) : 0;
      const score = sim * 10 - al.cost * 0.01 + bonus;
      if (score > bestScore) {
        bestScore = score;
        best = m;
      }
    }
  }
  return best;
}

/** Weighted overlap (rare words count more) of the quotation and the passage it aligned with. */
function similarity(pidx: PassageSearch, ids: number[], al: Alignment, docWords: Int32Array, from: number): { sim: number; coverage: number } {
  let wm = 0;
  let wd = 0;
  let ws = 0;
  for (const id of ids) wd += weight(pidx, id);
  for (const op of al.ops) {
    if (op.kind === 'match') wm += weight(pidx, ids[op.d]);
    if (op.s >= 0 && op.kind !== 'skip') ws += weight(pidx, docWords[from + op.s]);
  }
  return { sim: wd + ws > 0 ? (2 * wm) / (wd + ws) : 0, coverage: wd > 0 ? wm / wd : 0 };
}

/**
 * Whether an aligned passage is close enough to call the quotation a misquote of it. Either light
 * edits (a few words changed, added or dropped; weighted similarity ≥ 0.5), or every word of the
 * quotation present in order, only with words dropped (or whole phrases moved) — an unmarked omission,
 * however long, provided the pieces are substantial. A sentence with many words changed is not a
 * misquote of the passage it shares some words with; it is unverified.
 */
export function isNearMatch(m: PassageMatch, words: QuotationWords, pidx: PassageSearch): boolean {
  const al = m.alignment!;
  const n = words.pieces.length;
  if (al.matches < 3) return false;
  const runs: number[] = [];
  let run = 0;
  for (const op of al.ops) {
    if (op.kind === 'match') run++;
    else if (op.kind !== 'skip' && run) {
      runs.push(run);
      run = 0;
    }
  }
  if (run) runs.push(run);
  const longest = Math.max(0, ...runs);
  if (longest < 2) return false;
  const dropped = al.ops.filter((op) => op.kind === 'del').length;
  const subs = al.ops.filter((op) => op.kind === 'sub').length;
  // Added words that are in the source near the passage were moved, not invented.
  let added = 0;
  let movedWeight = 0;
  for (const h of hunksOf(al.ops)) {
    if (h.d.length === 0 || h.s.length > 0) continue;
    const ids = h.d.map((i) => pidx.idOf(words.pieces[i].key));
    if (ids.length >= 2 && ids.every((id) => id >= 0) && pidx.findInRange(m.doc, ids, m.from - 60, m.to + 60).length > 0) {
      for (const id of ids) movedWeight += pidx.idf(id);
    } else added += h.d.length;
  }
  const other = subs + added;
  if (al.matches >= n * 0.6 && (m.similarity ?? 0) >= 0.5 && dropped + other <= Math.max(2, n / 3)) return true;
  if (other > 0) return false;
  let wd = 0;
  for (const w of words.pieces) wd += weight(pidx, pidx.idOf(w.key));
  const coverage = (m.coverage ?? 0) + (wd > 0 ? movedWeight / wd : 0);
  if (coverage < 0.99) return false;
  return dropped <= Math.max(3, n / 2) || (n >= 6 && runs.every((r) => r >= 3));
}
