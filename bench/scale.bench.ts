// The scale benchmark for one corpus (BBC ×1, ×5 or ×20, see bench/corpus.ts): through the real language server over
// stdio (dist/server.js) where a user would feel it, and in the core where that isolates a cause, with the naive
// baselines of bench/workload.ts timed in the same run. Writes JSON (read by scripts/run-bench.mjs); never asserts.
//   node --import tsx bench/scale.bench.ts --scale 1 --out bench-results/raw/x1.json [--quick] [--starts N]
// --starts: how many times the server is started cold, from the cache and with no sources (default 5 at ×1, 1 above);
// the figures are the medians, with the range beside them: one start is at the mercy of the machine's minute.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDraft } from '../server/src/core/check/checkDraft';
import { clearMatchMemo } from '../server/src/core/check/matchMemo';
import { SpeakerMatcher } from '../server/src/core/check/speakers';
import { PassageIndex } from '../server/src/core/index/passageIndex';
import type { SourceIndex } from '../server/src/core/index/sourceIndex';
import { analyzeSource } from '../server/src/core/sources/analyze';
import { loadIndex } from '../server/src/node/loadSources';
import { IndexLookup } from '../server/src/lsp/lookup';
import type { TestClient } from '../test/lsp/helpers/lspClient';
import { bbcAvailable, BBC_DIR, ensureCorpus, rng } from './corpus';
import { procCpuMs, procMemory, startCorpusServer } from './server';
import { DRAFTS, runServerWorkload, timeCompletion, timeDiagnostics } from './serverWorkload';
import { completionPrefixes, fuseBaseline, makeDraft, naiveBaseline, stats, type Draft } from './workload';
import { arg } from './args';

const scale = Number(arg('scale', '1'));
const out = arg('out', join(__dirname, '..', 'bench-results', 'raw', `x${scale}.json`))!;
const quick = process.argv.includes('--quick');
const starts = Math.max(1, Number(arg('starts', scale <= 1 ? '5' : '1')));

const now = () => performance.now();
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
/** The middle value (the lower of the two middle ones for an even count). */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const result: Record<string, unknown> = {
  scale,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  node: process.version,
  loadavgStart: loadavg(),
};

// ---------------------------------------------------------------------------------------------------------------
// Through the server

interface ServerRun {
  client: TestClient;
  readyMs: number;
  readyCpuMs: number;
  sources: number;
  quotes: number;
}

async function startServer(corpus: string, cacheDir: string | undefined): Promise<ServerRun> {
  const t0 = now();
  const { client, status } = await startCorpusServer(corpus, cacheDir);
  return { client, readyMs: now() - t0, readyCpuMs: procCpuMs(client.proc.pid!), sources: status.sources, quotes: status.quotes };
}

