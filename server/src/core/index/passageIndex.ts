// A positional inverted index over the words of every source, for finding the passage a quotation
// comes from without scanning every source. Each source's words are tokenised once (cached per
// AnalyzedSource object, so a changed file costs only itself). The postings (word → global positions) are built in
// one linear pass (CSR form) and then kept up to date incrementally as sources come and go (SourceIndex.changesSince):
// an added source is appended (its postings in a small delta), a removed one is blanked out of the global word array
// (its stale postings no longer verify and are filtered out when a word's positions are next asked for). When the
// delta or the blanked words grow past a share of the whole, the next refresh rebuilds (amortised linear).
//
// Exact lookup starts from the quotation's rarest word and verifies the neighbours, which is the
// same as a shingle lookup but works for every n-gram length. Fuzzy lookup votes with the rare words.
import type { AnalyzedSource, Quote } from '../types';
import { perIndex } from './builtPerIndex';
import type { SourceIndex } from './sourceIndex';
import type { PassageSearch, Region } from './store';
import { wordSpans } from '../text/normalize';
import { WordVocabulary } from './wordVocabulary';

/** The words of one source body. */
export interface SourceWords {
  source: AnalyzedSource;
  /** Word ids (see PassageIndex.idOf). */
  ids: Int32Array;
  /** Where each word is in `source.text` (found when first asked for: see Tokens). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Quotes sorted by span start (for "which quote holds this passage"). */
  quotes: Quote[];
  /** True once the source was removed or replaced: its number is not reused, it matches nothing, skip it when listing. */
  dead?: boolean;
}

/** Something of a quotation that votes for where it comes from: a word or a word pair at `at`. */
interface Feature {
  at: number;
  /** Global positions of the feature's first word. */
  positions: ArrayLike<number>;
  weight: number;
}

/** A place in the index: document number and word position in it. */
export interface Hit {
  doc: number;
  pos: number;
}

/**
 * A source's word ids, and their spans once asked for. Only the documents a quotation matches need spans, so they are
 * found again from the text then (`wordSpans` gives the words `internWords` interned): keeping them for every source
 * doubled the index's memory (twice 69 MB at BBC ×20), and the build wrote them all.
 */
class Tokens {
  private spans?: { starts: Int32Array; ends: Int32Array };
  constructor(
    readonly source: AnalyzedSource,
    /** A view of the index's global word array once built into it (re-pointed at each rebuild). */
    public ids: Int32Array,
  ) {}

  get starts(): Int32Array {
    return (this.spans ??= this.findSpans()).starts;
  }

  get ends(): Int32Array {
    return (this.spans ??= this.findSpans()).ends;
  }

  private findSpans(): { starts: Int32Array; ends: Int32Array } {
    const { text, bodyStart } = this.source;
    const { starts, ends } = wordSpans(text, bodyStart, text.length);
    return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
  }
}

/** One document of the index: a source's tokens and its quotes in text order. */
class Document implements SourceWords {
  readonly source: AnalyzedSource;
  ids: Int32Array;
  dead?: boolean;
  constructor(
    private readonly tokens: Tokens,
    readonly quotes: Quote[],
  ) {
    this.source = tokens.source;
    this.ids = tokens.ids;
  }

  get starts(): Int32Array {
    return this.tokens.starts;
  }

  get ends(): Int32Array {
    return this.tokens.ends;
  }
}

const cache = new WeakMap<SourceIndex, PassageIndex>();
/** Words that are not in any source get this id: they never match. */
export const UNKNOWN_WORD = -1;
const SEPARATOR = -2;

