// Completion right after a start, as the scale benchmark measures it: a server started cold (an empty index cache
// folder: it saves its cache while the completions run) or from the cache (`--from-cache`), the first check of a
// short draft, 21 completions, then the 1,200 of bench/workload.ts (1,000 starts of real quotes + 200 that match nothing)
// typed after "He said “". Several builds in turn, a fresh start each round, so that the machine's load falls on all
// alike. Per build: wall p50/p99/max of each run, the server's CPU per completion. Never asserts.
//   node --import tsx bench/completionAfterStart.bench.ts --scale 20 --servers /tmp/before/server.js,dist/server.js \
//     [--labels before,after] [--rounds 2] [--from-cache] [--cache /tmp/<you>-after-start]
// With --from-cache each build keeps its cache in <cache>-<label>-x<scale> (filled by a first, unmeasured start).
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { uriOf } from '../test/lsp/helpers/lspClient';
import { ensureCorpus } from './corpus';
import { loadQuotes, quotesOnly } from './quotesCache';
import { procCpuMs, startCorpusServer } from './server';
import { timeDiagnostics } from './serverWorkload';
import { completionPrefixes, percentile } from './workload';
import { arg, serverBuilds } from './args';

const scale = Number(arg('scale', '1'));
const { servers, labels } = serverBuilds();
const rounds = Number(arg('rounds', '1'));
const fromCache = process.argv.includes('--from-cache');
const cache = arg('cache', join(tmpdir(), `verbatim-after-start-${process.pid}`))!;

const round = (x: number) => Math.round(x * 100) / 100;

async function once(server: string, label: string, corpus: string, prefixes: { typed: string }[], draft: string) {
  const cacheDir = `${cache}-${label}-x${scale}`;
  if (!fromCache) rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  const t0 = performance.now();
  const { client } = await startCorpusServer(corpus, cacheDir, { server });
  const readyMs = performance.now() - t0;
  try {
    await timeDiagnostics(client, draft);
    const uri = uriOf(join(tmpdir(), 'verbatim-bench', `after-start-${process.pid}-${label}.md`));
    client.open(uri, '');
    let version = 1;
    const complete = async (text: string) => {
      client.change(uri, ++version, [{ text }]);
      const t = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 1 } });
      return performance.now() - t;
    };
    for (let i = 0; i < 21; i++) await complete(`He said “${prefixes[i].typed}`);
    const cpu0 = procCpuMs(client.proc.pid!);
    const walls: number[] = [];
    for (const p of prefixes) walls.push(await complete(`He said “${p.typed}`));
    const cpuMs = (procCpuMs(client.proc.pid!) - cpu0) / walls.length;
    return { readyMs: Math.round(readyMs), p50: round(percentile(walls, 50)), p99: round(percentile(walls, 99)), max: round(Math.max(...walls)), cpuMsPerCompletion: round(cpuMs) };
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  const corpus = ensureCorpus(scale).dir;
  const prefixes = completionPrefixes(quotesOnly(await loadQuotes(scale)), 1000, 200, 11);
  // The first check builds what a check needs (the passage index, the speakers), as in the scale benchmark.
  const draft = '“The economy will grow faster than expected this year,” the minister said.\n';
  if (fromCache)
    for (let i = 0; i < servers.length; i++) {
      const c = `${cache}-${labels[i]}-x${scale}`;
      mkdirSync(c, { recursive: true });
      await (await startCorpusServer(corpus, c, { server: servers[i] })).client.stop();
    }
  console.log(`×${scale}, ${fromCache ? 'from the cache' : 'cold'}, load average ${loadavg()[0].toFixed(2)}`);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
    for (const i of order) console.log(`${labels[i]}: ${JSON.stringify(await once(servers[i], labels[i], corpus, prefixes, draft))}`);
  }
  console.log(`load average ${loadavg()[0].toFixed(2)}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
