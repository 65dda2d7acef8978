// Search over the source quotes as a writer types them (completion): exact prefixes beat substrings beat fuzzy word
// matches (prefix, typo, weighted by rarity); the given speaker's quotes come first. The ranking is the editor's
// (it was a linear scan per keystroke in lsp/lookup.ts); here it is answered from indexes that a changed source
// updates for its own quotes only:
//   - prefix buckets (the first 1, 2 and 3 characters of each quote) for prefix hits, in id order;
//   - word postings (word → quotes) for substring candidates and for the fuzzy stage;
//   - a trie of the vocabulary for prefix and typo expansion of a typed word (the vocabulary of a language grows
//     far slower than the archive, so this part barely grows with it);
//   - the fuzzy stage scores only the quotes that hold one of the typed words that can still reach the threshold
//     (the rarest ones), instead of every quote.
// Removed quotes are dropped from the lists lazily (a live-set check) and the lists compacted when half dead.
import type { Quote } from '../types';
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
  /** Distinct word ids. */
  words: Int32Array;
}

/** A growing list of quote ids in ascending order; removed ids are skipped through the live map and compacted. */
class IdList {
  ids: number[] = [];
  dead = 0;
}

class TrieNode {
  children = new Map<string, TrieNode>();
  /** Word id when a word ends here (and is live). */
  word = -1;
}

const cache = new WeakMap<SourceIndex, QuoteSearch>();

export class QuoteSearch implements QuoteFinder {
  private readonly docs = new Map<number, QDoc>();
  private readonly buckets = new Map<string, IdList>();
  private readonly vocab = new Map<string, number>();
  private readonly words: string[] = [];
  /** Quotes holding each word (distinct per quote). */
  private readonly postings: IdList[] = [];
  /** Live quotes holding each word. */
  private readonly dfs: number[] = [];
  private readonly trie = new TrieNode();
  private readonly candidateCache = new Map<string, Array<{ word: number; weight: number }>>();
  private builtVersion = -1;
  /** Quotes already scored in the current fuzzy query (by id), without a set per query. */
  private seen = new Int32Array(1024);
  private stampNow = 0;
  /** Fuzzy stages that left the commonest typed word out of the scan, and those that scanned in full (tests, benchmarks). */
  readonly counters = { deferred: 0, full: 0 };

  private growSeen(id: number): void {
    const next = new Int32Array(Math.max(id + 1, this.seen.length * 2));
    next.set(this.seen);
    this.seen = next;
  }

  static for(index: SourceIndex): QuoteSearch {
    let s = cache.get(index);
    if (!s) {
      s = new QuoteSearch();
      cache.set(index, s);
    }
    s.refresh(index);
    return s;
  }

  refresh(index: SourceIndex): void {
    if (this.builtVersion === index.version) return;
    const changes = this.builtVersion >= 0 ? index.changesSince(this.builtVersion) : undefined;
    if (!changes) {
      this.docs.clear();
      this.buckets.clear();
      for (const p of this.postings) {
        p.ids = [];
        p.dead = 0;
      }
      this.dfs.fill(0);
      for (const q of index.quotes()) this.add(q);
    } else {
      for (const c of changes.sources) {
        if (c.kind === 'add') for (const q of c.source.quotes) this.add(q);
        else for (const q of c.source.quotes) this.removeQuote(q.id);
      }
    }
    this.candidateCache.clear();
    this.builtVersion = index.version;
  }

  get size(): number {
    return this.docs.size;
  }

  private add(q: Quote): void {
    if (this.docs.has(q.id)) return;
    const n = normalizeTyped(q.text);
    const distinct = new Set<number>();
    for (const m of n.matchAll(WORD)) distinct.add(this.intern(m[0]));
    const words = Int32Array.from(distinct);
    this.docs.set(q.id, { q, n, words });
    for (const w of words) {
      this.postings[w].ids.push(q.id);
      this.dfs[w]++;
    }
    for (let k = 1; k <= 3 && k <= n.length; k++) {
      const key = n.slice(0, k);
      let b = this.buckets.get(key);
      if (!b) this.buckets.set(key, (b = new IdList()));
      b.ids.push(q.id);
    }
  }

  private removeQuote(id: number): void {
    const d = this.docs.get(id);
    if (!d) return;
    this.docs.delete(id);
    for (const w of d.words) {
      this.dfs[w]--;
      this.dropped(this.postings[w]);
    }
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
      let node = this.trie;
      for (let i = 0; i < word.length; i++) {
        const ch = word[i];
        let next = node.children.get(ch);
        if (!next) node.children.set(ch, (next = new TrieNode()));
        node = next;
      }
      node.word = id;
    }
    return id;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Exact prefix and substring hits, in id order.

