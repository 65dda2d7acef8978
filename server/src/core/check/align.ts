// Word-level alignment of a draft quotation against a source passage, and the classification of the
// differences a writer must hear about (a word changed, added, dropped, reordered; a negation, number,
// date or name changed).

/** What lies between two words of the quotation: nothing, a marked omission (…) or editorial [brackets]. */
export const Gap = { None: 0, Ellipsis: 1, Bracket: 2 } as const;
/** Editorial brackets may stand in for at most this many source words. */
export const BRACKET_MAX_WORDS = 6;
/** Words an ellipsis may stand for ("close together"). */
export const ELLIPSIS_MAX_WORDS = 80;

export type OpKind = 'match' | 'sub' | 'ins' | 'del' | 'skip';
/** d: index of the draft word (or -1); s: index of the source word in the aligned array (or -1). */
export interface AlignOp {
  kind: OpKind;
  d: number;
  s: number;
}

export interface Alignment {
  ops: AlignOp[];
  /** Number of edits: substitutions, insertions and deletions that no mark accounts for. */
  cost: number;
  matches: number;
  /** First and last source index aligned with a draft word or dropped (inclusive), or -1 when none. */
  first: number;
  last: number;
}

/**
 * Semi-global alignment (the quotation anywhere inside `source[from, to)`), maximising a score: +2
 * for a matched word, -1 for a changed, added or dropped word; dropping source words costs nothing at
 * a row whose gap is an ellipsis or bracket (and before the first and after the last word). The match
 * reward makes "the draft dropped two words" win over "the draft's last word is not in the source".
 * Unknown words (id < 0) never match. `sentenceEnd(s)` says a sentence ends after source word s
 * (relative to `from`): a changed word at either end of the quotation is paired with the next source
 * word only inside the same sentence.
 */
export function alignWords(
  draft: ArrayLike<number>,
  gaps: ArrayLike<number>,
  source: ArrayLike<number>,
  from: number,
  to: number,
  sentenceEnd?: (s: number) => boolean,
  omissionsOnly = false,
): Alignment {
  const n = draft.length;
  const m = Math.max(0, to - from);
  const W = m + 1;
  const D = new Int32Array((n + 1) * W);
  const MATCH = 2;
  // Omissions only: every draft word must match; changing or adding a word is (almost) impossible.
  const EDIT = omissionsOnly ? 100000 : 1;
  const free = (i: number) => i === 0 || i === n || gaps[i] !== Gap.None;
  for (let j = 0; j <= m; j++) D[j] = 0;
  for (let i = 1; i <= n; i++) {
    const row = i * W;
    const prev = row - W;
    const a = draft[i - 1];
    const skipCost = free(i) ? 0 : 1;
    D[row] = D[prev] - EDIT;
    for (let j = 1; j <= m; j++) {
      const b = source[from + j - 1];
      let best = D[prev + j - 1] + (a >= 0 && a === b ? MATCH : -EDIT);
      const ins = D[prev + j] - EDIT;
      if (ins > best) best = ins;
      const del = D[row + j - 1] - skipCost;
      if (del > best) best = del;
      D[row + j] = best;
    }
  }
  const ops: AlignOp[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = D[i * W + j];
    if (i > 0 && j > 0) {
      const a = draft[i - 1];
      const b = source[from + j - 1];
      if (a >= 0 && a === b && here === D[(i - 1) * W + j - 1] + MATCH) {
        ops.push({ kind: 'match', d: i - 1, s: j - 1 });
        i--;
        j--;
        continue;
      }
    }
    if (j > 0 && free(i) && here === D[i * W + j - 1]) {
      ops.push({ kind: 'skip', d: -1, s: j - 1 });
      j--;
      continue;
    }
    if (i > 0 && j > 0 && here === D[(i - 1) * W + j - 1] - EDIT) {
      ops.push({ kind: 'sub', d: i - 1, s: j - 1 });
      i--;
      j--;
      continue;
    }
    if (j > 0 && i > 0 && here === D[i * W + j - 1] - 1) {
      ops.push({ kind: 'del', d: -1, s: j - 1 });
      j--;
      continue;
    }
    ops.push({ kind: 'ins', d: i - 1, s: -1 });
    i--;
  }
  ops.reverse();
  // Leading and trailing skips are outside the passage; drop them.
  let lo = 0;
  while (lo < ops.length && ops[lo].kind === 'skip') lo++;
  let hi = ops.length;
  while (hi > lo && ops[hi - 1].kind === 'skip') hi--;
  let core = ops.slice(lo, hi);
  if (!omissionsOnly) core = pairEdgeInsertions(core, m, sentenceEnd);
  // A bracket stands for a few words only; more is an unmarked omission.
  let k = 0;
  while (k < core.length) {
    if (core[k].kind !== 'skip') {
      k++;
      continue;
    }
    let e = k;
    while (e < core.length && core[e].kind === 'skip') e++;
    const row = nextDraftRow(core, e, n);
    if (gaps[row] === Gap.Bracket && e - k > BRACKET_MAX_WORDS) for (let t = k; t < e; t++) core[t] = { kind: 'del', d: -1, s: core[t].s };
    if (gaps[row] === Gap.Ellipsis && e - k > ELLIPSIS_MAX_WORDS) for (let t = k; t < e; t++) core[t] = { kind: 'del', d: -1, s: core[t].s };
    k = e;
  }
  let cost = 0;
  let matches = 0;
  let first = -1;
  let last = -1;
  for (const op of core) {
    if (op.kind === 'match') matches++;
    else if (op.kind !== 'skip') cost++;
    if (op.s >= 0 && op.kind !== 'skip') {
      if (first < 0) first = op.s;
      last = op.s;
    }
  }
  return { ops: core, cost, matches, first, last };
}

