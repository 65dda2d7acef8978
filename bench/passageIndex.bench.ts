// The build of the passage index alone (PassageIndex.rebuild: every source's body tokenised, its words interned, the
// postings laid out), which the first check of a draft after a start waits for. The sources are the benchmark corpus'
// files with their front matter skipped and no quotes (the build does not look into quotes beyond sorting them).
// Each run builds a fresh index in this process; the first run is the one a server pays (cold JIT), so it is shown
// apart. `--baseline` also times the naive way (`tokenize`, a Map from key to id) on the same texts, and `--digest`
// prints a hash of everything the build made (every document's ids/starts/ends, every word's key and positions, the
// global word array), so that two builds of the code can be compared on the real corpora. Never asserts.
//   node --import tsx bench/passageIndex.bench.ts --scale 1|5|20 [--runs 5] [--baseline] [--digest] [--corpus DIR]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontMatter } from '../server/src/core/sources/frontMatter';
import { SourceIndex } from '../server/src/core/index/sourceIndex';
import { PassageIndex } from '../server/src/core/index/passageIndex';
import { tokenize } from '../server/src/core/text/normalize';
import type { AnalyzedSource } from '../server/src/core/types';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const scale = Number(arg('scale', '1'));
const runs = Number(arg('runs', '5'));
const baseline = process.argv.includes('--baseline');
const digest = process.argv.includes('--digest');

// Read the folder as it is (never regenerate it: .cache may be shared with other checkouts).
const dir = arg('corpus', join(__dirname, '..', '.cache', 'bench-corpus', `x${scale}`));
const files: string[] = [];
for (const sub of readdirSync(dir).filter((d) => !d.startsWith('.')).sort())
  for (const f of readdirSync(join(dir, sub)).sort()) files.push(join(dir, sub, f));
const sources: AnalyzedSource[] = files.map((path) => {
  const text = readFileSync(path, 'utf8');
  return { path, meta: { id: path }, text, bodyStart: parseFrontMatter(text).bodyStart, quotes: [], entities: [], problems: [] };
});
let chars = 0;
for (const s of sources) chars += s.text.length - s.bodyStart;

function time<T>(f: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** A fresh source index (not timed): PassageIndex.for then builds from nothing. */
function sourceIndex(): SourceIndex {
  const index = new SourceIndex();
  for (const s of sources) index.upsert(s);
  return index;
}

/** The naive way: tokenize each body, ids from a Map (what the build replaces; no postings). */
function naive(): number {
  const ids = new Map<string, number>();
  let words = 0;
  for (const s of sources) {
    for (const t of tokenize(s.text, s.bodyStart, s.text.length)) {
      if (!ids.has(t.key)) ids.set(t.key, ids.size);
      words++;
    }
  }
  return words + ids.size;
}

/** FNV-1a over everything the build made (public members only, so that the old code can be hashed the same way). */
function digestOf(p: PassageIndex): string {
  let h = 0x811c9dc5;
  const mix = (x: number) => {
    h = Math.imul(h ^ (x & 0xffff), 0x01000193);
    h = Math.imul(h ^ (x >>> 16), 0x01000193);
  };
  let words = 0;
  for (const d of p.docs) {
    mix(d.ids.length);
    for (let k = 0; k < d.ids.length; k++) {
      mix(d.ids[k]);
      mix(d.starts[k]);
      mix(d.ends[k]);
    }
    words += d.ids.length;
  }
  let vocab = 0;
  for (let id = 0; p.keyOf(id) !== ''; id++, vocab++) {
    const key = p.keyOf(id);
    for (let i = 0; i < key.length; i++) mix(key.charCodeAt(i));
    mix(p.df(id));
    const list = p.positions(id);
    for (let k = 0; k < list.length; k++) mix(list[k]);
  }
  for (let k = 0; k < p.base.length && k < p.docs.length; k++) mix(p.base[k]);
  // The global word array up to the last document's separator (its room for appends may differ).
  const last = p.docs.length - 1;
  const used = last < 0 ? 0 : p.base[last] + p.docs[last].ids.length + 1;
  for (let k = 0; k < used; k++) mix(p.all[k]);
  return `${(h >>> 0).toString(16).padStart(8, '0')} (${p.docs.length} docs, ${words} words, ${vocab} keys, total ${p.totalWords})`;
}

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
console.log(`passage index build, x${scale}: ${sources.length} sources, ${(chars / 1e6).toFixed(1)} M chars of body; ${runs} runs`);
const walls: number[] = [];
const cpus: number[] = [];
for (let r = 0; r < runs; r++) {
  const index = sourceIndex();
  const { value, wallMs, cpuMs } = time(() => PassageIndex.for(index));
  if (r === 0 && digest) console.log(`  digest ${digestOf(value)}`);
  console.log(`  run ${r + 1}: ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU${r === 0 ? ' (first: cold JIT)' : ''}`);
  if (r > 0 || runs === 1) {
    walls.push(wallMs);
    cpus.push(cpuMs);
  }
  if (baseline) {
    const b = time(naive);
    console.log(`    naive tokenize + Map: ${b.wallMs.toFixed(0)} ms wall, ${b.cpuMs.toFixed(0)} ms CPU`);
  }
}
console.log(
  `  later runs: median ${pct(walls, 0.5).toFixed(0)} ms wall (max ${Math.max(...walls).toFixed(0)}), median ${pct(cpus, 0.5).toFixed(0)} ms CPU`,
);
