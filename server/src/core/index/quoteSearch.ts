// Search over the source quotes as a writer types them (completion): exact prefixes beat substrings beat fuzzy word
// matches (prefix, typo, weighted by rarity); the given speaker's quotes come first. The ranking is the editor's
// (it was a linear scan per keystroke in lsp/lookup.ts; one change since: the word being typed weighs as all its
// matches together, see `expansion`); here it is answered from indexes that a changed source updates for its own
// quotes only:
//   - prefix buckets (the first 1, 2 and 3 characters of each quote) for short prefix hits, in id order, and the
//     quotes sorted by text for longer ones (a binary search);
//   - word postings (word → quotes) for substring candidates (intersected for common words) and the fuzzy stage;
//   - a trie of the vocabulary for prefix and typo expansion of a typed word (the vocabulary of a language grows
//     far slower than the archive, so this part barely grows with it), walked for typos as arrays of numbers;
//   - the fuzzy stage is an exact top-k scan: typed words cheapest first, stopping when the words left cannot
//     lift a quote into the list (see `fuzzy`), instead of scoring every quote that holds a heavy word.
// Removed quotes are dropped from the lists lazily (a live-set check) and the lists compacted when half dead.
import type { Quote } from '../types';
import { SortInParts } from './sortInParts';
import { changesToApply, perIndex, warmStep, type BuiltInParts } from './builtPerIndex';
import type { SourceIndex } from './sourceIndex';
import type { QuoteFinder, RankedQuote } from './store';

