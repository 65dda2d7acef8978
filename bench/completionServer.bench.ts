// Completion through the real server, two builds side by side: the scale benchmark's prefixes (bench/workload.ts:
// 1,000 starts of real quotes + 200 that match nothing, the same seed as bench/scale.bench.ts) typed after "He said “"
// as bench/serverWorkload.ts types them (an edit, then the request), in batches that alternate between the builds
// so that the machine's load falls on both alike. Per build: wall p50/p90/p99, the server's CPU per request (from
// /proc), the response's size, the slowest prefixes. Never asserts.
//   node --import tsx bench/completionServer.bench.ts --scale 20 --servers /tmp/before/server.js,dist/server.js \
//     [--labels before,after] [--rounds 3] [--batch 50] [--delay 0] [--cache /tmp/<you>-completion] [--out FILE]
// Each build keeps its index cache in <cache>-<label>-x<scale> (a build's first start there is a cold one).
// --delay is the diagnostics debounce (0 as in the scale benchmark; the editor's default is 150 ms).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { uriOf, type TestClient } from '../test/lsp/helpers/lspClient';
import { ensureCorpus } from './corpus';
import { loadQuotes, quotesOnly } from './quotesCache';
import { procCpuMs, startCorpusServer } from './server';
import { completionPrefixes, percentile } from './workload';
import { arg, serverBuilds } from './args';

const scale = Number(arg('scale', '1'));
const { servers, labels } = serverBuilds();
const delay = Number(arg('delay', '0'));
const batch = Number(arg('batch', '50'));
const rounds = Number(arg('rounds', '1'));
const cache = arg('cache', join(tmpdir(), `verbatim-completion-server-${process.pid}`))!;

interface Run {
  label: string;
  client: TestClient;
  uri: string;
  version: number;
  walls: number[];
  bytes: number[];
  cpuMs: number;
  slow: Array<{ ms: number; typed: string }>;
}

/** Starts a build on the corpus as bench/server.ts does (VS Code's completion capabilities), with `delay`. */
async function start(server: string, label: string, corpus: string): Promise<Run> {
  const cacheDir = `${cache}-${label}-x${scale}`;
  mkdirSync(cacheDir, { recursive: true });
  const t0 = performance.now();
  const { client } = await startCorpusServer(corpus, cacheDir, { server, diagnosticsDelay: delay });
  console.log(`${label}: ready in ${Math.round(performance.now() - t0)} ms (${server})`);
  const uri = uriOf(join(tmpdir(), 'verbatim-bench', `typing-${process.pid}-${label}.md`));
  client.open(uri, '');
  return { label, client, uri, version: 1, walls: [], bytes: [], cpuMs: 0, slow: [] };
}

async function complete(run: Run, text: string): Promise<{ ms: number; bytes: number }> {
  run.client.change(run.uri, ++run.version, [{ text }]);
  const t0 = performance.now();
  const r = await run.client.request<unknown>('textDocument/completion', {
    textDocument: { uri: run.uri },
    position: { line: 0, character: text.length },
    context: { triggerKind: 1 },
  });
  return { ms: performance.now() - t0, bytes: JSON.stringify(r).length };
}

const round = (x: number) => Math.round(x * 100) / 100;

async function main(): Promise<void> {
  const corpus = ensureCorpus(scale).dir;
  const prefixes = completionPrefixes(quotesOnly(await loadQuotes(scale)), 1000, 200, 11);
  const runs: Run[] = [];
  for (let i = 0; i < servers.length; i++) runs.push(await start(servers[i], labels[i], corpus));
  // The first completion builds the word index, the first check the passage index.
  for (const run of runs) for (let i = 0; i < 20; i++) await complete(run, `Warm up ${i}. He said “${prefixes[i].typed}`);
  const loadStart = loadavg()[0];
  for (let r = 0; r < rounds; r++) {
    for (let b = 0; b < prefixes.length; b += batch) {
      // In turn first, batch by batch.
      const order = (b / batch + r) % 2 ? [...runs].reverse() : runs;
      for (const run of order) {
        const cpu0 = procCpuMs(run.client.proc.pid!);
        for (const p of prefixes.slice(b, b + batch)) {
          const x = await complete(run, `He said “${p.typed}`);
          run.walls.push(x.ms);
          run.bytes.push(x.bytes);
          run.slow.push({ ms: x.ms, typed: p.typed });
        }
        run.cpuMs += procCpuMs(run.client.proc.pid!) - cpu0;
      }
    }
  }
  const out: Record<string, unknown> = { scale, delay, rounds, load: [loadStart, loadavg()[0]] };
  for (const run of runs) {
    const w = run.walls;
    const s = {
      requests: w.length,
      p50: round(percentile(w, 50)),
      p90: round(percentile(w, 90)),
      p99: round(percentile(w, 99)),
      max: round(Math.max(...w)),
      serverCpuMsPerRequest: round(run.cpuMs / w.length),
      responseBytesMean: Math.round(run.bytes.reduce((a, b) => a + b, 0) / w.length),
    };
    out[run.label] = s;
    console.log(`${run.label}: ${JSON.stringify(s)}`);
    console.log(`  slowest: ${run.slow.sort((a, b) => b.ms - a.ms).slice(0, 8).map((x) => `"${x.typed}" ${round(x.ms)}`).join(', ')}`);
    run.client.proc.kill();
  }
  console.log(`load average ${out.load}`);
  const file = arg('out');
  if (file) writeFileSync(file, JSON.stringify(out, null, 2));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
