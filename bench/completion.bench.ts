// Completion in the core alone: QuoteSearch over the scale benchmark's prefixes (bench/workload.ts: 1,000 starts of
// real quotes + 200 that match nothing, the same seed as bench/scale.bench.ts), p50/p99 of wall and CPU time; and how
// good the ranking is: how often the quote a prefix was typed from (or one with the same text) comes first, for the
// real prefixes and for the same prefixes with a typo in the last word (where the fuzzy stage decides); and the quotes
// the fuzzy stage scores per search (its work, unaffected by the machine's load).
// With --before <file>, an earlier quoteSearch.ts (e.g. `git show <commit>:server/src/core/index/quoteSearch.ts`) is
// timed in the same process, interleaved query by query, and the two rankings compared. Never asserts.
//   node --import tsx bench/completion.bench.ts --scale 1 [--before /tmp/quoteSearch.before.ts] [--rounds 3] [--timing-only]
// The quotes of a scale are kept in <tmpdir>/verbatim-bench-quotes-x<scale>.json after the first load (analysing ×20
// takes minutes).
import { resolve } from 'node:path';
import { QuoteSearch } from '../server/src/core/index/quoteSearch';
import type { Quote } from '../server/src/core/types';
import { rng } from './corpus';
import { loadQuotes, quotesOnly } from './quotesCache';
import { completionPrefixes, stats } from './workload';
import { arg } from './args';

const scale = Number(arg('scale', '1'));
const rounds = Number(arg('rounds', '3'));
const beforePath = arg('before');

interface Searcher {
  search(typed: string, opts?: { limit?: number }): Array<{ quote: Quote }>;
}

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
function timed(f: () => unknown): { ms: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  return { ms: performance.now() - t0, cpu: cpuMs(process.cpuUsage(c0)) };
}

/** The same real prefixes with the last word misspelt (a letter dropped or two swapped), as typed in a hurry. */
function withTypos(prefixes: string[], seed: number): string[] {
  const random = rng(seed);
  const out: string[] = [];
  for (const p of prefixes) {
    const words = p.split(' ');
    const last = words[words.length - 1];
    if (last.length < 5) continue;
    const at = 1 + Math.floor(random() * (last.length - 3));
    words[words.length - 1] = random() < 0.5 ? last.slice(0, at) + last.slice(at + 1) : last.slice(0, at) + last[at + 1] + last[at] + last.slice(at + 2);
    out.push(words.join(' '));
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const quotes = await loadQuotes(scale);
  const index = quotesOnly(quotes);
  console.log(`x${scale}: ${quotes.length} quotes (loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const prefixes = completionPrefixes(index, 1000, 200, 11);
  const textOf = new Map(quotes.map((q) => [q.id, q.text.replace(/\s+/g, ' ').trim()]));

  const searchers: Array<{ name: string; s: Searcher }> = [];
  if (beforePath) {
    const mod = await import(resolve(beforePath));
    const b = timed(() => searchers.push({ name: 'before', s: mod.QuoteSearch.for(index) }));
    console.log(`before: built in ${round(b.ms)} ms`);
  }
  const a = timed(() => searchers.push({ name: 'after', s: QuoteSearch.for(index) }));
  console.log(`after: built in ${round(a.ms)} ms`);

  for (const { s } of searchers) for (const p of prefixes.slice(0, 50)) s.search(p.typed, { limit: 50 });
  const wall = searchers.map(() => [] as number[]);
  const cpu = searchers.map(() => [] as number[]);
  const slowest = searchers.map(() => [] as Array<{ ms: number; typed: string }>);
  for (let r = 0; r < rounds; r++) {
    for (const p of prefixes) {
      // Interleaved, in turn first, so that the machine's load falls on both alike.
      for (let k = 0; k < searchers.length; k++) {
        const j = (k + r) % searchers.length;
        const t = timed(() => searchers[j].s.search(p.typed, { limit: 50 }));
        wall[j].push(t.ms);
        cpu[j].push(t.cpu);
        slowest[j].push({ ms: t.cpu, typed: p.typed });
      }
    }
  }
  searchers.forEach(({ name }, j) => {
    const w = stats(wall[j]);
    const c = stats(cpu[j]);
    console.log(`${name}: ${wall[j].length} searches, wall p50 ${round(w.p50)} p99 ${round(w.p99)} max ${round(w.max)} ms; CPU p50 ${round(c.p50)} p99 ${round(c.p99)} ms`);
    const worst = slowest[j].sort((x, y) => y.ms - x.ms).slice(0, 8);
    console.log(`  most CPU: ${worst.map((x) => `"${x.typed}" ${round(x.ms)}`).join(', ')}`);
  });

  // Work, not time (the same on a busy machine): quotes scored by the fuzzy stage per search, where it is counted.
  searchers.forEach(({ name, s }) => {
    const counters = (s as { counters?: { scored: number } }).counters;
    if (!counters) return;
    const scored: number[] = [];
    for (const p of prefixes) {
      const before = counters.scored;
      s.search(p.typed, { limit: 50 });
      scored.push(counters.scored - before);
    }
    const st = stats(scored);
    console.log(`${name}: quotes scored per search p50 ${st.p50} p99 ${st.p99} max ${st.max}, ${scored.reduce((a, b) => a + b, 0)} in all`);
  });

  if (process.argv.includes('--timing-only')) return;
  // Ranking: the first result is the quote typed from (or has its text); for the real prefixes and with typos.
  const real = prefixes.filter((p) => p.matches).map((p) => p.typed);
  const sourceOf = (typed: string) => {
    // The prefix generator keeps whole words then cuts the last: the source is any quote whose text starts with the
    // words before the last and continues with the (uncut) last word's start.
    const want = typed.toLowerCase();
    return (id: number) => textOf.get(id)!.toLowerCase().startsWith(want);
  };
  const typos = withTypos(real, 7);
  const typoSource = new Map(typos.map((t, i) => [t, real.filter((p) => p.split(' ').pop()!.length >= 5)[i]]));
  searchers.forEach(({ name, s }) => {
    let first = 0;
    for (const t of real) if (sourceOf(t)(s.search(t, { limit: 50 })[0]?.quote.id ?? -1)) first++;
    let typoFirst = 0;
    let typoTop10 = 0;
    for (const t of typos) {
      const isSource = sourceOf(typoSource.get(t)!);
      const ids = s.search(t, { limit: 50 }).map((r) => r.quote.id);
      if (ids.length && isSource(ids[0])) typoFirst++;
      if (ids.slice(0, 10).some(isSource)) typoTop10++;
    }
    console.log(`${name}: source quote first for ${first}/${real.length} real prefixes; with a typo in the last word: first ${typoFirst}/${typos.length}, in the top 10 ${typoTop10}/${typos.length}`);
  });
  if (searchers.length === 2) {
    let same = 0;
    let sameTop10 = 0;
    const all = [...prefixes.map((p) => p.typed), ...typos];
    for (const t of all) {
      const [x, y] = searchers.map(({ s }) => s.search(t, { limit: 50 }).map((r) => r.quote.id).join(','));
      if (x === y) same++;
      const [x10, y10] = searchers.map(({ s }) => s.search(t, { limit: 10 }).map((r) => r.quote.id).join(','));
      if (x10 === y10) sameTop10++;
    }
    console.log(`before vs after: the same 50 in the same order for ${same}/${all.length} queries; the same top 10 for ${sameTop10}/${all.length}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