/**
 * Draft words added at the very start or end of the quotation, next to source words the alignment
 * left outside, are more likely changed words ("we have seen" for "we have witnessed recently"):
 * pair them with those source words, within the same sentence.
 */
function pairEdgeInsertions(ops: AlignOp[], m: number, sentenceEnd?: (s: number) => boolean): AlignOp[] {
  const out = [...ops];
  // End.
  let e = out.length;
  while (e > 0 && out[e - 1].kind === 'ins') e--;
  if (e < out.length && e > 0) {
    const lastS = out[e - 1].s;
    if (lastS >= 0) {
      let s = lastS + 1;
      for (let t = e; t < out.length && s < m; t++, s++) {
        if (sentenceEnd && sentenceEnd(s - 1)) break;
        out[t] = { kind: 'sub', d: out[t].d, s };
      }
    }
  }
  // Start.
  let b = 0;
  while (b < out.length && out[b].kind === 'ins') b++;
  if (b > 0 && b < out.length) {
    const firstS = out[b].s;
    if (firstS >= 0) {
      let s = firstS - 1;
      for (let t = b - 1; t >= 0 && s >= 0; t--, s--) {
        if (sentenceEnd && sentenceEnd(s)) break;
        out[t] = { kind: 'sub', d: out[t].d, s };
      }
    }
  }
  return out;
}

/** The draft row (number of draft words consumed) at op index `e`. */
function nextDraftRow(ops: AlignOp[], e: number, n: number): number {
  for (let t = e; t < ops.length; t++) if (ops[t].d >= 0) return ops[t].d;
  return n;
}

/** A run of differences between two matched words. Indices are into the draft words / aligned source. */
export interface Hunk {
  d: number[];
  s: number[];
  /** The matched words around the hunk (-1 when the hunk is at an edge or next to a marked omission). */
  dPrev: number;
  sPrev: number;
  dNext: number;
  sNext: number;
}

