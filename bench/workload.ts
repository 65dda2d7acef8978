// What the scale benchmark asks of the index, made once per corpus from its own quotes with a fixed seed: drafts of
// a given length and number of quotations (verbatim, misquoted, given to the wrong speaker, invented — the mix of
// bench/check.bench.ts), completion prefixes taken from real quotes plus prefixes that match nothing, and the
// naive baselines (fuse.js over the flat list of quotes; every draft quotation aligned against every source quote).
import Fuse from 'fuse.js';
import { alignWords, Gap } from '../server/src/core/check/align';
import { scanDraft } from '../server/src/core/check/draft';
import { quotationWords } from '../server/src/core/check/words';
import { PassageIndex } from '../server/src/core/index/passageIndex';
import type { SourceIndex } from '../server/src/core/index/sourceIndex';
import { tokenize } from '../server/src/core/text/normalize';
import type { Quote } from '../server/src/core/types';
import { normalize } from '../server/src/lsp/lookup';
import { rng } from './corpus';

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export interface Stats {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export function stats(xs: number[]): Stats {
  return { n: xs.length, p50: percentile(xs, 50), p99: percentile(xs, 99), max: xs.length ? Math.max(...xs) : NaN };
}

const plain = (q: Quote) => q.text.replace(/\s+/g, ' ').trim();
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Statement quotes with a speaker that can be written between double marks as they are, 6–40 words. */
export function usableQuotes(index: SourceIndex, onlyOriginals = true): Quote[] {
  return index.quotes().filter((q) => {
    if (q.kind !== 'statement' || !q.speaker) return false;
    if (onlyOriginals && /-c\d+$/.test(q.sourceId)) return false;
    const t = plain(q);
    const n = wordCount(t);
    return n >= 6 && n <= 40 && !/["“”„`<>*_#|\\[\]…]|\.\s?\.\s?\./.test(t);
  });
}

export interface Draft {
  text: string;
  words: number;
  quotations: number;
  /** Offsets just inside each quotation's opening mark (for hovers and keystrokes). */
  quotationStarts: number[];
}

/** A Markdown draft of about `targetWords` words with `quotations` quotations: 60% verbatim, 20% misquoted, 10% wrong speaker, 10% invented. */
export function makeDraft(index: SourceIndex, targetWords: number, quotations: number, seed: number): Draft {
  const random = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const quotes = usableQuotes(index);
  const short = quotes.filter((q) => wordCount(plain(q)) <= 12);
  const speakers = [...new Set(quotes.map((q) => q.speaker!))];
  const paragraphs: string[] = [];
  for (const s of index.sources) {
    if (/-c\d+$/.test(s.meta.id)) continue;
    for (const p of s.text.slice(s.bodyStart).split(/\n\s*\n/)) if (p.length > 200 && !/["“”`<>*_#|\\[\]]/.test(p)) paragraphs.push(p.replace(/\s+/g, ' ').trim());
    if (paragraphs.length > 3000) break;
  }
  const kinds: string[] = [];
  for (let i = 0; i < quotations; i++) kinds.push(i % 10 < 6 ? 'verbatim' : i % 10 < 8 ? 'misquote' : i % 10 === 8 ? 'speaker' : 'invented');
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  // Quotations take about 15 words each with their attribution; filler makes up the rest, spread between them.
  const pool = targetWords / quotations < 30 ? short : quotes;
  const parts: string[] = ['---\ntitle: Benchmark draft\n---\n# A draft\n'];
  let words = 0;
  const fillerPerQuote = Math.max(0, (targetWords - quotations * 18) / quotations);
  const filler = (budget: number) => {
    let out = '';
    while (budget > 0) {
      const p = pick(paragraphs);
      const w = p.split(' ');
      const take = w.slice(0, Math.min(w.length, Math.ceil(budget)));
      out += (out ? ' ' : '') + take.join(' ');
      budget -= take.length;
      words += take.length;
    }
    return out;
  };
  let n = 0;
  for (const kind of kinds) {
    const f = filler(fillerPerQuote);
    const q = pick(pool);
    let text = plain(q).replace(/[,;:]$/, '');
    let who = q.speaker!;
    if (kind === 'misquote') {
      const w = text.split(' ');
      const k = 1 + Math.floor(random() * (w.length - 2));
      if (random() < 0.5) w.splice(k, 1);
      else w[k] = 'very';
      text = w.join(' ');
    } else if (kind === 'speaker') who = pick(speakers.filter((s) => s !== who));
    else if (kind === 'invented') text = `Nobody has ever said these particular words about the ${pick(['market', 'match', 'election', 'film', 'budget'])} before ${pick(['now', 'today', 'this week'])}`;
    const quotation = n % 3 === 0 ? `${who} said: “${text}”` : n % 3 === 1 ? `“${text},” said ${who}.` : `As ${who} put it, “${text}.”`;
    parts.push(f ? `${f} ${quotation}` : quotation);
    words += wordCount(text) + 3;
    n++;
  }
  const text = parts.join('\n\n') + '\n';
  const quotationStarts: number[] = [];
  for (let i = text.indexOf('“'); i >= 0; i = text.indexOf('“', i + 1)) quotationStarts.push(i + 1);
  return { text, words: wordCount(text), quotations: n, quotationStarts };
}

/** What a writer types after an opening mark: the first 1–6 words of a real quote (the last one often cut), or words of nothing. */
export function completionPrefixes(index: SourceIndex, matching: number, nothing: number, seed: number): { typed: string; matches: boolean }[] {
  const random = rng(seed);
  const quotes = usableQuotes(index, false);
  const out: { typed: string; matches: boolean }[] = [];
  for (let i = 0; i < matching; i++) {
    const w = plain(quotes[Math.floor(random() * quotes.length)]).split(' ');
    const k = 1 + Math.floor(random() * Math.min(6, w.length));
    const words = w.slice(0, k);
    const last = words[k - 1];
    if (random() < 0.6 && last.length > 3) words[k - 1] = last.slice(0, 2 + Math.floor(random() * (last.length - 2)));
    out.push({ typed: words.join(' '), matches: true });
  }
  const letters = 'bcdfghjklmnpqrstvwxz';
  for (let i = 0; i < nothing; i++) {
    const words: string[] = [];
    const k = 1 + Math.floor(random() * 4);
    for (let j = 0; j < k; j++) {
      let s = '';
      const len = 4 + Math.floor(random() * 6);
      for (let c = 0; c < len; c++) s += letters[Math.floor(random() * letters.length)];
      words.push(s);
    }
    out.push({ typed: words.join(' '), matches: false });
  }
  // Interleave so that both kinds meet a warm and a cold server alike.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Baseline for completion: fuse.js over the flat list of every quote (the options the server used before its word index). */
export function fuseBaseline(index: SourceIndex): (typed: string) => unknown[] {
  const docs = index.quotes().map((q) => ({ n: normalize(q.text), id: q.id }));
  const fuse = new Fuse(docs, { keys: ['n'], ignoreLocation: true, ignoreFieldNorm: true, includeScore: true, threshold: 0.34, minMatchCharLength: 1 });
  return (typed: string) => fuse.search(normalize(typed), { limit: 50 });
}

/** Baseline for the check: every draft quotation aligned word by word against every source quote (as bench/check.bench.ts). */
export function naiveBaseline(index: SourceIndex): (draft: string, maxQuotations?: number) => { ms: number; timed: number; total: number } {
  const pidx = PassageIndex.for(index);
  const quoteIds = index.quotes().map((q) => tokenize(q.text).map((x) => pidx.idOf(x.key)));
  return (draft, maxQuotations = Infinity) => {
    const t0 = performance.now();
    const scan = scanDraft(draft);
    let timed = 0;
    for (const raw of scan.quotations) {
      if (timed >= maxQuotations) break;
      timed++;
      const w = quotationWords(draft, scan.mask, raw.inner);
      const ids = w.pieces.map((x) => pidx.idOf(x.key));
      const gaps = new Uint8Array(ids.length + 1).fill(Gap.None);
      let best = Infinity;
      for (const q of quoteIds) {
        const al = alignWords(ids, gaps, q, 0, q.length);
        const cost = al.cost + (ids.length - al.matches);
        if (cost < best) best = cost;
      }
    }
    return { ms: performance.now() - t0, timed, total: scan.quotations.length };
  };
}
