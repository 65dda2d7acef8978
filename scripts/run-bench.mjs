// npm run bench: every benchmark, then one results table (Markdown) printed and written to bench-results/ (git-ignored).
//   node scripts/run-bench.mjs [--scales 1,5,20] [--quick] [--no-others] [--report-only]
// (--report-only: no run, the table again from bench-results/raw/*.json)
// 1. bench/corpus.ts writes the scaled BBC corpora (.cache/bench-corpus/x1, x5, x20) when missing;
// 2. bench/scale.bench.ts runs once per scale in its own process (the server over stdio, the core, the baselines);
// 3. bench/lsp.bench.ts (seed corpus, through the server) and bench/check.bench.ts (the checker on BBC) are run as they are;
// 4. the table: each figure in ms, as a ratio to the naive baseline measured in the same run, growth ×1 → ×5 → ×20, floors.
// Timings are wall clock on whatever the machine is doing: the load average is recorded beside them. Nothing is asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : dflt;
};
const quick = argv.includes('--quick');
const scales = opt('scales', '1,5,20').split(',').map(Number);
const OUT = join(ROOT, 'bench-results');
const RAW = join(OUT, 'raw');
mkdirSync(RAW, { recursive: true });
const BBC = join(ROOT, '..', 'shared', 'data', 'bbc-news');

const tsx = (file, args = [], opts = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'], ...opts });

function cpuModel() {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /model name\s*:\s*(.*)/.exec(info)?.[1]?.trim();
    const mhz = /cpu MHz\s*:\s*(.*)/.exec(info)?.[1]?.trim();
    return `${model ?? cpus()[0]?.model ?? '?'}${mhz ? ` @ ${Math.round(Number(mhz))} MHz` : ''}, ${cpus().length} logical cores`;
  } catch {
    return `${cpus()[0]?.model ?? '?'}, ${cpus().length} logical cores`;
  }
}

const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
const started = new Date();
const load0 = loadavg();
const results = {};
const notes = [];