export function hunksOf(ops: AlignOp[]): Hunk[] {
  const hunks: Hunk[] = [];
  let cur: Hunk | undefined;
  let prev: AlignOp | undefined;
  let skipped = false;
  for (const op of ops) {
    if (op.kind === 'match') {
      if (cur) {
        cur.dNext = skipped ? -1 : op.d;
        cur.sNext = skipped ? -1 : op.s;
        hunks.push(cur);
        cur = undefined;
      }
      prev = op;
      skipped = false;
    } else if (op.kind === 'skip') {
      skipped = true;
    } else {
      if (!cur) {
        cur = { d: [], s: [], dPrev: prev && !skipped ? prev.d : -1, sPrev: prev && !skipped ? prev.s : -1, dNext: -1, sNext: -1 };
        skipped = false;
      }
      if (op.d >= 0) cur.d.push(op.d);
      if (op.s >= 0) cur.s.push(op.s);
    }
  }
  if (cur) hunks.push(cur);
  return hunks;
}

const NEGATIONS = new Set(['not', 'no', 'never', 'nothing', 'none', 'nobody', 'neither', 'nor', 'cannot', 'nowhere', 'without']);
export function isNegation(key: string): boolean {
  return NEGATIONS.has(key) || key.endsWith("n't");
}
const NUMBER_WORDS = new Set(
  (
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen ' +
    'eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion ' +
    'first second third fourth fifth sixth seventh eighth ninth tenth half quarter double triple twice dozen dozens ' +
    'hundreds thousands millions billions bn mn m k per cent percent'
  ).split(' '),
);
export function isNumberWord(key: string): boolean {
  return /\d/.test(key) || NUMBER_WORDS.has(key) || key === '$' || key === '£' || key === '€' || key === '%' || key === '¥';
}
const DATE_WORDS = new Set(
  (
    'january february march april may june july august september october november december jan feb mar apr jun jul aug ' +
    'sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow tonight ' +
    'week weekend month year decade century spring summer autumn winter'
  ).split(' '),
);
export function isDateWord(key: string): boolean {
  return DATE_WORDS.has(key) || /^(1[5-9]|20)\d\d$/.test(key);
}

export type Flip = 'negation' | 'number' | 'date' | 'name';

export interface HunkInfo {
  kind: 'changed' | 'added' | 'dropped' | 'reordered';
  flips: Flip[];
}

/**
 * Classifies a hunk from the words on each side. `proper(side, index)` says whether a word is a
 * proper name (capitalised in mid-sentence in its own text).
 */
export function classifyHunk(srcKeys: string[], draftKeys: string[], srcProper: boolean[], draftProper: boolean[]): HunkInfo {
  const kind: HunkInfo['kind'] =
    srcKeys.length && draftKeys.length
      ? [...srcKeys].sort().join(' ') === [...draftKeys].sort().join(' ')
        ? 'reordered'
        : 'changed'
      : srcKeys.length
        ? 'dropped'
        : 'added';
  const flips: Flip[] = [];
  // A long stretch left out (a sentence, an attribution between two quotes) is an omission, not a flip.
  if (kind === 'dropped' && srcKeys.length > 4) return { kind, flips };
  const neg = (ks: string[]) => ks.filter(isNegation).length;
  if (neg(srcKeys) !== neg(draftKeys)) flips.push('negation');
  if (kind !== 'reordered') {
    const nums = (ks: string[]) => ks.filter(isNumberWord).sort().join(' ');
    if (nums(srcKeys) !== nums(draftKeys)) flips.push('number');
    const dates = (ks: string[]) => ks.filter(isDateWord).sort().join(' ');
    if (!flips.includes('number') && dates(srcKeys) !== dates(draftKeys)) flips.push('date');
    if (kind === 'changed') {
      const sNames = srcKeys.filter((_, i) => srcProper[i]);
      const dNames = draftKeys.filter((_, i) => draftProper[i]);
      if (sNames.some((k) => !draftKeys.includes(k)) || dNames.some((k) => !srcKeys.includes(k))) flips.push('name');
    }
  }
  return { kind, flips };
}