/** Lower case, straight quotes and apostrophes, plain dashes, single spaces: for matching typed text. */
export function normalizeTyped(s: string): string {
  return s
    .replace(/[‘’‚‛′`´]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export type { RankedQuote };

const WORD = /[\p{L}\p{N}']+/gu;

interface QDoc {
  q: Quote;
  /** Normalised text. */
  n: string;
}

/**
 * Every live quote's distinct word ids, one run per quote, laid end to end in the order the quotes were added (id
 * order as a rule): `from[id]`..`to[id]` is a quote's run. The fuzzy scan reads the quotes of a word's postings in id
 * order, so it reads this forward instead of following an object and a typed array per quote (a cache miss or two
 * each, most of the scan's time at ×20). A removed quote's run is left as a hole until holes are half of it.
 */
class WordRuns {
  flat: Int32Array = new Int32Array(1024);
  length = 0;
  dead = 0;
  from: Int32Array = new Int32Array(1024);
  to: Int32Array = new Int32Array(1024);

  clear(): void {
    this.length = 0;
    this.dead = 0;
  }

  set(id: number, words: Iterable<number>, count: number): void {
    if (id >= this.from.length) {
      const size = Math.max(id + 1, this.from.length * 2);
      this.from = grown(this.from, size);
      this.to = grown(this.to, size);
    }
    if (this.length + count > this.flat.length) this.flat = grown(this.flat, Math.max(this.length + count, this.flat.length * 2));
    let at = this.length;
    this.from[id] = at;
    for (const w of words) this.flat[at++] = w;
    this.to[id] = this.length = at;
  }

  /** A quote's word ids (a view: valid until the next change). */
  of(id: number): Int32Array {
    return this.flat.subarray(this.from[id], this.to[id]);
  }

  /** Drops a quote's run; `live` lists the quotes left (ascending) for when the runs are compacted. */
  drop(id: number, live: () => Iterable<number>): void {
    this.dead += this.to[id] - this.from[id];
    this.from[id] = this.to[id] = 0;
    if (this.dead * 2 <= this.length) return;
    const flat = new Int32Array(Math.max(1024, (this.length - this.dead) * 2));
    let at = 0;
    for (const q of live()) {
      const from = this.from[q];
      const to = this.to[q];
      this.from[q] = at;
      flat.set(this.flat.subarray(from, to), at);
      at += to - from;
      this.to[q] = at;
    }
    this.flat = flat;
    this.length = at;
    this.dead = 0;
  }
}

function grown(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** A growing list of quote ids in ascending order; removed ids are skipped through the live map and compacted. */
class IdList {
  ids: number[] = [];
  dead = 0;
}

/** A leaf's children (shared: a node's arrays are replaced, never changed). */
const NO_CHARS: readonly number[] = [];
const NO_KIDS: readonly TrieNode[] = [];

class TrieNode {
  /**
   * Its children: the UTF-16 unit and the node at the same index, looked up with `indexOf`. The arrays are copied
   * one longer on each new child, so they are exactly their length: most nodes have one child or none, and a Map
   * per node with arrays grown by `push` (room for 17) were two thirds of the index's memory (18 of 28 MB at ×1).
   */
  chars: readonly number[] = NO_CHARS;
  kids: readonly TrieNode[] = NO_KIDS;
  /** Word id when a word ends here (and is live). */
  word = -1;
  /** The words strictly below, once asked for (a prefix's expansions); dropped when a word is added below. */
  below?: Int32Array;
  /** Its number in TrieArrays. */
  idx = 0;
}

/**
 * The same trie as arrays of numbers, for the typo walk (4-5x less CPU than following the nodes): per node, by number
 * (the root is 0, then in order of creation), its edge's UTF-16 unit, first child and next sibling (children in the
 * order they were added, as `kids`), word, and the shortest and longest word at or below. Kept up as words are added.
 */
class TrieArrays {
  chars: number[] = [0];
  firstChild: number[] = [-1];
  lastChild: number[] = [-1];
  nextSibling: number[] = [-1];
  word: number[] = [-1];
  minLen: number[] = [0x7fffffff];
  maxLen: number[] = [0];
  constructor(readonly nodes: TrieNode[]) {}

  /** Numbers a new child of `parent` (its last). */
  add(parent: number, ch: number, node: TrieNode): number {
    const i = this.chars.length;
    this.chars.push(ch);
    this.firstChild.push(-1);
    this.lastChild.push(-1);
    this.nextSibling.push(-1);
    this.word.push(-1);
    this.minLen.push(0x7fffffff);
    this.maxLen.push(0);
    this.nodes.push(node);
    if (this.firstChild[parent] < 0) this.firstChild[parent] = i;
    else this.nextSibling[this.lastChild[parent]] = i;
    this.lastChild[parent] = i;
    return (node.idx = i);
  }

  /** A word of `length` at or below node `i`. */
  span(i: number, length: number): void {
    if (length < this.minLen[i]) this.minLen[i] = length;
    if (length > this.maxLen[i]) this.maxLen[i] = length;
  }
}

/** How well a vocabulary word stands for a typed word, best last; 0: not at all. Three bits (see scorerFor). */
const LEVEL_TWO_TYPOS = 1;
const LEVEL_ONE_TYPO = 2;
const LEVEL_PREFIX = 3;
const LEVEL_EXACT = 4;
/** What each level counts for: the weights the editor's search always used. */
const LEVEL_WEIGHT = [0, 0.5, 0.7, 0.9, 1];
/** Typed words whose levels share one 32-bit number per vocabulary word (3 bits each). */
const WORDS_PER_CODE = 10;

/** A typed word in the fuzzy stage: the vocabulary words it may stand for, and what it weighs. */
interface Expansion {
  /** Live vocabulary words, with their level in `levels`. */
  words: Int32Array;
  levels: Uint8Array;
  /** The idf of its rarest word (of an unknown word when it has none): a rare word weighs more. */
  weight: number;
  /** The most a quote can score for it: its weight at its best level (0 when it stands for nothing). */
  bound: number;
  /** Its best level (0 when it stands for nothing). */
  top: number;
  /** The one word at the best level (an index into `words`), or -1 when there are several. */
  topWord: number;
  /** Postings to visit to find the quotes holding one of its words (a quote holding two counts twice). */
  cost: number;
  /** Its words by level, best level first: what the fuzzy scan visits (see `fuzzy`). */
  groups: LevelGroup[];
}

/** The words of a typed word's expansion at one level: a quote holding one of them scores at most `bound` for it. */
interface LevelGroup {
  level: number;
  words: Int32Array;
  /** The weight of the typed word at this level. */
  bound: number;
  /** Postings to visit (a quote holding two of the words counts twice). */
  cost: number;
}

/** The `k` highest scores seen (a min-heap): the lowest of them is what a quote must beat to be listed. */
class TopScores {
  private readonly heap: Float64Array;
  private size = 0;
  constructor(private readonly k: number) {
    this.heap = new Float64Array(Math.max(1, k));
  }
  get full(): boolean {
    return this.size >= this.k;
  }
  get lowest(): number {
    return this.heap[0];
  }
  add(x: number): void {
    const h = this.heap;
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (h[parent] <= x) break;
        h[i] = h[parent];
        i = parent;
      }
      h[i] = x;
      return;
    }
    if (this.k === 0 || x <= h[0]) return;
    // Replace the lowest and sift down.
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const c = l + 1 < this.size && h[l + 1] < h[l] ? l + 1 : l;
      if (h[c] >= x) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = x;
  }
}

const cache = new WeakMap<SourceIndex, QuoteSearch>();

/** Order of `byText`: by normalised text (UTF-16 units, as `startsWith` compares), then id. */
function byText(a: QDoc, b: QDoc): number {
  return a.n < b.n ? -1 : a.n > b.n ? 1 : a.q.id - b.q.id;
}
/** Where `level` is in `levels` when it is there once; -1 when it is not there or more than once. */
function onlyIndexOf(levels: Uint8Array, level: number): number {
  const at = levels.indexOf(level);
  return at >= 0 && levels.indexOf(level, at + 1) < 0 ? at : -1;
}

/** How far `m` is from [lo, hi] and from [plo, phi] (an empty range when plo > phi): the nearer. */
function lengthGap(m: number, lo: number, hi: number, plo: number, phi: number): number {
  const a = m < lo ? lo - m : m > hi ? m - hi : 0;
  if (plo > phi) return a;
  const b = m < plo ? plo - m : m > phi ? m - phi : 0;
  return a < b ? a : b;
}

/** Candidates for a substring from one word's quotes up to this many; more, and the quotes of all its whole words. */
const INTERSECT_FROM = 256;

/** The ids in every list (each ascending, as the postings are), ascending: the shortest filtered by binary search. */
function intersectAscending(lists: number[][]): number[] {
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  let out = sorted[0];
  for (let k = 1; k < sorted.length && out.length > 0; k++) {
    const list = sorted[k];
    const next: number[] = [];
    let from = 0;
    for (const id of out) {
      let lo = from;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] < id) lo = mid + 1;
        else hi = mid;
      }
      from = lo;
      if (list[lo] === id) next.push(id);
    }
    out = next;
  }
  return out;
}

/** Prefix hits up to this many are taken from `byText` and sorted by id; more, from the bucket in id order. */
const SHORT_RUN = 2000;

export class QuoteSearch implements BuiltInParts, QuoteFinder {
  private readonly docs = new Map<number, QDoc>();
  /** The same by id, for the fuzzy stage's scan (an array lookup per quote). */
  private readonly byId: Array<QDoc | undefined> = [];
  /** The same by normalised text (then id): the quotes starting with a prefix are a run of it. */
  private byText: QDoc[] = [];
  private maxId = 0;
  /** Each quote's distinct word ids. */
  private readonly runs = new WordRuns();
  private readonly buckets = new Map<string, IdList>();
  private readonly vocab = new Map<string, number>();
  private readonly words: string[] = [];
  /** Quotes holding each word (distinct per quote). */
  private readonly postings: IdList[] = [];
  /** Live quotes holding each word. */
  private readonly dfs: number[] = [];
  private readonly trie = new TrieNode();
  /** The vocabulary as one text, each word and a line break, in id order (see wordsContaining); extended as it grows. */
  private joined = '';
  private readonly joinedStarts: number[] = [];
  private joinedCount = 0;
  /** The trie as arrays for the typo walk. */
  private readonly arrays = new TrieArrays([this.trie]);
  private readonly expansionCache = new Map<string, Expansion>();
  /** Per vocabulary word, its levels for the typed words of the current fuzzy query (see scorerFor); 0 otherwise. */
  private readonly codes: Uint32Array[] = [];
  /** The index version it was last complete for (-1: never). */
  builtVersion = -1;
  /** A build from scratch under way (warm): the index version it is for, its quotes, how many are added. */
  private building: { version: number; quotes: Quote[]; added: number; sorter?: SortInParts<QDoc> } | undefined;
  /** Quotes already scored in the current fuzzy query (by id), without a set per query. */
  private seen = new Int32Array(1024);
  private stampNow = 0;
  /** Fuzzy stages that left a typed word's quotes out of the scan, those that scanned them all, quotes scored (tests, benchmarks). */
  readonly counters = { skipped: 0, full: 0, scored: 0 };

  private growSeen(id: number): void {
    const size = Math.max(id + 1, this.seen.length * 2);
    const seen = new Int32Array(size);
    seen.set(this.seen);
    this.seen = seen;
  }

  static for(index: SourceIndex): QuoteSearch {
    const s = QuoteSearch.of(index);
    s.refresh(index);
    return s;
  }

  /**
   * Builds the search for `index` a part at a time (a server's idle moments): adds quotes while `more()` says so and
   * tells whether the search is complete. `for` (a completion) goes on from where the parts stopped, and so do the
   * next parts after a change to the index (the change applied at the end).
   */
  static warm(index: SourceIndex, more: () => boolean): boolean {
    return warmStep(QuoteSearch.of(index), index, more);
  }

  private static of(index: SourceIndex): QuoteSearch {
    return perIndex(cache, index, () => new QuoteSearch());
  }

  refresh(index: SourceIndex): void {
    const changes = changesToApply(this, index);
    if (!changes) return;
    for (const c of changes.sources) {
      if (c.kind === 'add') {
        for (const q of c.source.quotes) if (this.add(q)) this.insertByText(this.docs.get(q.id)!);
      } else {
        for (const q of c.source.quotes) {
          const d = this.docs.get(q.id);
          if (d) this.removeByText(d);
          this.removeQuote(q.id);
        }
      }
    }
    this.expansionCache.clear();
    this.builtVersion = index.version;
  }

  /**
   * The build from scratch, going on with one under way; stops when `more()` says so (checked every 64 quotes).
   * Whether it is complete.
   */
  build(index: SourceIndex, more: () => boolean): boolean {
    // A build under way goes on, even one for an earlier version of the index, when the index can tell what changed
    // since (applied after it, change by change): sources changing every few seconds would otherwise restart it forever.
    let b = this.building;
    if (!b || (b.version !== index.version && !index.changesSince(b.version))) {
      this.docs.clear();
      this.byId.length = 0;
      this.runs.clear();
      this.buckets.clear();
      for (const p of this.postings) {
        p.ids = [];
        p.dead = 0;
      }
      this.dfs.fill(0);
      this.builtVersion = -1;
      b = this.building = { version: index.version, quotes: index.quotes(), added: 0 };
    }
    while (b.added < b.quotes.length) {
      this.add(b.quotes[b.added++]);
      if ((b.added & 63) === 0 && !more()) return false;
    }
    // Sorted in parts too (all at once: 0.3–0.6 s at BBC ×20).
    b.sorter ??= new SortInParts([...this.docs.values()], byText);
    const sorted = b.sorter.step(more);
    if (!sorted) return false;
    this.byText = sorted;
    this.building = undefined;
    this.expansionCache.clear();
    this.builtVersion = b.version;
    if (b.version !== index.version) this.refresh(index);
    return true;
  }

  get size(): number {
    return this.docs.size;
  }

  /** Adds a quote to every structure but `byText`; false when it is there already. */
  private add(q: Quote): boolean {
    if (this.docs.has(q.id)) return false;
    const n = normalizeTyped(q.text);
    const distinct = new Set<number>();
    for (const m of n.matchAll(WORD)) distinct.add(this.intern(m[0]));
    const doc = { q, n };
    this.docs.set(q.id, doc);
    this.byId[q.id] = doc;
    this.runs.set(q.id, distinct, distinct.size);
    if (q.id > this.maxId) this.maxId = q.id;
    for (const w of distinct) {
      this.postings[w].ids.push(q.id);
      this.dfs[w]++;
    }
    for (let k = 1; k <= 3 && k <= n.length; k++) {
      const key = n.slice(0, k);
      let b = this.buckets.get(key);
      if (!b) this.buckets.set(key, (b = new IdList()));
      b.ids.push(q.id);
    }
    return true;
  }

  /** Where `d` is or would go in `byText`: the first quote not ordered before it. */
  private byTextPosition(d: QDoc): number {
    let lo = 0;
    let hi = this.byText.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byText(this.byText[mid], d) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertByText(d: QDoc): void {
    this.byText.splice(this.byTextPosition(d), 0, d);
  }

  private removeByText(d: QDoc): void {
    const at = this.byTextPosition(d);
    if (this.byText[at] === d) this.byText.splice(at, 1);
  }

  private removeQuote(id: number): void {
    const d = this.docs.get(id);
    if (!d) return;
    this.docs.delete(id);
    this.byId[id] = undefined;
    for (const w of this.runs.of(id)) {
      this.dfs[w]--;
      this.dropped(this.postings[w]);
    }
    this.runs.drop(id, () => [...this.docs.keys()].sort((a, b) => a - b));
    for (let k = 1; k <= 3 && k <= d.n.length; k++) {
      const b = this.buckets.get(d.n.slice(0, k));
      if (b) this.dropped(b);
    }
  }

  private dropped(list: IdList): void {
    list.dead++;
    if (list.dead * 2 > list.ids.length) {
      list.ids = list.ids.filter((id) => this.docs.has(id));
      list.dead = 0;
    }
  }

  private intern(word: string): number {
    let id = this.vocab.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.vocab.set(word, id);
      this.words.push(word);
      this.postings.push(new IdList());
      this.dfs.push(0);
      const arrays = this.arrays;
      let node = this.trie;
      for (let i = 0; i < word.length; i++) {
        node.below = undefined;
        arrays.span(node.idx, word.length);
        const ch = word.charCodeAt(i);
        const at = node.chars.indexOf(ch);
        let next: TrieNode;
        if (at >= 0) next = node.kids[at];
        else {
          next = new TrieNode();
          node.chars = node.chars.concat(ch);
          node.kids = node.kids.concat(next);
          arrays.add(node.idx, ch, next);
        }
        node = next;
      }
      node.word = id;
      arrays.word[node.idx] = id;
      arrays.span(node.idx, word.length);
    }
    return id;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Exact prefix and substring hits, in id order.

  /** Calls `visit` with every quote whose normalised text starts with `q`, in id order, until it returns false. */
  private eachPrefix(q: string, visit: (d: QDoc) => boolean): void {
    if (q.length > 3) {
      // The quotes starting with it are a run of `byText`: when it is short, its quotes in id order, without the
      // scan of a bucket that holds every quote starting with "the" for "the government has s".
      const run = this.byTextRun(q);
      if (run.length <= SHORT_RUN) {
        for (const d of run.sort((a, b) => a.q.id - b.q.id)) if (!visit(d)) return;
        return;
      }
    }
    const b = this.buckets.get(q.slice(0, Math.min(3, q.length)));
    if (!b) return;
    for (const id of b.ids) {
      const d = this.byId[id];
      if (d && d.n.startsWith(q) && !visit(d)) return;
    }
  }

  /** The quotes whose normalised text starts with `q`, from `byText` (at most SHORT_RUN + 1 of them: then more). */
  private byTextRun(q: string): QDoc[] {
    const sorted = this.byText;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].n < q) lo = mid + 1;
      else hi = mid;
    }
    const out: QDoc[] = [];
    for (let i = lo; i < sorted.length && out.length <= SHORT_RUN && sorted[i].n.startsWith(q); i++) out.push(sorted[i]);
    return out;
  }

  /** Calls `visit` with every quote whose text contains `q` (starting with it or not), in id order, until it returns false. */
  private eachContaining(q: string, visit: (d: QDoc) => boolean): void {
    const ids = this.containingCandidates(q);
    if (ids === undefined) {
      for (const d of this.docs.values()) if (d.n.includes(q) && !visit(d)) return;
      return;
    }
    for (const id of ids) {
      const d = this.byId[id];
      if (d && d.n.includes(q) && !visit(d)) return;
    }
  }

  /**
   * Quotes that may contain `q` (a superset, ascending), from the words of `q`: a word inside it must be a word of
   * the quote; the first may be the end of one, the last the start of one, a single one any part of one. Undefined
   * when scanning every quote is as cheap (no word in `q`, or its words are everywhere).
   */
  private containingCandidates(q: string): number[] | undefined {
    const ms = [...q.matchAll(WORD)];
    if (ms.length === 0) return undefined;
    let best: number[] | undefined;
    let bestCost = Infinity;
    const consider = (wordIds: number[]) => {
      let cost = 0;
      for (const id of wordIds) cost += this.dfs[id];
      if (cost < bestCost) {
        bestCost = cost;
        best = wordIds;
      }
    };
    // The cheap ones first (a whole word, the start of one through the trie), so that a vocabulary pass for the
    // first word can be skipped when it cannot do better: its own quotes are among those it would stand for.
    const first = ms[0];
    const whole: number[][] = [];
    for (let i = 0; i < ms.length; i++) {
      const w = ms[i][0];
      const atStart = ms[i].index === 0;
      const atEnd = ms[i].index! + w.length === q.length;
      if (atStart) continue;
      let wordIds: number[];
      if (!atEnd) {
        const id = this.vocab.get(w);
        if (id === undefined) return [];
        wordIds = [id];
        whole.push(this.postings[id].ids);
      } else {
        const node = this.trieNode(w);
        if (!node) return [];
        wordIds = Array.from(this.wordsBelow(node));
        if (node.word >= 0) wordIds.push(node.word);
      }
      consider(wordIds);
    }
    const w = first[0];
    const exact = this.vocab.get(w);
    if (first.index === 0 && (exact === undefined || this.dfs[exact] < bestCost)) {
      // A vocabulary pass (it does not grow with the archive the way the quotes do).
      const wordIds = this.wordsContaining(w, w.length !== q.length);
      if (wordIds.length === 0) return [];
      consider(wordIds);
    }
    // Common words ("it is for the"): the quotes holding every whole word, fewer than those of any one of them.
    if (whole.length >= 2 && bestCost > INTERSECT_FROM) {
      const both = intersectAscending(whole);
      if (both.length < bestCost) return both;
    }
    if (!best || bestCost * 8 > this.docs.size) return undefined;
    let ids: number[];
    if (best.length === 1) ids = this.postings[best[0]].ids;
    else {
      const all: number[] = [];
      for (const id of best) for (const x of this.postings[id].ids) all.push(x);
      all.sort((a, b) => a - b);
      ids = all.filter((x, i) => i === 0 || all[i - 1] !== x);
    }
    // A quote containing `q` also holds every whole word of it: a long list narrowed by theirs ("very is a": the
    // quotes with a word ending in "very" and the word "is"), cheaper than reading each quote's text.
    if (ids.length > INTERSECT_FROM && whole.length) ids = intersectAscending([ids, ...whole]);
    return ids;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Fuzzy: typed words against quote words (exact, prefix for the word being typed, one or two typos), rare words
  // weighing more; a quote must match at least half the typed weight.

  private idf(word: number): number {
    return this.idfOf(word >= 0 ? this.dfs[word] : 0);
  }

  /** The weight of a word held by `df` quotes (at least one, at most all). */
  private idfOf(df: number): number {
    return Math.log(1 + this.docs.size / Math.max(1, Math.min(this.docs.size, df)));
  }

  /**
   * The ids of the words containing `w` (ending with it when `atEnd`), ascending: found with indexOf in the whole
   * vocabulary as one text ("word\n" after word, in id order), far quicker than a test per word.
   */
  private wordsContaining(w: string, atEnd: boolean): number[] {
    while (this.joinedCount < this.words.length) {
      this.joinedStarts.push(this.joined.length);
      this.joined += this.words[this.joinedCount++] + '\n';
    }
    const text = this.joined;
    const starts = this.joinedStarts;
    const needle = atEnd ? w + '\n' : w;
    const out: number[] = [];
    for (let at = text.indexOf(needle); at >= 0; ) {
      // The word the match is in (words hold no line break): the last one starting at or before it.
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      out.push(lo);
      // On from the next word: one hit per word.
      const next = lo + 1 < starts.length ? starts[lo + 1] : text.length;
      at = text.indexOf(needle, next);
    }
    return out;
  }

  /** The words strictly below a trie node (cached on the node until a word is added under it). */
  private wordsBelow(node: TrieNode): Int32Array {
    if (node.below) return node.below;
    const out: number[] = [];
    const stack: TrieNode[] = [...node.kids];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.word >= 0) out.push(n.word);
      for (const c of n.kids) stack.push(c);
    }
    return (node.below = Int32Array.from(out));
  }

  private trieNode(word: string): TrieNode | undefined {
    let node: TrieNode | undefined = this.trie;
    for (let i = 0; i < word.length && node; i++) {
      const at: number = node.chars.indexOf(word.charCodeAt(i));
      node = at >= 0 ? node.kids[at] : undefined;
    }
    return node;
  }

  /** Vocabulary words a typed word may stand for, how well (exact, prefix, one or two typos), its weight and cost. */
  private expansion(typed: string, partial: boolean): Expansion {
    const key = `${partial ? 'p' : 'w'}:${typed}`;
    const hit = this.expansionCache.get(key);
    if (hit) return hit;
    const { words, levels } = this.matchesOf(typed, partial);
    let rarest = -Infinity;
    let holders = 0;
    let cost = 0;
    let top = 0;
    for (let k = 0; k < words.length; k++) {
      rarest = Math.max(rarest, this.idf(words[k]));
      holders += this.dfs[words[k]];
      cost += this.postings[words[k]].ids.length;
      top = Math.max(top, levels[k]);
    }
    // A finished word weighs what its rarest match weighs. The word being typed stands for any of its matches, so it
    // weighs what a word held by all their quotes would (counted with repeats, at most every quote): "a" as much as a
    // word in every quote, no longer as much as "aardvark" (a quote holding any word starting with "a" was a match
    // for "…quite a"). (Finished words weighed by their own idf instead ranked the source of a prefix with a typo
    // lower: first for 101 of 219 such prefixes at ×20 instead of 105; see bench/completion.bench.ts.)
    const weight = !words.length ? this.idf(-1) : partial ? this.idfOf(holders) : rarest;
    const groups: LevelGroup[] = [];
    for (let level = LEVEL_EXACT; level > 0; level--) {
      const at: number[] = [];
      let groupCost = 0;
      for (let k = 0; k < words.length; k++) {
        if (levels[k] !== level) continue;
        at.push(words[k]);
        groupCost += this.postings[words[k]].ids.length;
      }
      if (at.length) groups.push({ level, words: Int32Array.from(at), bound: weight * LEVEL_WEIGHT[level], cost: groupCost });
    }
    const out: Expansion = { words, levels, weight, bound: weight * LEVEL_WEIGHT[top], top, topWord: onlyIndexOf(levels, top), cost, groups };
    if (this.expansionCache.size > 500) this.expansionCache.clear();
    this.expansionCache.set(key, out);
    return out;
  }

  /** The live vocabulary words a typed word may stand for, with their level (a removed source's words stay in the trie). */
  private matchesOf(typed: string, partial: boolean): { words: Int32Array; levels: Uint8Array } {
    const words: number[] = [];
    const levels: number[] = [];
    const keep = (word: number, level: number) => {
      if (this.dfs[word] <= 0) return;
      words.push(word);
      levels.push(level);
    };
    // Typos (and the exact word) from the trie walk, each at its best level.
    for (const [word, level] of this.typoLevels(typed, partial)) keep(word, level);
    // Every word starting with what is typed, for the word being typed: none of these has a typo level (see typoLevels).
    const at = partial ? this.trieNode(typed) : undefined;
    if (at) for (const word of this.wordsBelow(at)) keep(word, LEVEL_PREFIX);
    return { words: Int32Array.from(words), levels: Uint8Array.from(levels) };
  }

  /**
   * The exact word and the words within one or two edits of what is typed (by its length), with their level; for
   * the word being typed also the words whose start is within those edits ("mesage" ~ "message…"). Words that start
   * with what is typed are left to the prefix expansion (they match better as a prefix than as a typo).
   */
  private typoLevels(typed: string, partial: boolean): Map<number, number> {
    const out = new Map<number, number>();
    const L = typed.length;
    const maxEdits = L >= 7 ? 2 : L >= 4 ? 1 : 0;
    // Distances are over UTF-16 units (as the editor's search always did); the trie is built the same way.
    const t = typed;
    const set = (word: number, level: number) => {
      if ((out.get(word) ?? -1) < level) out.set(word, level);
    };
    const typoLevel = (dist: number) => (dist === 1 ? LEVEL_ONE_TYPO : LEVEL_TWO_TYPOS);
    const code = Uint16Array.from({ length: L }, (_, j) => t.charCodeAt(j));
    const maxDepth = L + maxEdits + (partial ? 1 : 0);
    // Depth-first over the trie with a row of the edit distance table per depth (Levenshtein automaton style), the
    // rows in one buffer: a node's children reuse the row below its own. Distances past `maxEdits` are all alike
    // (capped), and at depth d only columns d ± maxEdits can be within it (a band): the others stay at the cap. A
    // child is entered only when some column, plus the length difference still to cover for the words below it (their
    // shortest and longest), is within `maxEdits`: most of the trie is too short or too long for a long typed word.
    // Over the trie's arrays (see TrieArrays). Word lengths below count removed words too (bounds stay safe).
    const W = L + 1;
    const cap = maxEdits + 1;
    const rows = new Int32Array((maxDepth + 2) * W).fill(cap);
    for (let j = 0; j <= L; j++) rows[j] = Math.min(j, cap);
    const { chars, firstChild, nextSibling, word: wordAt, minLen, maxLen, nodes } = this.arrays;
    // Iterative: per depth the node's next child to try (-1: none left).
    const next = new Int32Array(maxDepth + 2);
    next[0] = firstChild[0];
    let depth = 0;
    while (depth >= 0) {
      const c = next[depth];
      if (c < 0) {
        depth--;
        continue;
      }
      next[depth] = nextSibling[c];
      const r = depth * W;
      const n = r + W;
      const ch = chars[c];
      // The lengths a match below the child can have: its words', and for the word being typed the prefixes of about
      // the typed length (see below). Column j of the child's row leaves L - j typed characters against m - depth - 1
      // of a word of length m: at least their difference more edits.
      const lo = minLen[c];
      const hi = maxLen[c];
      const plo = partial ? Math.max(L - 1, depth + 1) : 0;
      const phi = partial ? Math.min(L + 1, hi) : -1;
      let min = (rows[n] = Math.min(cap, rows[r] + 1));
      let reach = min + lengthGap(L + depth + 1, lo, hi, plo, phi);
      const from = Math.max(1, depth + 1 - maxEdits);
      const to = Math.min(L, depth + 1 + maxEdits);
      for (let j = from; j <= to; j++) {
        let v = rows[r + j - 1] + (code[j - 1] === ch ? 0 : 1);
        if (rows[r + j] + 1 < v) v = rows[r + j] + 1;
        if (rows[n + j - 1] + 1 < v) v = rows[n + j - 1] + 1;
        if (v > cap) v = cap;
        rows[n + j] = v;
        if (v < min) min = v;
        if (v <= maxEdits && v < reach) {
          const bound = v + lengthGap(L - j + depth + 1, lo, hi, plo, phi);
          if (bound < reach) reach = bound;
        }
      }
      // Nothing below within reach (the child's own word included: its length is in [lo, hi]).
      if (reach > maxEdits) continue;
      const d = depth + 1;
      const dist = rows[n + L];
      const w = wordAt[c];
      if (w >= 0) {
        if (dist === 0) set(w, LEVEL_EXACT);
        else if (dist <= maxEdits && !(partial && this.words[w].startsWith(t))) set(w, typoLevel(dist));
      }
      if (partial && maxEdits && d >= L - 1 && d <= L + 1 && dist > 0 && dist <= maxEdits) {
        // The word being typed against the prefixes of about its length: every longer word below.
        for (const below of this.wordsBelow(nodes[c])) if (!this.words[below].startsWith(t)) set(below, typoLevel(dist));
      }
      if (min > maxEdits || d >= maxDepth) continue;
      depth = d;
      next[d] = firstChild[c];
    }
    return out;
  }

  /**
   * Quotes matching the typed words, best first: [quote id, score] with score in (0, 1] (lower is better); none of
   * `exclude` (quotes already listed).
   *
   * Exact top `limit` by a MaxScore-style scan over each typed word's level groups (its exact word, its prefix
   * expansions, its one-typo and two-typo neighbours): the groups are visited cheapest first (fewest postings), every
   * quote found is scored in full from its own words, and the scan stops when a quote holding none of the words
   * visited so far cannot reach the list: what the groups left can add at most (per typed word, its best unvisited
   * level) is below half the typed weight, or below the `limit`-th score found. Partial words such as "a" (every word
   * starting with "a") and the typo neighbours of a finished word ("and" for "band") are the costly ones, and usually
   * the ones left out.
   */
  private fuzzy(q: string, limit: number, exclude?: ReadonlySet<number>): Array<{ id: number; score: number }> {
    const typedWords = q.match(WORD) ?? [];
    if (!typedWords.length) return [];
    const partialLast = !/\s$/.test(q);
    const terms = typedWords.map((typed, i) => this.expansion(typed, partialLast && i === typedWords.length - 1));
    let total = 0;
    for (const t of terms) total += t.weight;
    const scorer = this.scorerFor(terms);
    try {
      const stamp = ++this.stampNow;
      if (this.seen.length <= this.maxId) this.growSeen(this.maxId);
      const seen = this.seen;
      const runs = this.runs;
      const byId = this.byId;
      // Scores that can still be listed: at or above the `limit`-th best when they were found (it only rises).
      const foundIds: number[] = [];
      const foundRaw: number[] = [];
      const best = new TopScores(limit);
      // A margin against rounding: the bound is summed in another order than a quote's score.
      const margin = total * 1e-9;
      // What a quote holding none of the words visited so far can score at most (see below).
      let left = 0;
      /** The score listed for a raw score (lower is better). */
      const listed = (raw: number) => 1 - raw / total + 0.001;
      /** Scores a quote not seen yet in this search; its raw score, or -1 (seen, gone, left out or under half). */
      const visit = (id: number): number => {
        if (seen[id] === stamp) return -1;
        seen[id] = stamp;
        if (byId[id] === undefined || exclude?.has(id)) return -1;
        this.counters.scored++;
        const raw = scorer(runs.flat, runs.from[id], runs.to[id]);
        if (raw / total < 0.5) return -1;
        best.add(raw);
        // Compared as the listed scores are (two raw scores may round to one), so that no tie is dropped.
        if (!best.full || listed(raw) <= listed(best.lowest)) {
          foundIds.push(id);
          foundRaw.push(raw);
        }
        return raw;
      };
      // Per typed word its groups not visited yet, best level first: a quote in none of the visited ones scores at
      // most the first's bound for it.
      const unvisited = terms.map((t) => t.groups.slice());
      const leftOf = (i: number) => (unvisited[i].length ? unvisited[i][0].bound : 0);
      /**
       * Visits the quotes of a group's words, in id order; true when the rest of the search can be skipped: `limit`
       * quotes already beat every quote not seen yet. Such a quote scores at most `ceiling` (the best unvisited level
       * of each typed word, summed as the scorer sums, so that a quote matching them all scores it exactly); the ones
       * further on in this list can at best tie with a quote found earlier in it (and come later by id); the ones
       * outside it hold this typed word at a lower level at best, and score less.
       */
      const visitUntilBeaten = (words: Int32Array): boolean => {
        let ceiling = 0;
        for (let j = 0; j < terms.length; j++) if (unvisited[j].length) ceiling += LEVEL_WEIGHT[unvisited[j][0].level] * terms[j].weight;
        const top = listed(ceiling);
        // Quotes found so far that beat the ceiling outright; those of this list that tie with it count as they come.
        let beaten = 0;
        for (let k = 0; k < foundRaw.length; k++) if (listed(foundRaw[k]) < top) beaten++;
        let previous = -1;
        const step = (id: number): boolean => {
          const raw = visit(id);
          if (id < previous) beaten = -Infinity; // Not in id order (never expected): no stopping early.
          previous = id;
          return raw >= 0 && listed(raw) <= top && ++beaten >= limit;
        };
        if (words.length === 1) {
          for (const id of this.postings[words[0]].ids) if (step(id)) return true;
          return false;
        }
        // Several words: their lists merged in id order (a min-heap of the lists by their next id).
        const lists = Array.from(words, (w) => this.postings[w].ids).filter((l) => l.length > 0);
        const at = new Int32Array(lists.length);
        const heap = lists.map((_, i) => i);
        const head = (h: number) => lists[h][at[h]];
        const down = (from: number) => {
          let i = from;
          for (;;) {
            const l = 2 * i + 1;
            if (l >= heap.length) return;
            const c = l + 1 < heap.length && head(heap[l + 1]) < head(heap[l]) ? l + 1 : l;
            if (head(heap[c]) >= head(heap[i])) return;
            [heap[i], heap[c]] = [heap[c], heap[i]];
            i = c;
          }
        };
        for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
        while (heap.length) {
          const h = heap[0];
          const id = lists[h][at[h]++];
          if (at[h] >= lists[h].length) {
            heap[0] = heap[heap.length - 1];
            heap.pop();
          }
          if (heap.length) down(0);
          if (id !== previous && step(id)) return true;
        }
        return false;
      };
      for (let i = 0; i < terms.length; i++) left += leftOf(i);
      let groupCount = 0;
      for (const t of terms) groupCount += t.groups.length;
      let scanned = 0;
      for (;;) {
        // What a quote holding none of the words scanned so far can score at most (`left`) cannot get it listed.
        if (left + margin < 0.5 * total || (best.full && left + margin < best.lowest)) break;
        // The cheapest next group (a typed word's groups in level order: only its best unvisited one lowers `left`).
        let i = -1;
        for (let j = 0; j < terms.length; j++) if (unvisited[j].length && (i < 0 || unvisited[j][0].cost < unvisited[i][0].cost)) i = j;
        if (i < 0) break;
        const group = unvisited[i][0];
        scanned++;
        if (group.cost > this.docs.size) {
          // Most quotes hold one of its words: every quote once is cheaper than the postings (and that is all of them).
          for (const d of this.docs.values()) visit(d.q.id);
          scanned = groupCount;
          break;
        }
        if (visitUntilBeaten(group.words)) break;
        left -= leftOf(i);
        unvisited[i].shift();
        left += leftOf(i);
      }
      if (scanned < groupCount) this.counters.skipped++;
      else this.counters.full++;
      const out: Array<{ id: number; score: number }> = [];
      for (let k = 0; k < foundIds.length; k++) out.push({ id: foundIds[k], score: 1 - foundRaw[k] / total + 0.001 });
      return out.sort((a, b) => a.score - b.score || a.id - b.id).slice(0, limit);
    } finally {
      scorer.release();
    }
  }

  /**
   * A quote's fuzzy score from its distinct words: for each typed word the best level among the quote's words,
   * times the typed word's weight, summed in typed order (as the linear search sums). Each vocabulary word's levels
   * for the typed words are packed 3 bits each into one number (ten typed words per array), so a quote's word is
   * looked up once, and most are 0.
   */
  private scorerFor(terms: Expansion[]): ((flat: Int32Array, from: number, to: number) => number) & { release(): void } {
    const groups = Math.ceil(terms.length / WORDS_PER_CODE);
    while (this.codes.length < groups) this.codes.push(new Uint32Array(0));
    for (let g = 0; g < groups; g++) if (this.codes[g].length < this.words.length) this.codes[g] = new Uint32Array(Math.max(this.words.length, this.codes[g].length * 2));
    const codes = this.codes.slice(0, groups);
    terms.forEach((t, i) => {
      const code = codes[Math.floor(i / WORDS_PER_CODE)];
      const shift = 3 * (i % WORDS_PER_CODE);
      for (let k = 0; k < t.words.length; k++) code[t.words[k]] |= t.levels[k] << shift;
    });
    const weights = Float64Array.from(terms, (t) => t.weight);
    const bestLevel = new Uint8Array(terms.length);
    /** The score of the quote whose distinct words are flat[from..to). */
    const score = (flat: Int32Array, from: number, to: number): number => {
      bestLevel.fill(0);
      for (let g = 0; g < groups; g++) {
        const code = codes[g];
        for (let k = from; k < to; k++) {
          let c = code[flat[k]];
          for (let i = g * WORDS_PER_CODE; c !== 0; i++, c >>>= 3) {
            const level = c & 7;
            if (level > bestLevel[i]) bestLevel[i] = level;
          }
        }
      }
      let sum = 0;
      for (let i = 0; i < bestLevel.length; i++) if (bestLevel[i] > 0) sum += LEVEL_WEIGHT[bestLevel[i]] * weights[i];
      return sum;
    };
    return Object.assign(score, {
      release: () =>
        terms.forEach((t, i) => {
          const code = codes[Math.floor(i / WORDS_PER_CODE)];
          for (const w of t.words) code[w] = 0;
        }),
    });
  }

  // -------------------------------------------------------------------------------------------------------------

  /**
   * Source quotes matching what the writer typed, best first. Exact prefixes beat substrings beat fuzzy matches;
   * the given speaker's quotes come before everyone else's. An empty query lists every statement (then fragments).
   */
  search(typed: string, opts: { speaker?: string; limit?: number; speakerQuotes?: Quote[] } = {}): RankedQuote[] {
    const limit = opts.limit ?? 50;
    const q = normalizeTyped(typed);
    const speaker = opts.speaker;
    const own = speaker ? (opts.speakerQuotes ?? []).filter((x) => this.docs.has(x.id)) : [];
    const ownIds = new Set(own.map((x) => x.id));
    const out: RankedQuote[] = [];
    const push = (quote: Quote, score: number) => {
      const by = ownIds.has(quote.id);
      out.push({ quote, score: by ? score - 10 : score, bySpeaker: by });
    };

    if (!q) {
      // The speaker's statements, then fragments; then everyone's, in id order.
      const ownSorted = [...own].sort((a, b) => Number(a.kind !== 'statement') - Number(b.kind !== 'statement') || a.id - b.id);
      for (const x of ownSorted.slice(0, limit)) push(x, x.kind === 'statement' ? 0 : 1);
      for (const kind of ['statement', 'fragment'] as const) {
        if (out.length >= limit) break;
        let i = 0;
        for (const d of this.docs.values()) {
          i++;
          if (d.q.kind !== kind || ownIds.has(d.q.id)) continue;
          push(d.q, (kind === 'statement' ? 0 : 1) + i / 1e6);
          if (out.length >= limit) break;
        }
      }
      return out.slice(0, limit);
    }

    // The speaker's own hits first: prefix, then substring.
    const ownPrefix: Quote[] = [];
    const ownSub: Quote[] = [];
    for (const x of own) {
      const n = this.docs.get(x.id)!.n;
      if (n.startsWith(q)) ownPrefix.push(x);
      else if (n.includes(q)) ownSub.push(x);
    }
    ownPrefix.sort((a, b) => a.id - b.id);
    ownSub.sort((a, b) => a.id - b.id);
    // Everyone else's, in id order, as many as can still be shown.
    const prefix: Quote[] = [];
    const sub: Quote[] = [];
    const want = limit;
    this.eachPrefix(q, (d) => {
      if (!ownIds.has(d.q.id)) prefix.push(d.q);
      return prefix.length < want;
    });
    let exhausted = prefix.length < want;
    if (prefix.length < want) {
      const seenPrefix = new Set(prefix.map((x) => x.id));
      this.eachContaining(q, (d) => {
        if (ownIds.has(d.q.id) || seenPrefix.has(d.q.id) || d.n.startsWith(q)) return true;
        sub.push(d.q);
        return prefix.length + sub.length < want;
      });
      exhausted = prefix.length + sub.length < want;
    }
    const hits = ownPrefix.length + ownSub.length + prefix.length + sub.length;
    for (const x of ownPrefix) push(x, -2);
    for (const x of ownSub) push(x, -1);
    for (const x of prefix) push(x, -2);
    for (const x of sub) push(x, -1);
    // Fuzzy matches only when the exact ones are fewer than asked for (all of them were found: `exhausted`).
    if (exhausted && hits < limit) {
      const already = new Set(out.map((r) => r.quote.id));
      // Without a speaker the fuzzy matches come after every exact hit in their own order, so the best `limit - hits`
      // that are not hits are all that can be shown (a smaller list: a higher score to beat, fewer quotes scored).
      // The speaker's fuzzy matches jump ahead of everyone's exact hits, so then the list is the editor's twice `limit`.
      const fuzzy = own.length ? this.fuzzy(q, limit * 2) : this.fuzzy(q, limit - hits, already);
      for (const r of fuzzy) {
        if (already.has(r.id)) continue;
        push(this.docs.get(r.id)!.q, r.score);
      }
    }
    out.sort((a, b) => a.score - b.score || a.quote.id - b.quote.id);
    return out.slice(0, limit);
  }

  /** A source quote holding exactly these words (normalised), the shortest first. */
  findByWords(words: string): Quote | undefined {
    const n = normalizeTyped(words);
    if (n.length < 2) return undefined;
    let best: QDoc | undefined;
    this.eachContaining(n, (d) => {
      if (!best || d.n.length < best.n.length) best = d;
      return true;
    });
    return best?.q;
  }
}