export class PassageIndex implements PassageSearch {
  private readonly vocab = new WordVocabulary();
  private readonly tokenCache = new Map<string, Tokens>();
  /** Every document by number; removed ones stay (marked dead) until the next rebuild so that numbers are stable. */
  docs: SourceWords[] = [];
  private docById = new Map<string, number>();
  private docByPath = new Map<string, number>();
  /** Global word ids: every document's words, a separator between documents (removed documents: all separators). */
  all: Int32Array = new Int32Array(0);
  private allLength = 0;
  /** Global position of each document's first word. */
  base: Int32Array = new Int32Array(0);
  /** Postings of the documents present at the last rebuild (CSR). */
  private postStart = new Int32Array(1);
  private postings = new Int32Array(0);
  /** Documents [0, baseDocs) are in the CSR postings; later ones in `deltaPostings`. */
  private baseDocs = 0;
  private readonly deltaPostings = new Map<number, number[]>();
  /** Live occurrences of each word. */
  private dfs: number[] = [];
  /** Positions of words whose postings changed since the rebuild, recomputed when asked for. */
  private readonly composed = new Map<number, Int32Array>();
  private readonly stale = new Set<number>();
  private deadWords = 0;
  private deltaWords = 0;
  /** Total words indexed (live). */
  totalWords = 0;
  builtVersion = -1;
  /** Sources whose words `warm` is finding, for the index version they are of. */
  private warming: { version: number; sources: AnalyzedSource[]; at: number } | undefined;
  /** Full rebuilds and incremental updates so far (for tests and benchmarks). */
  readonly counters = { rebuilds: 0, updates: 0 };

  /** The passage index of `index`, brought up to date with its version. */
  static for(index: SourceIndex): PassageIndex {
    const p = PassageIndex.of(index);
    p.refresh(index);
    return p;
  }

  /**
   * Builds the index of `index` a part at a time (a server's idle moments): the words of sources it has not seen are
   * found and interned while `more()` says so; once every source's are known, the index is laid out (copying them
   * and the postings: about a tenth of a build). Whether it is complete. Once built, it is brought up to date whole.
   */
  static warm(index: SourceIndex, more: () => boolean): boolean {
    const p = PassageIndex.of(index);
    if (p.builtVersion === index.version) return true;
    if (p.builtVersion < 0) {
      if (p.warming?.version !== index.version) p.warming = { version: index.version, sources: index.sources, at: 0 };
      const w = p.warming;
      while (w.at < w.sources.length) {
        const s = w.sources[w.at++];
        const tokens = p.tokenCache.get(s.path);
        if (!tokens || tokens.source !== s) p.tokenCache.set(s.path, new Tokens(s, p.vocab.internWords(s.text, s.bodyStart, s.text.length)));
        if (!more()) return false;
      }
      p.warming = undefined;
    }
    p.refresh(index);
    return true;
  }

  private static of(index: SourceIndex): PassageIndex {
    return perIndex(cache, index, () => new PassageIndex());
  }

  refresh(index: SourceIndex): void {
    if (this.builtVersion === index.version) return;
    const changes = this.builtVersion >= 0 ? index.changesSince(this.builtVersion) : undefined;
    if (changes && changes.sources.length < Math.max(64, this.docByPath.size / 4)) {
      let ok = true;
      for (const c of changes.sources) {
        ok = c.kind === 'add' ? this.append(c.source) : (this.kill(c.source.path), true);
        if (!ok) break;
      }
      const garbage = this.deadWords + this.deltaWords;
      if (ok && garbage <= Math.max(200_000, this.totalWords / 4)) {
        this.counters.updates++;
        this.builtVersion = index.version;
        return;
      }
    }
    this.rebuild(index);
  }

