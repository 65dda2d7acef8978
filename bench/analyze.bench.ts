// Benchmark of source analysis (analyzeSource) on the BBC set: every article read and decoded first, then analysed
// phase by phase (front matter, quotes, entities, attribution) exactly as analyzeSource does, with the CPU time
// (process.cpuUsage) of each. Run 1 is the cold index of a fresh server (the JIT still warming up); later runs show
// the warmed-up cost. Prints totals, per-article p50/p99 and the split by phase; never asserts.
//   node --import tsx bench/analyze.bench.ts [--runs N] [--dir DIR] [--no-phases]
// (--no-phases: one clock reading per article instead of four; use it under a profiler, where the readings cost much)
// Output check (for optimisations that must not change any result): a SHA-256 per file of the analysed source,
//   node --import tsx bench/analyze.bench.ts --snapshot /tmp/analyze.sha   (write the hashes)
//   node --import tsx bench/analyze.bench.ts --compare /tmp/analyze.sha    (compare with them; exit 1 on a difference)
// The snapshot covers the BBC set, the bundled corpus/ and every .md/.txt under test/ and examples/.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { extname, join, relative } from 'node:path';
import { decodeText } from '../server/src/core/sources/decode';
import { analyzeSource } from '../server/src/core/sources/analyze';
import { idFromPath, parseFrontMatter } from '../server/src/core/sources/frontMatter';
import { extractQuotes } from '../server/src/core/extract/quotes';
import { findEntities } from '../server/src/core/entities/entities';
import { attributeQuotes } from '../server/src/core/extract/attribution';
import { paragraphsOf } from '../server/src/core/extract/paragraphs';
import { arg } from './args';

const ROOT = join(__dirname, '..');
const BBC = arg('dir', join(ROOT, '..', 'shared', 'data', 'bbc-news'))!;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'node_modules') out.push(...filesUnder(p));
    } else if (['.md', '.txt', '.markdown'].includes(extname(name).toLowerCase())) out.push(p);
  }
  return out;
}

const read = (file: string) => ({ path: relative(ROOT, file), text: decodeText(readFileSync(file)).text });

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const between = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs: number[]) => pct(xs, 50);

// ---- output check ----
const snapshotTo = arg('snapshot');
const compareWith = arg('compare');
if (snapshotTo || compareWith) {
  const files = [...filesUnder(BBC), ...['corpus', 'test', 'examples'].flatMap((d) => filesUnder(join(ROOT, d)))];
  const lines = files.map((f) => {
    const { path, text } = read(f);
    return `${createHash('sha256').update(JSON.stringify(analyzeSource(path, text))).digest('hex')}  ${path}`;
  });
  if (snapshotTo) {
    writeFileSync(snapshotTo, lines.join('\n') + '\n');
    console.log(`analyze: ${lines.length} hashes written to ${snapshotTo}`);
  } else {
    const before = new Map(readFileSync(compareWith!, 'utf8').trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)]));
    const differ = lines.filter((l) => before.get(l.slice(66)) !== l.slice(0, 64)).map((l) => l.slice(66));
    const missing = [...before.keys()].filter((p) => !lines.some((l) => l.slice(66) === p));
    console.log(`analyze: ${lines.length} files, ${differ.length} differ, ${missing.length} missing${differ.length ? `: ${differ.slice(0, 20).join(', ')}` : ''}`);
    process.exit(differ.length || missing.length ? 1 : 0);
  }
  process.exit(0);
}

// ---- benchmark ----
if (!existsSync(BBC)) {
  console.log(`analyze: the BBC set is not at ${BBC}; skipped.`);
  process.exit(0);
}
const sources = filesUnder(BBC).map(read);
const runs = Number(arg('runs', '5'));
const split = !process.argv.includes('--no-phases');
const PHASES = ['frontMatter', 'quotes', 'entities', 'attribution'] as const;

/** One pass over every article; the same steps as analyzeSource, timed one by one. */
function pass(): { total: number; perArticle: number[]; phases: Record<(typeof PHASES)[number], number> } {
  const phases = { frontMatter: 0, quotes: 0, entities: 0, attribution: 0 };
  const perArticle: number[] = [];
  const t0 = process.cpuUsage();
  if (!split) {
    // one clock reading per article (each costs a few µs of CPU itself, and far more under a profiler)
    let c0 = t0;
    for (const { path, text } of sources) {
      analyzeSource(path, text);
      const c1 = process.cpuUsage();
      perArticle.push(between(c0, c1));
      c0 = c1;
    }
    return { total: cpuMs(process.cpuUsage(t0)), perArticle, phases };
  }
  for (const { path, text } of sources) {
    const c0 = process.cpuUsage();
    const fm = parseFrontMatter(text);
    const meta = { ...fm.meta, id: fm.meta.id ?? idFromPath(path) };
    const c1 = process.cpuUsage();
    const paragraphs = paragraphsOf(text, fm.bodyStart);
    const extraction = extractQuotes(text, fm.bodyStart, paragraphs);
    const c2 = process.cpuUsage();
    const entities = findEntities(text, fm.bodyStart, meta.id, extraction.quotes, paragraphs);
    const c3 = process.cpuUsage();
    attributeQuotes(text, fm.bodyStart, meta, extraction.quotes, entities, paragraphs);
    const c4 = process.cpuUsage();
    phases.frontMatter += between(c0, c1);
    phases.quotes += between(c1, c2);
    phases.entities += between(c2, c3);
    phases.attribution += between(c3, c4);
    perArticle.push(between(c0, c4));
  }
  return { total: cpuMs(process.cpuUsage(t0)), perArticle, phases };
}

console.log(`analyze: ${sources.length} files from ${BBC}; ${runs} passes; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const results = [];
for (let r = 1; r <= runs; r++) {
  const res = pass();
  results.push(res);
  const phases = split ? `; by phase (ms): ${PHASES.map((p) => `${p} ${res.phases[p].toFixed(0)}`).join(', ')}` : '';
  console.log(
    `pass ${r}${r === 1 ? ' (cold)' : ''}: total CPU ${res.total.toFixed(0)} ms; per article p50 ${median(res.perArticle).toFixed(2)} ms, ` +
      `p99 ${pct(res.perArticle, 99).toFixed(2)} ms, max ${Math.max(...res.perArticle).toFixed(1)} ms${phases}`,
  );
}
if (runs > 2) {
  const warm = results.slice(1);
  const phases = split ? `; by phase (ms): ${PHASES.map((p) => `${p} ${median(warm.map((w) => w.phases[p])).toFixed(0)}`).join(', ')}` : '';
  console.log(`warm passes (median of ${warm.length}): total CPU ${median(warm.map((w) => w.total)).toFixed(0)} ms${phases}`);
}
