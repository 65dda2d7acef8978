// Cold indexing through the language server, two builds side by side in the same run (the machine's load then weighs
// on both alike): BBC ×1 from cold (start → "ready": wall, the server's CPU with its worker threads, memory after), and
// the worst wait of a completion request while one huge source is indexed from cold. Prints JSON; never asserts.
//   node --import tsx bench/coldIndex.bench.ts [--corpus DIR] [--before DIST/server.js] [--rounds N] [--huge-mb N]
// --before is the other build (e.g. main's dist copied to a temporary folder); without it only this build is measured.
// --huge-mb 0 leaves out the huge source.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER, TestClient, uriOf } from '../test/lsp/helpers/lspClient';
import { bigSourceText } from '../test/support/bigSource';
import { procCpuMs, procMemory } from './server';
import { arg } from './args';

const corpus = arg('corpus', join(__dirname, '..', '.cache', 'bench-corpus', 'x1'))!;
const before = arg('before');
const rounds = Number(arg('rounds', '2'));
const hugeMb = Number(arg('huge-mb', '10'));
const idleWaitMs = Number(arg('idle-wait-ms', '35000'));

/** RSS and its peak in whole MB, and the threads (as this benchmark's output has always given them). */
function procMemoryMb(pid: number): { rss: number; peak: number; threads: number } {
  const m = procMemory(pid);
  return { rss: Math.round(m.rssMb), peak: Math.round(m.peakMb), threads: m.threads };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function start(server: string, workspace: string, settings: Record<string, unknown>) {
  const t0 = performance.now();
  const client = TestClient.start({ server, workspace, settings, diagnosticsDelay: 0, progressDelay: 0 });
  await client.initialize();
  await client.waitFor(() => client.statuses.some((s) => s.state === 'indexing'), 'indexing to start', 60_000);
  return { client, t0 };
}

async function coldBbc(server: string) {
  const { client, t0 } = await start(server, corpus, { sources: ['**/*.md'], includeBundledCorpus: false });
  const status = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 'ready', 30 * 60_000);
  const wallMs = Math.round(performance.now() - t0);
  const pid = client.proc.pid!;
  const out = { wallMs, cpuMs: Math.round(procCpuMs(pid)), mainThreadCpuMs: Math.round(procCpuMs(pid, pid)), sources: status.sources, quotes: status.quotes, memoryAtReady: procMemoryMb(pid), memoryAfterIdle: undefined as unknown };
  if (idleWaitMs > 0) {
    // The pool stops idle workers after 30 s: what the server keeps once indexing is over.
    await new Promise((r) => setTimeout(r, idleWaitMs));
    out.memoryAfterIdle = procMemoryMb(pid);
  }
  await client.stop();
  return out;
}

async function hugeSource(server: string, dir: string) {
  const { client, t0 } = await start(server, dir, { includeBundledCorpus: false });
  const uri = uriOf(join(dir, 'draft.md'));
  const text = 'The chancellor said “the council';
  client.open(uri, text);
  const ready = () => client.statuses.some((s) => s.state === 'ready');
  const latencies: number[] = [];
  while (!ready()) {
    const sent = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length } });
    latencies.push(performance.now() - sent);
  }
  const wallMs = Math.round(performance.now() - t0);
  const cpuMs = Math.round(procCpuMs(client.proc.pid!));
  await client.stop();
  const sorted = [...latencies].sort((a, b) => a - b);
  return { wallMs, cpuMs, requests: latencies.length, worstMs: Math.round(sorted.at(-1) ?? 0), medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0) };
}

async function main() {
  const builds: [string, string][] = [...(before ? [['before', before] as [string, string]] : []), ['after', SERVER]];
  const hugeDir = mkdtempSync(join(tmpdir(), 'verbatim-bench-huge-'));
  mkdirSync(join(hugeDir, 'sources'));
  writeFileSync(join(hugeDir, 'sources', 'huge.md'), bigSourceText(hugeMb * 1024 * 1024));
  const result: Record<string, unknown> = { corpus, hugeMb, loadavgStart: loadavg(), runs: [] as unknown[] };
  try {
    for (let r = 0; r < rounds; r++) {
      for (const [name, server] of builds) {
        const bbc = await coldBbc(server);
        console.error(`round ${r + 1} ${name}: BBC cold ${JSON.stringify(bbc)}`);
        const huge = hugeMb > 0 ? await hugeSource(server, hugeDir) : undefined;
        if (huge) console.error(`round ${r + 1} ${name}: ${hugeMb} MB source ${JSON.stringify(huge)}`);
        (result.runs as unknown[]).push({ round: r + 1, build: name, bbc, huge });
      }
    }
  } finally {
    rmSync(hugeDir, { recursive: true, force: true });
  }
  result.loadavgEnd = loadavg();
  // Medians per build (lower median), so that alternating rounds compare at a glance.
  const runs = result.runs as { build: string; bbc: { wallMs: number; cpuMs: number; mainThreadCpuMs: number } }[];
  result.medians = Object.fromEntries(
    builds.map(([name]) => {
      const mine = runs.filter((r) => r.build === name).map((r) => r.bbc);
      return [name, { wallMs: median(mine.map((b) => b.wallMs)), cpuMs: median(mine.map((b) => b.cpuMs)), mainThreadCpuMs: median(mine.map((b) => b.mainThreadCpuMs)) }];
    }),
  );
  console.log(JSON.stringify(result, null, 2));
}

void main();