  /** Calls `visit` with every quote whose normalised text starts with `q`, in id order, until it returns false. */
  private eachPrefix(q: string, visit: (d: QDoc) => boolean): void {
    const b = this.buckets.get(q.slice(0, Math.min(3, q.length)));
    if (!b) return;
    for (const id of b.ids) {
      const d = this.docs.get(id);
      if (d && d.n.startsWith(q) && !visit(d)) return;
    }
  }

  /** Calls `visit` with every quote whose text contains `q` (starting with it or not), in id order, until it returns false. */
  private eachContaining(q: string, visit: (d: QDoc) => boolean): void {
    const ids = this.containingCandidates(q);
    if (ids === undefined) {
      for (const d of this.docs.values()) if (d.n.includes(q) && !visit(d)) return;
      return;
    }
    for (const id of ids) {
      const d = this.docs.get(id);
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
    for (let i = 0; i < ms.length; i++) {
      const w = ms[i][0];
      const atStart = ms[i].index === 0;
      const atEnd = ms[i].index! + w.length === q.length;
      let wordIds: number[];
      if (!atStart && !atEnd) {
        const id = this.vocab.get(w);
        if (id === undefined) return [];
        wordIds = [id];
      } else {
        // A vocabulary pass (it does not grow with the archive the way the quotes do).
        wordIds = [];
        for (let id = 0; id < this.words.length; id++) {
          const v = this.words[id];
          if (atStart && atEnd ? v.includes(w) : atStart ? v.endsWith(w) : v.startsWith(w)) wordIds.push(id);
        }
        if (wordIds.length === 0) return [];
      }
      let cost = 0;
      for (const id of wordIds) cost += this.dfs[id];
      if (cost < bestCost) {
        bestCost = cost;
        best = wordIds;
      }
    }
    if (!best || bestCost * 8 > this.docs.size) return undefined;
    if (best.length === 1) return this.postings[best[0]].ids;
    const all: number[] = [];
    for (const id of best) for (const x of this.postings[id].ids) all.push(x);
    all.sort((a, b) => a - b);
    return all.filter((x, i) => i === 0 || all[i - 1] !== x);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Fuzzy: typed words against quote words (exact, prefix for the word being typed, one or two typos), rare words
  // weighing more; a quote must match at least half the typed weight.

  private idf(word: number): number {
    return Math.log(1 + this.docs.size / Math.max(1, word >= 0 ? this.dfs[word] : 0));
  }

  /** Vocabulary words a typed word may stand for, with how good the match is (1 exact, less for prefix or typo). */
  private candidates(typed: string, partial: boolean): Array<{ word: number; weight: number }> {
    const key = `${partial ? 'p' : 'w'}:${typed}`;
    const hit = this.candidateCache.get(key);
    if (hit) return hit;
    const out = new Map<number, number>();
    const L = typed.length;
    const maxEdits = L >= 7 ? 2 : L >= 4 ? 1 : 0;
    // Distances are over UTF-16 units (as the editor's search always did); the trie is built the same way.
    const t = typed;
    // Depth-first over the trie with a row of the edit distance table per node (Levenshtein automaton style).
    const firstRow = Array.from({ length: L + 1 }, (_, j) => j);
    const visitWordsBelow = (node: TrieNode, depth: number, fn: (word: number, depth: number) => void) => {
      const stack: Array<[TrieNode, number]> = [[node, depth]];
      while (stack.length) {
        const [n, d] = stack.pop()!;
        if (n.word >= 0) fn(n.word, d);
        for (const c of n.children.values()) stack.push([c, d + 1]);
      }
    };
    const set = (word: number, weight: number) => {
      if ((out.get(word) ?? -1) < weight) out.set(word, weight);
    };
    const walk = (node: TrieNode, depth: number, row: number[]) => {
      const dist = row[L];
      if (node.word >= 0 && depth > 0) {
        const w = this.words[node.word];
        if (w === t) set(node.word, 1);
        else if (maxEdits && dist <= maxEdits && !(partial && w.startsWith(t))) set(node.word, dist === 1 ? 0.7 : 0.5);
      }
      if (partial && depth === L && dist === 0) {
        // Every word starting with what is typed (the word itself is exact, or a prefix match).
        visitWordsBelow(node, depth, (word, d) => {
          if (d > L) set(word, 0.9);
        });
      }
      if (partial && maxEdits && depth >= L - 1 && depth <= L + 1 && dist > 0 && dist <= maxEdits) {
        // The word being typed against the prefixes of about its length ("mesage" ~ "message…"): every longer word below.
        visitWordsBelow(node, depth, (word, d) => {
          if (d > depth && !this.words[word].startsWith(t)) set(word, dist === 1 ? 0.7 : 0.5);
        });
      }
      let min = Infinity;
      for (const v of row) if (v < min) min = v;
      if (min > maxEdits) return;
      if (depth >= L + maxEdits + (partial ? 1 : 0)) return;
      for (const [ch, child] of node.children) {
        const next = new Array<number>(L + 1);
        next[0] = row[0] + 1;
        for (let j = 1; j <= L; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (t[j - 1] === ch ? 0 : 1));
        walk(child, depth + 1, next);
      }
    };
    walk(this.trie, 0, firstRow);
    // The exact word and live words only.
    const list: Array<{ word: number; weight: number }> = [];
    for (const [word, weight] of out) if (this.dfs[word] > 0) list.push({ word, weight });
    list.sort((a, b) => a.word - b.word);
    if (this.candidateCache.size > 500) this.candidateCache.clear();
    this.candidateCache.set(key, list);
    return list;
  }

  /** Quotes matching the typed words, best first: [quote id, score] with score in (0, 1]. */
  private fuzzy(q: string, limit: number): Array<{ id: number; score: number }> {
    const typedWords = q.match(WORD) ?? [];
    if (!typedWords.length) return [];
    const partialLast = !/\s$/.test(q);
    const per = typedWords.map((typed, i) => {
      const cands = this.candidates(typed, partialLast && i === typedWords.length - 1);
      let weight = cands.length ? -Infinity : this.idf(-1);
      for (const c of cands) weight = Math.max(weight, this.idf(c.word));
      // How well each vocabulary word stands for this typed word (0: not at all), as a dense array.
      const byWord = new Float32Array(this.words.length);
      for (const c of cands) byWord[c.word] = c.weight;
      return { cands, weight, byWord };
    });
    let total = 0;
    for (const p of per) total += p.weight;
    // A quote that has none of the heaviest words cannot reach half the weight: only those words' quotes are scored.
    const order = per.map((_, i) => i).sort((a, b) => per[b].weight - per[a].weight);
    let rest = total;
    const needed: number[] = [];
    for (const i of order) {
      if (rest < 0.5 * total) break;
      needed.push(i);
      rest -= per[i].weight;
    }
    /** Scores every quote holding a candidate word of the given typed words (each quote once); keeps those at half the weight or more. */
    const scoreQuotesOf = (terms: number[]): Array<{ id: number; score: number; raw: number }> => {
      const stamp = ++this.stampNow;
      const out: Array<{ id: number; score: number; raw: number }> = [];
      for (const i of terms) {
        for (const c of per[i].cands) {
          for (const id of this.postings[c.word].ids) {
            if (this.seen.length <= id) this.growSeen(id);
            if (this.seen[id] === stamp) continue;
            this.seen[id] = stamp;
            const d = this.docs.get(id);
            if (!d) continue;
            let score = 0;
            for (const p of per) {
              let best = 0;
              const bw = p.byWord;
              const ws = d.words;
              for (let k = 0; k < ws.length; k++) if (bw[ws[k]] > best) best = bw[ws[k]];
              // Float32 holds 0.9, 0.7 and 0.5 inexactly: use the exact weights for the sum (as before).
              if (best > 0) score += (best > 0.95 ? 1 : best > 0.8 ? 0.9 : best > 0.6 ? 0.7 : 0.5) * p.weight;
            }
            const coverage = score / total;
            if (coverage >= 0.5) out.push({ id, score: 1 - coverage + 0.001, raw: score });
          }
        }
      }
      return out;
    };
    const byRank = (a: { id: number; score: number }, b: { id: number; score: number }) => a.score - b.score || a.id - b.id;
    // A typed word whose candidates are in most quotes ("…quite a": every word starting with "a") is left out of the
    // scan when the quotes holding the other words already fill the list with scores that a quote holding only that
    // word (and words too light to matter) cannot reach. Exact: otherwise the full scan below.
    const cost = (i: number) => per[i].cands.reduce((n, c) => n + this.dfs[c.word], 0);
    if (per.length >= 2) {
      const heavy = needed.reduce((a, b) => (cost(b) > cost(a) ? b : a));
      // The quotes holding any other typed word are scored in full; one holding none of them has at most `bound`.
      const others = per.map((_, i) => i).filter((i) => i !== heavy);
      const otherCost = others.reduce((n, i) => n + cost(i), 0);
      if (cost(heavy) > 1000 && cost(heavy) > 2 * otherCost) {
        const bound = per[heavy].weight * per[heavy].cands.reduce((m, c) => Math.max(m, c.weight), 0);
        const first = scoreQuotesOf(others);
        first.sort((a, b) => b.raw - a.raw || a.id - b.id);
        if (bound < 0.5 * total || (first.length >= limit && first[limit - 1].raw > bound)) {
          this.counters.deferred++;
          return first.sort(byRank).slice(0, limit);
        }
      }
    }
    this.counters.full++;
    return scoreQuotesOf(needed).sort(byRank).slice(0, limit);
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
      for (const r of this.fuzzy(q, limit * 2)) {
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
