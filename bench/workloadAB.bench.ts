// The scale benchmark's server workload (bench/serverWorkload.ts: completions, drafts, hovers, keystrokes, re-indexes)
// through several server builds in turn, a fresh cold start each (its own empty index cache folder, as VS Code
// starts it), so that the machine's load falls on all alike. Per run: the server's RSS right after the last request,
// its CPU over the workload, and the latencies the scale benchmark reports; then each build's medians. For a change
// that trades memory against CPU (V8's heap settings), where memoryProbe.ts shows only the memory. Never asserts.
//   node --import tsx bench/workloadAB.bench.ts --servers /tmp/before/server.js,dist/server.js [--labels before,after]
//     [--rounds 3] [--scale 1]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIndex } from '../server/src/node/loadSources';
import { arg, serverBuilds } from './args';
import { ensureCorpus } from './corpus';
import { procCpuMs, procMemory, startCorpusServer } from './server';
import { runServerWorkload, timeDiagnostics } from './serverWorkload';
import { makeDraft, type Stats } from './workload';

const scale = Number(arg('scale', '1'));
const rounds = Number(arg('rounds', '3'));
const { servers, labels } = serverBuilds();

/** What one run gives, by name (all in MB or ms). */
type Row = Record<string, number>;

async function once(server: string, corpus: string, draft: string, index: Parameters<typeof runServerWorkload>[1]): Promise<Row> {
  const cache = mkdtempSync(join(tmpdir(), 'verbatim-workload-ab-'));
  const { client } = await startCorpusServer(corpus, cache, { server });
  try {
    const pid = client.proc.pid!;
    await timeDiagnostics(client, draft);
    const cpu0 = procCpuMs(pid);
    const out = (await runServerWorkload(client, index, false)) as Record<string, unknown>;
    const cpu = procCpuMs(pid) - cpu0;
    const rss = procMemory(pid).rssMb;
    const s = (k: string) => out[k] as Stats;
    const checks = (out.diagnostics as Record<string, Stats & { cpuMeanMs: number }>)['5000w/50q'];
    return {
      'RSS at the end (MB)': rss,
      'server CPU over the workload': cpu,
      'completion p50': s('completion').p50,
      'completion p99': s('completion').p99,
      'CPU per completion': out.completionCpuMeanMs as number,
      'hover p99': s('hover').p99,
      'check 5,000 w / 50 q p50': checks.p50,
      'CPU per check 5,000 w / 50 q': checks.cpuMeanMs,
      'keystroke p50': s('keystroke').p50,
      'keystroke p99': s('keystroke').p99,
      'CPU per keystroke': out.keystrokeCpuMeanMs as number,
      're-index p50': s('reindexOne').p50,
    };
  } finally {
    await client.stop();
    rmSync(cache, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

async function main(): Promise<void> {
  const corpus = ensureCorpus(scale).dir;
  const { index } = await loadIndex({ specs: [corpus], cwd: corpus, bundled: false });
  const draft = makeDraft(index, 500, 10, 99).text;
  const runs: Row[][] = servers.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < servers.length; i++) {
      const row = await once(servers[i], corpus, draft, index);
      runs[i].push(row);
      console.log(`${labels[i]} round ${r + 1} (load ${loadavg()[0].toFixed(1)}): ${Object.entries(row).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`);
    }
  }
  console.log(`\nmedians of ${rounds} at ×${scale} | ${labels.join(' | ')}`);
  for (const k of Object.keys(runs[0][0])) console.log(`${k} | ${runs.map((rs) => `${fmt(median(rs.map((x) => x[k])))} (${fmt(Math.min(...rs.map((x) => x[k])))}–${fmt(Math.max(...rs.map((x) => x[k])))})`).join(' | ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