const reportOnly = argv.includes('--report-only');
if (reportOnly) {
  for (const s of scales) if (existsSync(join(RAW, `x${s}.json`))) results[s] = JSON.parse(readFileSync(join(RAW, `x${s}.json`), 'utf8'));
} else if (!existsSync(BBC)) {
  notes.push(`The BBC set is not at ${BBC}: the scale benchmarks were skipped.`);
  console.log(`run-bench: ${notes[0]}`);
} else {
  const c = tsx('bench/corpus.ts', ['--scales', scales.join(',')]);
  process.stdout.write(c.stdout ?? '');
  for (const s of scales) {
    const out = join(RAW, `x${s}.json`);
    console.log(`run-bench: ×${s}…`);
    const t0 = Date.now();
    const r = tsx('bench/scale.bench.ts', ['--scale', String(s), '--out', out, ...(quick ? ['--quick'] : [])]);
    if (r.status !== 0) {
      notes.push(`×${s}: the benchmark failed (exit ${r.status}).`);
      continue;
    }
    results[s] = JSON.parse(readFileSync(out, 'utf8'));
    console.log(`run-bench: ×${s} done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}

// The other benchmarks, as their authors wrote them.
const others = [];
if (!argv.includes('--no-others') && !reportOnly) {
  for (const file of ['bench/lsp.bench.ts', 'bench/check.bench.ts']) {
    if (!existsSync(join(ROOT, file))) continue;
    console.log(`run-bench: ${file}…`);
    const r = tsx(file, file.includes('check') ? ['--runs', quick ? '10' : '40', '--baseline-runs', '1'] : []);
    others.push({ file, status: r.status, output: (r.stdout ?? '').trim() });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The table

const get = (o, path) => path.split('.').reduce((x, k) => (x == null ? undefined : x[k]), o);
const ms = (x) => (x == null || Number.isNaN(x) ? '–' : x >= 10000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`);
const mb = (x) => (x == null || Number.isNaN(x) ? '–' : x >= 1024 ? `${(x / 1024).toFixed(2)} GB` : `${x.toFixed(0)} MB`);
const times = (x) => (x == null || !Number.isFinite(x) ? '–' : x >= 100 ? `${x.toFixed(0)}×` : `${x.toFixed(1)}×`);
const S = scales.filter((s) => results[s] && !results[s].skipped);
const cols = S.map((s) => `×${s}`);

/** Rows: [label, where, path, unit, baselinePath?] */
const rows = [
  ['Index build, cold (start → ready; the median of the starts)', 'server', 'server.coldReadyMs'],
  ['  every start: the fastest–the slowest (how many)', 'server', 'server.starts.cold.readyMs', 'range'],
  ['  of which analysis in the core (CPU)', 'core', 'core.analyseCpuMs'],
  ['  server CPU, start → ready (cold)', 'server', 'server.coldReadyCpuMs'],
  ['Index build from the cache (start → ready; the median)', 'server', 'server.cachedReadyMs'],
  ['  every start: the fastest–the slowest (how many)', 'server', 'server.starts.cached.readyMs', 'range'],
  ['  server CPU, start → ready (from the cache)', 'server', 'server.cachedReadyCpuMs'],
  ['  of which loading the sources (the first start\'s log: each file checked and its record added)', 'server', 'server.cachedIndexingMs'],
  ['Start → ready with no sources (Node, the bundle, the handshake; the median)', 'server', 'server.emptyReadyMs'],
  ['  every start: the fastest–the slowest (how many)', 'server', 'server.starts.empty.readyMs', 'range'],
  ['  server CPU, start → ready with no sources', 'server', 'server.emptyReadyCpuMs'],
  ['First diagnostics after ready (500 words, cold)', 'server', 'server.firstDiagnosticsMs'],
  ['First diagnostics after ready, from the cache', 'server', 'server.cachedFirstDiagnosticsMs'],
  ['First completion right after the first diagnostics (cold)', 'server', 'server.firstCompletionMs'],
  ['Search indexes built in the background after a start from the cache (server CPU in parts)', 'server', 'server.cachedWarmUpMs'],
  ['  the longest part (what a request may wait for meanwhile)', 'server', 'server.cachedWarmUpLongestMs'],
  ['First completion once they are built, from the cache', 'server', 'server.cachedFirstCompletionMs'],
  ['Server RSS after indexing + first check', 'server', 'server.memoryAfterIndex.rssMb', 'MB'],
  ['Server RSS at the end (peak)', 'server', 'server.memoryEnd', 'MBpeak'],
  ['Server RSS at the end, after 6 s quiet', 'server', 'server.memoryEndIdle.rssMb', 'MB'],
  ['Completion p50 (1,000 real prefixes + 200 nothing)', 'server', 'server.completion.p50'],
  ['Completion p99', 'server', 'server.completion.p99'],
  ['  p99, prefixes that match nothing', 'server', 'server.completionNothing.p99'],
  ['  server CPU per completion (mean)', 'server', 'server.completionCpuMeanMs'],
  ['Completion p50 (word index alone)', 'core', 'core.completion.p50', 'ms', 'core.completionBaseline.p50'],
  ['Completion p99 (word index alone)', 'core', 'core.completion.p99', 'ms', 'core.completionBaseline.p99'],
  ['  CPU time p50 (word index alone)', 'core', 'core.completionCpu.p50', 'ms', 'core.completionBaselineCpu.p50'],
  ['  CPU time p99 (word index alone)', 'core', 'core.completionCpu.p99', 'ms', 'core.completionBaselineCpu.p99'],
  ['Hover p50 (5,000-word draft)', 'server', 'server.hover.p50'],
  ['Hover p99', 'server', 'server.hover.p99'],
  ['  server CPU per hover (mean)', 'server', 'server.hoverCpuMeanMs'],
  ...['500w/10q', '500w/50q', '5000w/10q', '5000w/50q'].flatMap((d) => [
    [`Full diagnostics ${d.replace('w/', ' words, ').replace('q', ' quotations')} p50`, 'server', `server.diagnostics.${d}.p50`, 'ms', `core.check.${d}.baselineMs`],
    [`  server CPU per full diagnostics (mean)`, 'server', `server.diagnostics.${d}.cpuMeanMs`],
    [`  full check in the core p50`, 'core', `core.check.${d}.p50`, 'ms', `core.check.${d}.baselineMs`],
    [`  full check in the core, CPU time p50`, 'core', `core.check.${d}.cpuP50`],
  ]),
  ['One keystroke, 5,000 words / 50 quotations p50', 'server', 'server.keystroke.p50'],
  ['One keystroke p99', 'server', 'server.keystroke.p99'],
  ['  server CPU per keystroke (mean)', 'server', 'server.keystrokeCpuMeanMs'],
  ['  the check after a keystroke in the core p50', 'core', 'core.keystroke.p50'],
  ['  the check after a keystroke in the core, CPU time p50', 'core', 'core.keystrokeCpu.p50'],
  ['Re-index one changed file p50 (watcher → status)', 'server', 'server.reindexOne.p50'],
  ['Re-index one changed file p99', 'server', 'server.reindexOne.p99'],
  ['  first completion after the change p50', 'server', 'server.completionAfterReindex.p50'],
  ['  re-index in the core p50 (analyse + upsert + derived)', 'core', 'core.reindexOne.p50'],
  ['  re-index in the core, CPU time p50', 'core', 'core.reindexOneCpu.p50'],
];

function cell(r, path, unit, basePath) {
  let v = get(r, path);
  if (unit === 'MBpeak') return v ? `${mb(v.rssMb)} (${mb(v.peakMb)})` : '–';
  if (unit === 'range') return Array.isArray(v) && v.length ? `${ms(Math.min(...v))}–${ms(Math.max(...v))} (${v.length})` : '–';
  const text = unit === 'MB' ? mb(v) : ms(v);
  if (!basePath) return text;
  const b = get(r, basePath);
  if (b == null || v == null) return text;
  return `${text} · base ${ms(b)} · **${times(b / v)}**`;
}

const lines = [];
lines.push(`# Verbatim benchmarks — ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
lines.push('');
// BENCH_COMMIT: when run from a snapshot of the repository (git archive), the commit it was taken at.
const commit = process.env.BENCH_COMMIT ?? `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'server', 'bench', 'scripts') ? ', with local changes' : ''}`;
lines.push(`- Command: \`npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}\` (commit ${commit})`);
lines.push(`- Machine: ${cpuModel()}; Node ${process.version}; load average at start ${load0.map((x) => x.toFixed(1)).join(' ')}, at end ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other work was running: wall-clock figures are noisy, ratios within one run less so)`);
if (S.length) {
  lines.push(`- Corpora: ${S.map((s) => `×${s} = ${results[s].server?.sources ?? results[s].core?.sources} sources, ${results[s].server?.quotes ?? results[s].core?.quotes} quotes`).join('; ')} (bench/corpus.ts)`);
  lines.push('- "base" is the naive baseline timed in the same run: fuse.js over the flat list of every quote (completion); every draft quotation aligned against every source quote (check). **N×** = how many times faster than the baseline.');
  lines.push('');
  lines.push(`| measure | where | ${cols.join(' | ')} |`);
  lines.push(`|---|---|${cols.map(() => '---').join('|')}|`);
  for (const [label, where, path, unit = 'ms', base] of rows) {
    if (S.every((s) => get(results[s], unit === 'MBpeak' ? path : path) == null)) continue;
    lines.push(`| ${label} | ${where} | ${S.map((s) => cell(results[s], path, unit, base)).join(' | ')} |`);
  }
  lines.push('');

  // Growth.
  if (S.length > 1) {
    const g = [
      ['Index build, cold', 'server.coldReadyMs'],
      ['Index build from the cache', 'server.cachedReadyMs'],
      ['Server RSS after indexing', 'server.memoryAfterIndex.rssMb'],
      ['Completion p99', 'server.completion.p99'],
      ['Hover p99', 'server.hover.p99'],
      ['Full diagnostics 5,000 w / 50 q', 'server.diagnostics.5000w/50q.p50'],
      ['One keystroke', 'server.keystroke.p50'],
      ['Re-index one file', 'server.reindexOne.p50'],
      ['Baseline: fuse.js completion p50', 'core.completionBaseline.p50'],
      ['Baseline: naive check 5,000 w / 50 q', 'core.check.5000w/50q.baselineMs'],
    ];
    const base = S[0];
    lines.push(`Growth (value at ×N divided by the value at ×${base}; linear growth would be ${S.map((s) => `${s / base}`).join(' → ')}):`);
    lines.push('');
    lines.push(`| measure | ${cols.join(' | ')} |`);
    lines.push(`|---|${cols.map(() => '---').join('|')}|`);
    for (const [label, path] of g) {
      const b = get(results[base], path);
      if (b == null) continue;
      lines.push(`| ${label} | ${S.map((s) => (get(results[s], path) == null ? '–' : `${times(get(results[s], path) / b)}`)).join(' | ')} |`);
    }
    lines.push('');
  }

  // Floors.
  const r1 = results[1];
  const r20 = results[20];
  const floors = [];
  // Judged on wall clock; the CPU the work itself took (less sensitive to the machine's load) is shown beside it.
  const floor = (what, value, limit, fmt = ms, cmp = (a, b) => a < b, cpu) =>
    floors.push([what, value == null ? '–' : fmt(value), fmt(limit), value == null ? 'not measured' : cmp(value, limit) ? 'met' : '**missed**', cpu == null || Number.isNaN(cpu) ? '' : `${fmt(cpu)}${cmp(cpu, limit) ? '' : ' (over)'}`]);
  if (r1) {
    floor('×1 cold index < 2 s', get(r1, 'server.coldReadyMs'), 2000, ms, undefined, get(r1, 'server.coldReadyCpuMs'));
    floor('×1 from cache < 0.3 s', get(r1, 'server.cachedReadyMs'), 300, ms, undefined, get(r1, 'server.cachedReadyCpuMs'));
    floor('×1 re-index one file < 20 ms (p50)', get(r1, 'server.reindexOne.p50'), 20, ms, undefined, get(r1, 'core.reindexOneCpu.p50'));
    floor('×1 completion p99 < 10 ms', get(r1, 'server.completion.p99'), 10, ms, undefined, get(r1, 'core.completionCpu.p99'));
    floor('×1 hover p99 < 10 ms', get(r1, 'server.hover.p99'), 10, ms, undefined, get(r1, 'server.hoverCpuMeanMs'));
    floor('×1 5,000 w / 50 q full check < 50 ms (p50)', get(r1, 'server.diagnostics.5000w/50q.p50'), 50, ms, undefined, get(r1, 'server.diagnostics.5000w/50q.cpuMeanMs'));
    floor('×1 one keystroke < 5 ms (p50)', get(r1, 'server.keystroke.p50'), 5, ms, undefined, get(r1, 'server.keystrokeCpuMeanMs'));
    floor('×1 server RSS < 200 MB', get(r1, 'server.memoryEnd.rssMb'), 200, mb);
  }
  if (r20) {
    floor('×20 completion p99 < 20 ms', get(r20, 'server.completion.p99'), 20, ms, undefined, get(r20, 'core.completionCpu.p99'));
    floor('×20 hover p99 < 20 ms', get(r20, 'server.hover.p99'), 20, ms, undefined, get(r20, 'server.hoverCpuMeanMs'));
    const c = get(r20, 'core.completion.p50');
    const cb = get(r20, 'core.completionBaseline.p50');
    const c99 = get(r20, 'core.completion.p99');
    const cb99 = get(r20, 'core.completionBaseline.p99');
    if (c && cb) floor('×20 completion ≥ 20× faster than fuse.js (p50 and p99 ratios, the smaller)', Math.min(cb / c, cb99 / c99), 20, times, (a, b) => a >= b);
    floor('×20 server RSS < 1.5 GB', get(r20, 'server.memoryEnd.rssMb'), 1536, mb);
  }
  if (r1 && r20) {
    floor('cold index grows no faster than linearly (×20 / ×1 ≤ 20)', get(r20, 'server.coldReadyMs') / get(r1, 'server.coldReadyMs'), 20 * 1.1, times, (a, b) => a <= b);
    floor('RSS grows no faster than linearly (×20 / ×1 ≤ 20)', get(r20, 'server.memoryEnd.rssMb') / get(r1, 'server.memoryEnd.rssMb'), 20, times, (a, b) => a <= b);
  }
  if (floors.length) {
    lines.push('Floors (issue 6):');
    lines.push('');
    lines.push('| floor | measured (wall) | limit | | CPU of the work (server mean per request, or core p50/p99) |');
    lines.push('|---|---|---|---|---|');
    for (const f of floors) lines.push(`| ${f.join(' | ')} |`);
    lines.push('');
  }
}
for (const n of notes) lines.push(`> ${n}`);
for (const o of others) {
  lines.push('');
  lines.push(`## ${o.file}${o.status ? ` (exit ${o.status})` : ''}`);
  lines.push('');
  lines.push('```');
  lines.push(o.output || '(no output)');
  lines.push('```');
}
const md = lines.join('\n') + '\n';
const stamp = started.toISOString().slice(0, 19).replace(/[:T]/g, '-');
writeFileSync(join(OUT, `bench-${stamp}.md`), md);
writeFileSync(join(OUT, 'latest.md'), md);
console.log('\n' + md);
console.log(`run-bench: written bench-results/bench-${stamp}.md (and bench-results/latest.md)`);