async function serverPart(corpus: string, index: SourceIndex): Promise<void> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'verbatim-bench-cache-'));
  const server: Record<string, unknown> = {};
  result.server = server;
  try {
    // Cold: an empty cache folder.
    let run = await startServer(corpus, cacheDir);
    let { client } = run;
    server.sources = run.sources;
    server.quotes = run.quotes;
    server.coldReadyMs = run.readyMs;
    server.coldReadyCpuMs = run.readyCpuMs;
    // The first check after indexing builds what is built lazily (passage index, lookups).
    server.firstDiagnosticsMs = await timeDiagnostics(client, makeDraft(index, 500, 10, 99).text);
    // RSS after each phase of the workload, to see which one grows it (bench/memoryProbe.ts says what V8 holds).
    const memoryByPhase: Record<string, ReturnType<typeof procMemory>> = { afterIndex: procMemory(client.proc.pid!) };
    server.memoryByPhase = memoryByPhase;
    server.memoryAfterIndex = memoryByPhase.afterIndex;

    Object.assign(
      server,
      await runServerWorkload(client, index, quick, (phase) => {
        if (!phase.includes(' ')) memoryByPhase[phase] = procMemory(client.proc.pid!);
      }),
    );
    server.memoryEnd = memoryByPhase.reindex;
    // The same after the server has been quiet for a few seconds (after 3 it gives back V8's young generation).
    await new Promise((r) => setTimeout(r, 6000));
    server.memoryEndIdle = procMemory(client.proc.pid!);
    await client.stop();

    // What every start costs before any source: Node, loading the bundle, the LSP handshake (a folder with no sources,
    // measured just before the start from the cache).
    const empty = mkdtempSync(join(tmpdir(), 'verbatim-bench-empty-'));
    try {
      const none = await startServer(empty, join(empty, '.cache'));
      server.emptyReadyMs = none.readyMs;
      server.emptyReadyCpuMs = none.readyCpuMs;
      await none.client.stop();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }

    // Again, with the cache the first run wrote.
    run = await startServer(corpus, cacheDir);
    client = run.client;
    server.cachedReadyMs = run.readyMs;
    server.cachedReadyCpuMs = run.readyCpuMs;
    // A start that analysed what the cache should have held is not a start from the cache: say so beside the figure.
    server.cachedIndexLog = client.logs.find((l) => /^Verbatim: indexed \d+ sources/.test(l));
    const fromCache = /\((\d+) from the index cache\)/.exec(String(server.cachedIndexLog))?.[1];
    const indexedIn = /in (\d+) ms/.exec(String(server.cachedIndexLog))?.[1];
    if (indexedIn) server.cachedIndexingMs = Number(indexedIn);
    const expected = run.sources - Number(server.sourcesChangedOnDisk ?? 0);
    if (Number(fromCache) !== expected) console.error(`warning: the start "from the cache" took ${fromCache ?? 'no'} sources from it, not ${expected} (${server.cachedIndexLog ?? 'no log'})`);
    server.cachedFirstDiagnosticsMs = await timeDiagnostics(client, makeDraft(index, 500, 10, 98).text);
    // What completion needs is built in the background after "ready" (lsp/warmUp.ts): a writer who starts a quotation
    // once it is done does not wait for it.
    const warmed = await client.waitFor(() => client.logs.find((l) => /search indexes built in the background in \d+ ms/.test(l)), 'the background build', 30 * 60_000);
    server.cachedWarmUpMs = Number(/in (\d+) ms/.exec(warmed)![1]);
    server.cachedWarmUpLongestMs = Number(/the longest (\d+) ms/.exec(warmed)?.[1]);
    server.cachedFirstCompletionMs = await timeCompletion(client, `He said “${index.quotes()[0].text.split(/\s+/).slice(0, 3).join(' ')}`);
    server.memoryFromCache = procMemory(client.proc.pid!);
    await client.stop();
    await moreStarts(corpus, cacheDir, server);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/**
 * Starts the server again, cold (each time in an empty cache folder), from the cache the first run wrote, and with no
 * sources, `starts - 1` more times each, in turn; the start figures become the medians, and `server.starts` keeps
 * every sample.
 */
async function moreStarts(corpus: string, cacheDir: string, server: Record<string, unknown>): Promise<void> {
  const samples: Record<'cold' | 'cached' | 'empty', { readyMs: number[]; cpuMs: number[] }> = {
    cold: { readyMs: [server.coldReadyMs as number], cpuMs: [server.coldReadyCpuMs as number] },
    cached: { readyMs: [server.cachedReadyMs as number], cpuMs: [server.cachedReadyCpuMs as number] },
    empty: { readyMs: [server.emptyReadyMs as number], cpuMs: [server.emptyReadyCpuMs as number] },
  };
  const empty = mkdtempSync(join(tmpdir(), 'verbatim-bench-empty-'));
  try {
    for (let i = 1; i < starts; i++) {
      const fresh = mkdtempSync(join(tmpdir(), 'verbatim-bench-cold-'));
      try {
        for (const [kind, folder, cache] of [['cold', corpus, fresh], ['cached', corpus, cacheDir], ['empty', empty, join(empty, '.cache')]] as const) {
          const run = await startServer(folder, cache);
          samples[kind].readyMs.push(run.readyMs);
          samples[kind].cpuMs.push(run.readyCpuMs);
          await run.client.stop();
        }
      } finally {
        rmSync(fresh, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  server.starts = samples;
  server.coldReadyMs = median(samples.cold.readyMs);
  server.coldReadyCpuMs = median(samples.cold.cpuMs);
  server.cachedReadyMs = median(samples.cached.readyMs);
  server.cachedReadyCpuMs = median(samples.cached.cpuMs);
  server.emptyReadyMs = median(samples.empty.readyMs);
  server.emptyReadyCpuMs = median(samples.empty.cpuMs);
}

// ---------------------------------------------------------------------------------------------------------------
// In the core (this process)

function time<T>(f: () => T): { ms: number; cpu: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = now();
  const value = f();
  return { ms: now() - t0, cpu: cpuMs(process.cpuUsage(c0)), value };
}

function derived(index: SourceIndex): Record<string, number> {
  return {
    passageIndexMs: time(() => PassageIndex.for(index)).ms,
    lookupMs: time(() => IndexLookup.of(index)).ms,
    speakersMs: time(() => SpeakerMatcher.for(index)).ms,
  };
}

async function corePart(index: SourceIndex, loadMs: number, loadCpuMs: number): Promise<void> {
  const core: Record<string, unknown> = {};
  result.core = core;
  core.sources = index.sources.length;
  core.quotes = index.quotes().length;
  core.analyseMs = loadMs;
  core.analyseCpuMs = loadCpuMs;
  core.derivedBuild = derived(index);
  const lookup = IndexLookup.of(index);

  // Completion: the word index vs fuse.js over every quote.
  const prefixes = completionPrefixes(index, quick ? 200 : 1000, quick ? 40 : 200, 11);
  for (const p of prefixes.slice(0, 20)) lookup.searchQuotes(p.typed, { limit: 50 });
  const ours: number[] = [];
  const oursCpu: number[] = [];
  for (const p of prefixes) {
    const r = time(() => lookup.searchQuotes(p.typed, { limit: 50 }));
    ours.push(r.ms);
    oursCpu.push(r.cpu);
  }
  core.completion = stats(ours);
  core.completionCpu = stats(oursCpu);
  const t = time(() => fuseBaseline(index));
  core.fuseBuildMs = t.ms;
  const fuse = t.value;
  // fuse.js scans every quote per query (about half a second each at ×1 on a busy 2-core machine): time an evenly
  // spread sample of the same prefixes, smaller at the larger scales (n is in the results).
  const sample = Math.min(prefixes.length, quick ? 20 : scale >= 20 ? 20 : scale >= 5 ? 40 : 120);
  const base: number[] = [];
  const baseCpu: number[] = [];
  const oursSample: number[] = [];
  for (let i = 0; i < sample; i++) {
    const p = prefixes[Math.floor((i * prefixes.length) / sample)];
    const r = time(() => fuse(p.typed));
    base.push(r.ms);
    baseCpu.push(r.cpu);
    oursSample.push(ours[Math.floor((i * prefixes.length) / sample)]);
  }
  core.completionBaseline = stats(base);
  core.completionBaselineCpu = stats(baseCpu);
  core.completionOnBaselineSample = stats(oursSample);

  // Full check of new drafts and one keystroke, vs every quotation aligned against every quote.
  const naive = naiveBaseline(index);
  const check: Record<string, unknown> = {};
  for (const d of DRAFTS) {
    const drafts: Draft[] = [];
    for (let s = 0; s < (quick ? 3 : 10); s++) drafts.push(makeDraft(index, d.words, d.quotations, 1000 + s));
    checkDraft(drafts[0].text, index);
    const xs: number[] = [];
    const cs: number[] = [];
    // A full check: nothing remembered from earlier checks.
    for (const dr of drafts.slice(1)) {
      clearMatchMemo(PassageIndex.for(index));
      const r = time(() => checkDraft(dr.text, index));
      xs.push(r.ms);
      cs.push(r.cpu);
    }
    // The baseline is exactly linear in the quotations: at the larger scales 10 of them are timed and the rest scaled.
    const limit = scale >= 5 ? 10 : Infinity;
    const b = naive(drafts[1].text, limit);
    const baselineMs = (b.ms * b.total) / b.timed;
    check[`${d.words}w/${d.quotations}q`] = { ...stats(xs), cpuP50: stats(cs).p50, words: drafts[1].words, baselineMs, baselineTimed: b.timed, baselineOf: b.total };
  }
  core.check = check;

  // One keystroke in the 5,000-word draft with 50 quotations: the check of the text after it.
  const draft = makeDraft(index, 5000, 50, 7);
  let text = draft.text;
  checkDraft(text, index);
  const keys: number[] = [];
  const keysCpu: number[] = [];
  const random = rng(3);
  for (let r = 0; r < (quick ? 30 : 100); r++) {
    const pos = r % 2 === 0 ? draft.quotationStarts[(r * 7) % draft.quotationStarts.length] + 2 + Math.floor(r / 2) : Math.floor(random() * text.length);
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    const k = time(() => checkDraft(text, index));
    keys.push(k.ms);
    keysCpu.push(k.cpu);
  }
  core.keystroke = stats(keys.slice(3));
  core.keystrokeCpu = stats(keysCpu.slice(3));

  // One source changes: analyse it, replace it in the index, bring every derived structure up to date.
  const files = index.sources.filter((s) => /copy00/.test(s.path)).slice(0, 200);
  const re: number[] = [];
  const reCpu: number[] = [];
  const parts = { analyse: [] as number[], upsert: [] as number[], passageIndex: [] as number[], lookup: [] as number[], speakers: [] as number[] };
  for (let r = 0; r < (quick ? 8 : 20); r++) {
    const s = files[(r * 37) % files.length];
    const c0 = process.cpuUsage();
    const t0 = now();
    const a = time(() => analyzeSource(s.path, `${s.text}\n"We added this sentence number ${r} for the benchmark," said Jane Bench.\n`));
    const u = time(() => index.upsert(a.value));
    const d = derived(index);
    re.push(now() - t0);
    reCpu.push(cpuMs(process.cpuUsage(c0)));
    parts.analyse.push(a.ms);
    parts.upsert.push(u.ms);
    parts.passageIndex.push(d.passageIndexMs);
    parts.lookup.push(d.lookupMs);
    parts.speakers.push(d.speakersMs);
  }
  core.reindexOne = stats(re);
  core.reindexOneCpu = stats(reCpu);
  core.reindexParts = Object.fromEntries(Object.entries(parts).map(([k, xs]) => [k, stats(xs).p50]));
  const m = process.memoryUsage();
  core.processMemoryMb = { rss: m.rss / 1048576, heapUsed: m.heapUsed / 1048576, external: m.external / 1048576, arrayBuffers: m.arrayBuffers / 1048576 };
}

async function main(): Promise<void> {
  if (!bbcAvailable()) {
    console.log(`scale.bench: the BBC set is not at ${BBC_DIR}; skipped.`);
    result.skipped = `the BBC set is not at ${BBC_DIR}`;
  } else {
    const corpus = ensureCorpus(scale).dir;
    result.corpus = corpus;
    console.error(`x${scale}: loading the index in the core…`);
    const c0 = process.cpuUsage();
    const t0 = now();
    const { index } = await loadIndex({ specs: [corpus], cwd: corpus, bundled: false });
    const loadMs = now() - t0;
    const loadCpuMs = cpuMs(process.cpuUsage(c0));
    console.error(`x${scale}: ${index.sources.length} sources in ${(loadMs / 1000).toFixed(1)} s; the server…`);
    await serverPart(corpus, index);
    console.error(`x${scale}: the core…`);
    await corePart(index, loadMs, loadCpuMs);
  }
  result.loadavgEnd = loadavg();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2));
  console.error(`x${scale}: written ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
