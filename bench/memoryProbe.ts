// Where the server's memory goes over the scale benchmark's workload (bench/scale.bench.ts): the same phases through
// the real server, with the server's RSS and V8's numbers (process.memoryUsage, heap spaces) recorded after each one.
// The numbers come from a preload (bench/memoryProbePreload.cjs) that answers SIGUSR2; with --gc it forces a full
// collection first and records again (live memory vs what V8 keeps); with --snapshots DIR it writes heap snapshots
// after indexing and at the end (with --sample: V8's sampling heap profiles instead, by allocating stack, which
// /tmp-style scripts can diff; a snapshot itself inflates the RSS that follows it).
//   node --import tsx bench/memoryProbe.ts --scale 1 [--quick] [--server dist/server.js] [--gc] [--snapshots DIR [--sample]]
//     [--label name] [--flags "--max-semi-space-size=4 …"] [--out file.jsonl] [--pause ms] [--cache-dir DIR]
// --pause: a quiet time between ready and the first check (a writer opening a draft later: the server gives back its
// young generation meanwhile, and the first check then grows it again).
// --flags: Node flags for the server instead of the client's (SERVER_NODE_FLAGS, as the VS Code client starts it).
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadIndex } from '../server/src/node/loadSources';
import { ensureCorpus } from './corpus';
import { procCpuMs, startCorpusServer } from './server';
import { runServerWorkload, timeDiagnostics } from './serverWorkload';
import { makeDraft } from './workload';
import { arg } from './args';

const scale = Number(arg('scale', '1'));
const quick = process.argv.includes('--quick');
const gc = process.argv.includes('--gc');
const snapshots = arg('snapshots');
const server = resolve(arg('server', join(__dirname, '..', 'dist', 'server.js'))!);
const flagsArg = arg('flags');
const flags = (flagsArg ?? '').split(' ').filter(Boolean);
const out = arg('out');
const label = arg('label');
const pauseMs = Number(arg('pause', '0'));
/** --cache-dir DIR: the server keeps its index cache there (empty: a cold start that saves it), as VS Code starts it. */
const cacheDir = arg('cache-dir');

async function main(): Promise<void> {
  const corpus = ensureCorpus(scale).dir;
  const { index } = await loadIndex({ specs: [corpus], cwd: corpus, bundled: false });
  const probeOut = join(mkdtempSync(join(tmpdir(), 'verbatim-memprobe-')), 'probe.jsonl');
  writeFileSync(probeOut, '');
  process.env.MEMPROBE_OUT = probeOut;
  if (gc) process.env.MEMPROBE_GC = '1';
  if (snapshots) process.env.MEMPROBE_DIR = snapshots;
  if (process.argv.includes('--sample')) process.env.MEMPROBE_SAMPLE = '1';
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'memoryProbePreload.cjs')}`.trim();
  const { client } = await startCorpusServer(corpus, cacheDir && resolve(cacheDir), { server, nodeFlags: flagsArg === undefined ? undefined : flags });
  delete process.env.NODE_OPTIONS;
  const pid = client.proc.pid!;
  const phases: unknown[] = [];
  let lines = 0;
  const probe = async (phase: string, snapshot = false) => {
    const want = ++lines;
    process.kill(pid, 'SIGUSR2');
    await waitLines(want);
    const rec = JSON.parse(readFileSync(probeOut, 'utf8').trim().split('\n')[want - 1]);
    if (snapshot && snapshots) {
      const w = ++lines;
      process.kill(pid, 'SIGWINCH');
      await waitLines(w);
    }
    phases.push({ phase, cpuMs: procCpuMs(pid), probe: rec });
    const r = rec[0];
    const g = rec[1];
    console.error(
      `${phase.padEnd(22)} rss ${r.rss.toFixed(0)} heapTotal ${r.heapTotal.toFixed(0)} used ${r.heapUsed.toFixed(0)} ext ${r.external.toFixed(0)} ab ${r.arrayBuffers.toFixed(0)} malloc ${r.mallocedMemory.toFixed(0)} new ${r.spaces.new_space.size.toFixed(0)} old ${r.spaces.old_space.size.toFixed(0)}/${r.spaces.old_space.used.toFixed(0)} lo ${r.spaces.large_object_space.size.toFixed(0)} code ${r.spaces.code_space.size.toFixed(0)}` +
        (g ? ` | after gc: rss ${g.rss.toFixed(0)} heapTotal ${g.heapTotal.toFixed(0)} used ${g.heapUsed.toFixed(0)}` : ''),
    );
  };
  const waitLines = async (n: number) => {
    for (let i = 0; i < 6000; i++) {
      if (readFileSync(probeOut, 'utf8').trim().split('\n').filter(Boolean).length >= n) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the probe did not answer');
  };

  await probe('ready');
  if (pauseMs) {
    await new Promise((r) => setTimeout(r, pauseMs));
    await probe(`ready + ${pauseMs} ms quiet`);
  }
  await timeDiagnostics(client, makeDraft(index, 500, 10, 99).text);
  await probe('afterIndex+check', true);
  await runServerWorkload(client, index, quick, (phase) => probe(phase, phase === 'reindex'));
  // The same after a pause: what V8 gives back once the server is idle.
  await new Promise((r) => setTimeout(r, 6000));
  await probe('end + 6 s idle');
  await client.stop();
  if (out) appendFileSync(out, JSON.stringify({ label, server, flags, gc, quick, phases }) + '\n');
  rmSync(probeOut, { force: true });
  if (!existsSync(probeOut)) return;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
