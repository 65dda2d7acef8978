// Benchmark of the checker in the core: the BBC set (2,225 articles) as sources, a 5,000-word Markdown
// draft with 50 quotations (verbatim, misquoted, given to the wrong speaker, invented), p50/p99 of the
// full checkDraft call, and in the same run a naive baseline that aligns every draft quotation against
// every source quote. Timings are printed, never asserted.
//   node --import tsx bench/check.bench.ts [--runs N] [--baseline-runs N]
import { loadavg } from 'node:os';
import { checkDraft } from '../server/src/core/check/checkDraft';
import { alignWords, Gap } from '../server/src/core/check/align';
import { scanDraft } from '../server/src/core/check/draft';
import { quotationWords } from '../server/src/core/check/words';
import { PassageIndex } from '../server/src/core/index/passageIndex';
import type { SourceIndex } from '../server/src/core/index/sourceIndex';
import { tokenize } from '../server/src/core/text/normalize';
import { BBC_DIR, bbcAvailable, loadBbc, rng } from '../test/unit/check/support/bbcSuite';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** A 5,000-word draft with 50 quotations: 30 verbatim, 10 misquoted, 5 with a wrong speaker, 5 invented. */
function makeDraft(index: SourceIndex): { draft: string; words: number; quotations: number } {
  const random = rng(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const quotes = index.quotes().filter((q) => q.kind === 'statement' && q.speaker && !/["“”`<>*_#|\\[\]]/.test(q.text) && q.text.split(/\s+/).length >= 8 && q.text.split(/\s+/).length <= 40);
  const speakers = [...new Set(quotes.map((q) => q.speaker!))];
  // Filler: narrative paragraphs (no quote marks) from the articles.
  const paragraphs = index.sources.flatMap((s) => s.text.slice(s.bodyStart).split(/\n\s*\n/)).filter((p) => p.length > 200 && !/["“”`<>*_#|\\[\]]/.test(p));
  const parts: string[] = ['---\ntitle: Benchmark draft\n---\n# A long draft\n'];
  let words = 0;
  let n = 0;
  const kinds = [...Array(30).fill('verbatim'), ...Array(10).fill('misquote'), ...Array(5).fill('speaker'), ...Array(5).fill('invented')];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  for (const kind of kinds) {
    const filler = pick(paragraphs).replace(/\s+/g, ' ');
    parts.push(filler);
    words += filler.split(' ').length;
    const q = pick(quotes);
    let text = q.text.replace(/\s+/g, ' ').trim().replace(/[,;:]$/, '');
    let who = q.speaker!;
    if (kind === 'misquote') {
      const w = text.split(' ');
      const k = 1 + Math.floor(random() * (w.length - 2));
      if (random() < 0.5) w.splice(k, 1);
      else w[k] = 'very';
      text = w.join(' ');
    } else if (kind === 'speaker') who = pick(speakers.filter((s) => s !== who));
    else if (kind === 'invented') text = 'Nobody has ever said these particular words about the ' + pick(['market', 'match', 'election', 'film']) + ' before now';
    parts.push(n % 3 === 0 ? `${who} said: “${text}”` : n % 3 === 1 ? `“${text},” said ${who}.` : `> ${text}\n> — ${who}`);
    words += text.split(' ').length + 3;
    n++;
  }
  while (words < 5000) {
    const filler = pick(paragraphs).replace(/\s+/g, ' ');
    parts.push(filler);
    words += filler.split(' ').length;
  }
  return { draft: parts.join('\n\n') + '\n', words, quotations: n };
}

/** The naive baseline: every draft quotation aligned word by word against every source quote. */
function naiveCheck(draft: string, index: SourceIndex, quoteIds: Array<{ ids: number[] }>): number {
  const scan = scanDraft(draft);
  const pidx = PassageIndex.for(index);
  let found = 0;
  for (const raw of scan.quotations) {
    const w = quotationWords(draft, scan.mask, raw.inner);
    const ids = w.pieces.map((x) => pidx.idOf(x.key));
    const gaps = new Uint8Array(ids.length + 1).fill(Gap.None);
    let best = Infinity;
    for (const q of quoteIds) {
      const al = alignWords(ids, gaps, q.ids, 0, q.ids.length);
      const cost = al.cost + (ids.length - al.matches);
      if (cost < best) best = cost;
    }
    if (best <= ids.length / 3) found++;
  }
  return found;
}

async function main(): Promise<void> {
  if (!bbcAvailable()) {
    console.error(`check.bench: the BBC set is not at ${BBC_DIR}`);
    process.exit(2);
  }
  const runs = arg('runs', 60);
  const baselineRuns = arg('baseline-runs', 2);
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on this machine (timings are wall clock)`);
  let t = performance.now();
  const index = await loadBbc();
  console.log(`sources: ${index.sources.length} files analysed in ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const pidx = PassageIndex.for(index);
  console.log(`passage index: ${pidx.totalWords} words, built in ${(performance.now() - t).toFixed(0)} ms (once per index version)`);

  const { draft, words, quotations } = makeDraft(index);
  const first = checkDraft(draft, index);
  console.log(`draft: ${words} words, ${quotations} quotations written, ${first.quotations.length} found; findings: ` + Object.entries(first.findings.reduce<Record<string, number>>((m, f) => ((m[f.code] = (m[f.code] ?? 0) + 1), m), {})).map(([k, v]) => `${k} ${v}`).join(', '));

  for (let i = 0; i < 10; i++) checkDraft(draft, index);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    checkDraft(draft, index);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const p50 = percentile(times, 50);
  console.log(`checkDraft (${runs} runs): p50 ${p50.toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms; CPU time p50 ${percentile(cpu, 50).toFixed(1)} ms`);

  // Baseline: word ids of every source quote, prepared once (not timed).
  const quoteIds = index.quotes().map((q) => ({ ids: tokenize(q.text).map((x) => pidx.idOf(x.key)) }));
  const base: number[] = [];
  let matched = 0;
  for (let i = 0; i < baselineRuns; i++) {
    const t0 = performance.now();
    matched = naiveCheck(draft, index, quoteIds);
    base.push(performance.now() - t0);
  }
  const b50 = percentile(base, 50);
  console.log(`naive baseline (each quotation aligned against all ${quoteIds.length} source quotes, ${baselineRuns} runs): p50 ${b50.toFixed(0)} ms (${matched} quotations matched)`);
  console.log(`speed-up: ${(b50 / p50).toFixed(0)}× (baseline p50 / checkDraft p50)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(3);
});