  /**
   * Lays every source's word ids end to end in one array (`all`, a separator after each document) and makes each
   * document's ids a view of it: a new source is interned straight into it, an unchanged one copied from the last
   * build. (Each document kept its own copy before: 69 MB more at BBC ×20, and fresh memory is slow to fill.)
   */
  private rebuild(index: SourceIndex): void {
    const sources = index.sources;
    const cached: Array<Tokens | undefined> = new Array(sources.length);
    let estimate = 0;
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      const tokens = this.tokenCache.get(s.path);
      cached[i] = tokens && tokens.source === s ? tokens : undefined;
      // A text has rarely more than one word in four characters (one in 5.8 in the BBC set); past it, `all` grows.
      estimate += (cached[i] ? cached[i]!.ids.length : Math.ceil((s.text.length - s.bodyStart) / 4)) + 1;
    }
    let all: Int32Array = new Int32Array(estimate + Math.max(1 << 16, estimate >> 3));
    const base = new Int32Array(sources.length + Math.max(256, sources.length >> 3));
    let g = 0;
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      const tokens = cached[i];
      const most = tokens ? tokens.ids.length : s.text.length - s.bodyStart;
      if (g + most + 1 > all.length) all = grown(all, g + most + 1);
      base[i] = g;
      if (tokens) {
        all.set(tokens.ids, g);
        g += tokens.ids.length;
      } else g += this.vocab.internWords(s.text, s.bodyStart, s.text.length, all, g);
      all[g++] = SEPARATOR;
    }
    // Room to append documents before the next rebuild.
    const room = Math.max(1 << 16, g >> 3);
    if (all.length < g + room) all = grown(all, g + room);
    all.fill(SEPARATOR, g, g + room);
    const docs: SourceWords[] = new Array(sources.length);
    const live = new Set<string>();
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      const ids = all.subarray(base[i], (i + 1 < sources.length ? base[i + 1] : g) - 1);
      let tokens = cached[i];
      if (tokens) tokens.ids = ids;
      else this.tokenCache.set(s.path, (tokens = new Tokens(s, ids)));
      docs[i] = new Document(tokens, sortedQuotes(s));
      live.add(s.path);
    }
    for (const path of [...this.tokenCache.keys()]) if (!live.has(path)) this.tokenCache.delete(path);
    this.docs = docs;
    this.docById = new Map(docs.map((d, i) => [d.source.meta.id, i]));
    this.docByPath = new Map(docs.map((d, i) => [d.source.path, i]));
    this.buildPostings(all, g, base);
    this.builtVersion = index.version;
    this.counters.rebuilds++;
  }

  /** A document's words (tokenised once per AnalyzedSource object) and its quotes in text order. */
  private wordsOf(source: AnalyzedSource): Document {
    let tokens = this.tokenCache.get(source.path);
    if (!tokens || tokens.source !== source) {
      tokens = new Tokens(source, this.vocab.internWords(source.text, source.bodyStart, source.text.length));
      this.tokenCache.set(source.path, tokens);
    }
    return new Document(tokens, sortedQuotes(source));
  }

  /** Appends a document after the last rebuild. False when the arrays have no room left (then rebuild). */
  private append(source: AnalyzedSource): boolean {
    if (this.docByPath.has(source.path)) this.kill(source.path);
    const d = this.wordsOf(source);
    const n = d.ids.length;
    if (this.allLength + n + 1 > this.all.length || this.docs.length + 1 > this.base.length) return false;
    const doc = this.docs.length;
    const g0 = this.allLength;
    this.docs.push(d);
    this.base[doc] = g0;
    // A copy: the document keeps its own ids until the next rebuild lays them into a new `all`.
    this.all.set(d.ids, g0);
    this.all[g0 + n] = SEPARATOR;
    this.allLength = g0 + n + 1;
    for (let k = 0; k < n; k++) {
      const id = d.ids[k];
      let list = this.deltaPostings.get(id);
      if (!list) this.deltaPostings.set(id, (list = []));
      list.push(g0 + k);
      this.dfs[id] = (this.dfs[id] ?? 0) + 1;
      this.touch(id);
    }
    this.docById.set(source.meta.id, doc);
    this.docByPath.set(source.path, doc);
    this.totalWords += n;
    this.deltaWords += n;
    return true;
  }

  /** Removes a document: its words become separators, so its postings no longer verify. */
  private kill(path: string): void {
    const doc = this.docByPath.get(path);
    if (doc === undefined) return;
    const d = this.docs[doc];
    d.dead = true;
    this.docByPath.delete(path);
    this.tokenCache.delete(path);
    if (this.docById.get(d.source.meta.id) === doc) this.docById.delete(d.source.meta.id);
    const g0 = this.base[doc];
    for (let k = 0; k < d.ids.length; k++) {
      const id = d.ids[k];
      this.dfs[id]--;
      this.touch(id);
    }
    // The document keeps its words (its ids may be a view of the part of `all` that becomes separators).
    if (d.ids.buffer === this.all.buffer) d.ids = d.ids.slice();
    this.all.fill(SEPARATOR, g0, g0 + d.ids.length);
    this.totalWords -= d.ids.length;
    this.deadWords += d.ids.length;
  }

  private touch(id: number): void {
    this.stale.add(id);
    this.composed.delete(id);
  }

  /** The postings (CSR) of the words all[0, g), documents starting at `base`; the room after g is separators. */
  private buildPostings(all: Int32Array, g: number, base: Int32Array): void {
    const counts = new Int32Array(this.vocab.size + 1);
    for (let p = 0; p < g; p++) {
      const id = all[p];
      if (id >= 0) counts[id]++;
    }
    const postStart = new Int32Array(this.vocab.size + 1);
    for (let k = 0; k < this.vocab.size; k++) postStart[k + 1] = postStart[k] + counts[k];
    const fill = postStart.slice(0, this.vocab.size);
    const postings = new Int32Array(postStart[this.vocab.size]);
    for (let p = 0; p < g; p++) {
      const id = all[p];
      if (id >= 0) postings[fill[id]++] = p;
    }
    this.all = all;
    this.allLength = g;
    this.base = base;
    this.postStart = postStart;
    this.postings = postings;
    this.totalWords = postings.length;
    this.baseDocs = this.docs.length;
    this.dfs = Array.from(counts.subarray(0, this.vocab.size));
    this.deltaPostings.clear();
    this.composed.clear();
    this.stale.clear();
    this.deadWords = 0;
    this.deltaWords = 0;
  }

  /** The id of a word key, or UNKNOWN_WORD when no source has it. */
  idOf(key: string): number {
    return this.vocab.get(key) ?? UNKNOWN_WORD;
  }

  keyOf(id: number): string {
    return this.vocab.keys[id] ?? '';
  }

  /** How many times a word occurs across the sources (0 for unknown words). */
  df(id: number): number {
    if (id < 0) return 0;
    return this.dfs[id] ?? 0;
  }

  /** Inverse frequency weight: rare words weigh more. Unknown words weigh the most. */
  idf(id: number): number {
    return Math.log((this.totalWords + 1) / (this.df(id) + 1));
  }

  /** Global positions of a word, ascending (a view; do not modify). */
  positions(id: number): Int32Array {
    if (id < 0) return new Int32Array(0);
    const inBase = id + 1 < this.postStart.length ? this.postings.subarray(this.postStart[id], this.postStart[id + 1]) : new Int32Array(0);
    if (!this.stale.has(id)) return inBase;
    let list = this.composed.get(id);
    if (!list) {
      // The rebuild's postings that still hold this word, then the appended documents' (all in ascending order).
      const delta = this.deltaPostings.get(id) ?? [];
      list = new Int32Array(this.dfs[id] ?? 0);
      let n = 0;
      const all = this.all;
      for (let k = 0; k < inBase.length; k++) if (all[inBase[k]] === id) list[n++] = inBase[k];
      for (let k = 0; k < delta.length; k++) if (all[delta[k]] === id) list[n++] = delta[k];
      if (n !== list.length) list = list.slice(0, n);
      this.composed.set(id, list);
    }
    return list;
  }

  docIndex(sourceId: string): number | undefined {
    return this.docById.get(sourceId);
  }

  /** Document and local position of a global position. */
  locate(global: number): Hit {
    const base = this.base;
    let lo = 0;
    let hi = this.docs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (base[mid] <= global) lo = mid;
      else hi = mid - 1;
    }
    return { doc: lo, pos: global - base[lo] };
  }

  /**
   * Every place where the word sequence `ids` occurs contiguously (restricted to `docs` when given).
   * Starts from the rarest word's postings and checks the neighbours.
   */
  findExact(ids: ArrayLike<number>, docs?: Set<number>, limit = 50): Hit[] {
    const n = ids.length;
    if (n === 0) return [];
    let pivot = 0;
    let best = Infinity;
    for (let i = 0; i < n; i++) {
      if (ids[i] < 0) return [];
      const df = this.df(ids[i]);
      if (df < best) {
        best = df;
        pivot = i;
      }
    }
    const out: Hit[] = [];
    const all = this.all;
    const list = this.positions(ids[pivot]);
    for (let k = 0; k < list.length; k++) {
      const start = list[k] - pivot;
      if (start < 0 || start + n > this.allLength) continue;
      let ok = true;
      for (let i = 0; i < n; i++) {
        if (all[start + i] !== ids[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const hit = this.locate(start);
      if (docs && !docs.has(hit.doc)) continue;
      out.push(hit);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * Occurrences of `ids` inside one document between local positions [from, to).
   * Used to place the pieces of a quotation near an anchor.
   */
  findInRange(doc: number, ids: ArrayLike<number>, from: number, to: number): number[] {
    const d = this.docs[doc];
    const n = ids.length;
    const out: number[] = [];
    if (n === 0) return out;
    const hi = Math.min(to, d.ids.length - n + 1);
    for (let p = Math.max(0, from); p < hi; p++) {
      let ok = true;
      for (let i = 0; i < n; i++) {
        if (d.ids[p + i] !== ids[i]) {
          ok = false;
          break;
        }
      }
      if (ok) out.push(p);
    }
    return out;
  }

  /**
   * Candidate passages for a quotation that matched nowhere exactly. Features of the quotation vote
   * with each of their occurrences for a diagonal (source position minus the feature's position in
   * the quotation): its rarest words, and its word pairs (bigram shingles, looked up through the word
   * postings) so that a quotation of common words still finds its passage. Votes fall into buckets of
   * diagonals `slack + 1` wide (absorbing added or dropped words and marked omissions); a window of two
   * neighbouring buckets scores the summed weight of the distinct features voting in it.
   * Returns the best regions (local word positions [from, to)) with their weight.
   */
  candidates(
    ids: ArrayLike<number>,
    opts: { docs?: Set<number>; maxRegions?: number; slack?: number } = {},
  ): Region[] {
    const n = ids.length;
    const maxRegions = opts.maxRegions ?? 3;
    const slack = opts.slack ?? 8;
    const features: Feature[] = [];
    // Rare words, rarest first, within a budget of votes.
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (ids[i] >= 0) order.push(i);
    order.sort((a, b) => this.df(ids[a]) - this.df(ids[b]));
    const seen = new Set<number>();
    let budget = 4000;
    for (const i of order) {
      if (seen.has(ids[i])) continue;
      const df = this.df(ids[i]);
      if (features.length >= 12 || df > budget) break;
      budget -= df;
      seen.add(ids[i]);
      features.push({ at: i, positions: this.positions(ids[i]), weight: this.idf(ids[i]) });
    }
    // Word pairs, the cheapest to look up first.
    const pairs: Array<{ k: number; cost: number }> = [];
    for (let k = 0; k + 1 < n; k++) {
      if (ids[k] < 0 || ids[k + 1] < 0) continue;
      const cost = Math.min(this.df(ids[k]), this.df(ids[k + 1]));
      if (cost <= 4000) pairs.push({ k, cost });
    }
    pairs.sort((a, b) => a.cost - b.cost);
    const pairSeen = new Set<string>();
    let pairBudget = 12000;
    for (const { k, cost } of pairs) {
      if (features.length >= 26 || cost > pairBudget) break;
      pairBudget -= cost;
      const key = `${ids[k]} ${ids[k + 1]}`;
      if (pairSeen.has(key)) continue;
      pairSeen.add(key);
      const positions = this.exactPositions([ids[k], ids[k + 1]], 300);
      if (positions.length === 0) continue;
      // A pair is stronger evidence than its words: weight it as both, and more.
      features.push({ at: k, positions, weight: 1.5 * (this.idf(ids[k]) + this.idf(ids[k + 1])) });
    }
    if (features.length === 0) return [];
    return this.vote(features, n, maxRegions, slack, opts.docs);
  }

  /** Global start positions of a word sequence (at most `limit`). */
  private exactPositions(ids: number[], limit: number): number[] {
    let pivot = 0;
    for (let i = 1; i < ids.length; i++) if (this.df(ids[i]) < this.df(ids[pivot])) pivot = i;
    const out: number[] = [];
    const list = this.positions(ids[pivot]);
    const all = this.all;
    for (let k = 0; k < list.length && out.length < limit; k++) {
      const start = list[k] - pivot;
      if (start < 0) continue;
      let ok = true;
      for (let i = 0; i < ids.length; i++) if (all[start + i] !== ids[i]) ok = false;
      if (ok) out.push(start);
    }
    return out;
  }

  // Scratch hash table for voting (open addressing on typed arrays, reused across calls).
  private hKeys = new Int32Array(0);
  private hMask = new Int32Array(0);
  private hSample = new Int32Array(0);
  private hUsed = new Uint8Array(0);

  private vote(features: Feature[], n: number, maxRegions: number, slack: number, docs: Set<number> | undefined): Array<{ doc: number; from: number; to: number; weight: number }> {
    const B = slack + 1;
    let votes = 0;
    for (const f of features) votes += f.positions.length;
    let size = 1024;
    while (size < votes * 2) size <<= 1;
    if (this.hKeys.length < size) {
      this.hKeys = new Int32Array(size);
      this.hMask = new Int32Array(size);
      this.hSample = new Int32Array(size);
      this.hUsed = new Uint8Array(size);
    } else this.hUsed.fill(0, 0, size);
    const keys = this.hKeys;
    const maskOf = this.hMask;
    const sampleOf = this.hSample;
    const used = this.hUsed;
    const cap = size - 1;
    const slot = (b: number): number => {
      let h = Math.imul(b, 0x9e3779b1) & cap;
      while (used[h] && keys[h] !== b) h = (h + 1) & cap;
      return h;
    };
    let filled = 0;
    for (let v = 0; v < features.length; v++) {
      const f = features[v];
      const bit = 1 << v;
      for (let k = 0; k < f.positions.length; k++) {
        const p = f.positions[k];
        if (docs && !docs.has(this.locate(p).doc)) continue;
        const b = Math.floor((p - f.at) / B);
        const h = slot(b);
        if (!used[h]) {
          used[h] = 1;
          keys[h] = b;
          maskOf[h] = bit;
          filled++;
        } else maskOf[h] |= bit;
        sampleOf[h] = p;
      }
    }
    if (filled === 0) return [];
    const weightOf = (mask: number) => {
      let t = 0;
      for (let v = 0; mask; v++, mask >>>= 1) if (mask & 1) t += features[v].weight;
      return t;
    };
    const keep = Math.max(12, maxRegions * 4);
    const top: Array<{ b: number; weight: number }> = [];
    for (let h = 0; h < size; h++) {
      if (!used[h]) continue;
      const b = keys[h];
      const hn = slot(b + 1);
      const weight = weightOf(used[hn] ? maskOf[h] | maskOf[hn] : maskOf[h]);
      if (top.length === keep && weight <= top[top.length - 1].weight) continue;
      let at = top.length;
      while (at > 0 && top[at - 1].weight < weight) at--;
      top.splice(at, 0, { b, weight });
      if (top.length > keep) top.pop();
    }
    // Windows that overlap in one document become one region (the alignment finds the best part).
    const regions: Array<{ doc: number; from: number; to: number; weight: number }> = [];
    for (const win of top) {
      const doc = this.locate(sampleOf[slot(win.b)]).doc;
      const len = this.docs[doc].ids.length;
      const from = Math.max(0, win.b * B - this.base[doc]);
      const to = Math.min(len, (win.b + 2) * B - 1 - this.base[doc] + n);
      if (from >= to) continue;
      const same = regions.find((g) => g.doc === doc && g.from <= to && from <= g.to);
      if (same) {
        if (Math.max(same.to, to) - Math.min(same.from, from) <= 3 * n + 4 * B) {
          same.from = Math.min(same.from, from);
          same.to = Math.max(same.to, to);
        }
        continue;
      }
      if (regions.length >= maxRegions) continue;
      regions.push({ doc, from, to, weight: win.weight });
    }
    return regions;
  }

  /** The quote of a document that holds the words [from, to), or the one overlapping them most. */
  quoteAt(doc: number, from: number, to: number): Quote | undefined {
    const d = this.docs[doc];
    if (from >= to) return undefined;
    const s = d.starts[from];
    const e = d.ends[to - 1];
    let best: Quote | undefined;
    let bestOverlap = 0;
    for (const q of d.quotes) {
      if (q.span.start >= e) break;
      const overlap = Math.min(e, q.span.end) - Math.max(s, q.span.start);
      if (overlap > bestOverlap) {
        bestOverlap = overlap;
        best = q;
      }
    }
    return best && bestOverlap >= (e - s) / 2 ? best : undefined;
  }
}

/** A source's quotes sorted by span start (the longer first at one start). */
function sortedQuotes(source: AnalyzedSource): Quote[] {
  return [...source.quotes].sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
}

/** A copy of `a` at least `need` long (half as long again, at least), the rest zero. */
function grown(a: Int32Array, need: number): Int32Array {
  const b = new Int32Array(Math.max(need, a.length + (a.length >> 1)));
  b.set(a);
  return b;
}
