// The passage matches of a quotation, remembered per passage index version: a keystroke in a long draft changes one
// quotation (or none), so the others' matches (exact hits, marked-edit hits, the aligned candidate — the costly part
// of a check) are looked up instead of searched again. Keyed by everything the matchers read: the quotation's word
// keys, its gaps and markers, the cited documents, and for the aligned tier the speaker the draft names (it breaks
// ties between close candidates). Pure: the memo is plain data next to the index it describes.
import type { PassageIndex } from '../index/passageIndex';
import { alignedMatch, exactMatches, type MatchOptions, type PassageMatch } from './match';
import type { QuotationWords } from './words';
import { clearOutcomeMemo } from './outcomeMemo';

/** Entries kept per index version (a draft has tens of quotations; a session of edits, a few thousand). */
const MAX_ENTRIES = 5000;

interface Memo {
  version: number;
  exact: Map<string, PassageMatch[]>;
  aligned: Map<string, PassageMatch | undefined>;
}

const memos = new WeakMap<PassageIndex, Memo>();

function memoOf(pidx: PassageIndex): Memo {
  let m = memos.get(pidx);
  if (!m || m.version !== pidx.builtVersion) {
    m = { version: pidx.builtVersion, exact: new Map(), aligned: new Map() };
    memos.set(pidx, m);
  }
  return m;
}

function keyOf(words: QuotationWords, opts: MatchOptions): string {
  const all = words.all.map((w) => (w.inBracket ? `[${w.key}` : w.key)).join(' ');
  const docs = opts.docs ? [...opts.docs].sort((a, b) => a - b).join(',') : '*';
  return `${opts.minAlignWords}|${docs}|${words.markers.length}|${Array.from(words.gaps).join('')}|${all}`;
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
  return value;
}

/** exactMatches, remembered. */
export function exactMatchesMemo(pidx: PassageIndex, words: QuotationWords, opts: MatchOptions): PassageMatch[] {
  const memo = memoOf(pidx);
  const key = keyOf(words, opts);
  return memo.exact.get(key) ?? remember(memo.exact, key, exactMatches(pidx, words, opts));
}

/** alignedMatch, remembered; `preferKey` names what `opts.prefer` depends on (the draft's speaker). */
export function alignedMatchMemo(pidx: PassageIndex, words: QuotationWords, opts: MatchOptions, preferKey: string): PassageMatch | undefined {
  const memo = memoOf(pidx);
  const key = `${preferKey}|${keyOf(words, opts)}`;
  if (memo.aligned.has(key)) return memo.aligned.get(key);
  return remember(memo.aligned, key, alignedMatch(pidx, words, opts));
}

/** Forgets every remembered match, and every quotation's remembered outcome (benchmarks measure a full check with it). */
export function clearMatchMemo(pidx: PassageIndex): void {
  memos.delete(pidx);
  clearOutcomeMemo(pidx);
}
