// The tiers of matching a draft quotation against the sources:
//  1. exact: the normalised words occur contiguously somewhere (quotes and narrative alike);
//  2. marked edits: the pieces between ellipses (…) and editorial [brackets] occur in order, close
//     together (an ellipsis may stand for up to ELLIPSIS_MAX_WORDS words, brackets for a few);
//  3. alignment: the best candidate passage (found by rare-word voting in the passage index) is
//     aligned word by word, and accepted as a near match when it is close enough.
import type { PassageIndex } from '../index/passageIndex';
import { alignWords, BRACKET_MAX_WORDS, ELLIPSIS_MAX_WORDS, Gap, type Alignment } from './align';
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

export interface MatchOptions {
  /** Restrict to these documents (a citation key). */
  docs?: Set<number>;
  /** Quotations with fewer words are not aligned (only exact and marked matches). */
  minAlignWords: number;
}

/** Words that are in no source: same weight as the rarest. */
function weight(pidx: PassageIndex, id: number): number {
  return id < 0 ? Math.log(pidx.totalWords + 1) : pidx.idf(id);
}

/** All exact occurrences (tier 1), then marked-edit matches (tier 2). Empty when neither applies. */
export function exactMatches(pidx: PassageIndex, words: QuotationWords, opts: MatchOptions): PassageMatch[] {
  const allIds = words.all.map((w) => pidx.idOf(w.key));
  const hits = pidx.findExact(allIds, opts.docs);
  if (hits.length) return hits.map((h) => ({ tier: 'exact' as const, doc: h.doc, from: h.pos, to: h.pos + allIds.length }));
  if (words.markers.length === 0) return [];
  return markedMatches(pidx, words, opts);
}

function markedMatches(pidx: PassageIndex, words: QuotationWords, opts: MatchOptions): PassageMatch[] {
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
  let anchor = 0;
  for (let k = 1; k < nonEmpty.length; k++) if (nonEmpty[k].b - nonEmpty[k].a > nonEmpty[anchor].b - nonEmpty[anchor].a) anchor = k;
  const seg = nonEmpty[anchor];
  const anchorIds = ids.slice(seg.a, seg.b);
  const hits = pidx.findExact(anchorIds, opts.docs, 200);
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

/** Tier 3: the closest passage by word alignment, or undefined when nothing is close. */
export function alignedMatch(pidx: PassageIndex, words: QuotationWords, opts: MatchOptions): PassageMatch | undefined {
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
  for (const r of regions) {
    const d = pidx.docs[r.doc];
    const docWords = d.ids;
    const from = Math.max(0, r.from - 10);
    const to = Math.min(docWords.length, r.to + 10);
    const sentenceEnd = (s: number) => {
      const g = from + s;
      return g + 1 >= docWords.length || /[.!?\n"“”]/.test(d.source.text.slice(d.ends[g], d.starts[g + 1]));
    };
    const al = alignWords(ids, words.gaps, docWords, from, to, sentenceEnd);
    if (al.first < 0 || al.matches === 0) continue;
    const { sim, coverage } = similarity(pidx, ids, al, docWords, from);
    const score = sim * 10 - al.cost * 0.01;
    if (score > bestScore) {
      bestScore = score;
      best = { tier: 'aligned', doc: r.doc, from: from + al.first, to: from + al.last + 1, alignment: al, windowFrom: from, similarity: sim, coverage };
    }
  }
  return best;
}

/** Weighted overlap (rare words count more) of the quotation and the passage it aligned with. */
function similarity(pidx: PassageIndex, ids: number[], al: Alignment, docWords: Int32Array, from: number): { sim: number; coverage: number } {
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

/** Whether an aligned passage is close enough to call the quotation a misquote of it. */
export function isNearMatch(m: PassageMatch, words: QuotationWords): boolean {
  const al = m.alignment!;
  const n = words.pieces.length;
  if (al.matches < 3) return false;
  if (al.matches < n * 0.5) return false;
  // A run of at least two matched words in a row.
  let run = 0;
  let longest = 0;
  for (const op of al.ops) {
    if (op.kind === 'match') longest = Math.max(longest, ++run);
    else if (op.kind !== 'skip') run = 0;
  }
  if (longest < 2) return false;
  if ((m.similarity ?? 0) >= 0.5) return true;
  // Every word of the quotation is in the passage, in order, and a few source words were dropped
  // (the dropped words may be rare, which lowers the similarity, but the quotation is plainly theirs).
  const dropped = al.ops.filter((op) => op.kind === 'del').length;
  const other = al.ops.filter((op) => op.kind === 'sub' || op.kind === 'ins').length;
  return other === 0 && dropped <= 3 && (m.coverage ?? 0) >= 0.99;
}
