// The start of the language server from its index cache, alone (the scale benchmark measures it once, among much
// else): start → "ready" through the real server over stdio, its CPU time and page faults, and its memory after "ready" and after the
// first check of a draft. The first run fills the cache (a cold start) unless the cache folder already holds one.
// Prints one line per run and the medians; never asserts.
//   node --import tsx bench/cacheStart.bench.ts --scale 1 --runs 7 [--cache DIR] [--server dist/server.js] [--node-arg --cpu-prof]
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { StatusParams } from '../server/src/protocol';
import { ensureCorpus } from './corpus';
import { uriOf } from '../test/lsp/helpers/lspClient';
import { arg } from './args';
import { procCpuMs, procMemory, procMinorFaults } from './server';

const args = (name: string) => process.argv.flatMap((a, i) => (a === `--${name}` ? [process.argv[i + 1]] : []));
const scale = Number(arg('scale', '1'));
const runs = Number(arg('runs', '5'));
const cacheDir = resolve(arg('cache', join(tmpdir(), `verbatim-cache-start-x${scale}`))!);
const server = resolve(arg('server', join(__dirname, '..', 'dist', 'server.js'))!);
const nodeArgs = args('node-arg');

function procStatus(pid: number): { rssMb: number; peakMb: number; cpuMs: number; faults: number } {
  return { ...procMemory(pid), cpuMs: procCpuMs(pid), faults: procMinorFaults(pid) };
}

interface Run {
  readyMs: number;
  readyCpuMs: number;
  rssReadyMb: number;
  /** Minor page faults by "ready" (fresh memory is dear on a VM: about 12 µs each on the benchmark machine). */
  faultsReady: number;
  firstCheckMs: number;
  firstCheckCpuMs: number;
  rssCheckMb: number;
  peakMb: number;
  logs: string[];
}

const cacheWritten = () => readdirSync(cacheDir).some((f) => /^verbatim-sources\.(cache|jsonl)$/.test(f));

async function startOnce(corpus: string, opts: { waitForCache?: boolean } = {}): Promise<Run> {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const c = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const settings = { sources: ['**/*.md'], includeBundledCorpus: false };
  const logs: string[] = [];
  let ready: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const diagnostics = new Map<string, () => void>();
  c.onNotification('verbatim/status', (p: StatusParams) => p.state === 'ready' && ready());
  c.onNotification('window/logMessage', (p: { message: string }) => logs.push(p.message));
  c.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => diagnostics.get(p.uri)?.());
  c.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  c.onRequest('client/registerCapability', () => null);
  c.listen();
  await c.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(corpus),
    workspaceFolders: [{ uri: uriOf(corpus), name: 'corpus' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions: { settings, trusted: true, diagnosticsDelay: 0, cacheDir },
  });
  await c.sendNotification('initialized', {});
  await isReady;
  const readyMs = performance.now() - t0;
  const atReady = procStatus(proc.pid!);
  // The first check builds what is built lazily (passage index, speakers).
  const uri = uriOf(join(tmpdir(), 'verbatim-cache-start-draft.md'));
  const t1 = performance.now();
  const checked = new Promise<void>((r) => diagnostics.set(uri, r));
  await c.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text: '“The economy will grow faster than expected this year,” the minister said. “We will not raise taxes,” she added.\n' },
  });
  await checked;
  const firstCheckMs = performance.now() - t1;
  const atCheck = procStatus(proc.pid!);
  // A server of before the flush at shutdown (a baseline) writes its cache a moment after "ready": wait for it.
  for (const deadline = Date.now() + 120_000; opts.waitForCache && !cacheWritten() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  await c.sendRequest('shutdown');
  await c.sendNotification('exit');
  await new Promise((r) => proc.once('exit', r));
  c.dispose();
  return { readyMs, readyCpuMs: atReady.cpuMs, rssReadyMb: atReady.rssMb, faultsReady: atReady.faults, firstCheckMs, firstCheckCpuMs: atCheck.cpuMs - atReady.cpuMs, rssCheckMb: atCheck.rssMb, peakMb: atCheck.peakMb, logs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const corpus = ensureCorpus(scale).dir;
  mkdirSync(cacheDir, { recursive: true });
  if (!cacheWritten()) {
    const cold = await startOnce(corpus, { waitForCache: true });
    console.log(`cold (fills ${cacheDir}): ready ${cold.readyMs.toFixed(0)} ms, CPU ${cold.readyCpuMs.toFixed(0)} ms`);
  }
  const all: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await startOnce(corpus);
    all.push(r);
    const fmt = (x: number) => x.toFixed(0).padStart(6);
    console.log(
      `ready ${fmt(r.readyMs)} ms  CPU ${fmt(r.readyCpuMs)} ms  RSS ready ${fmt(r.rssReadyMb)} MB  faults ${fmt(r.faultsReady)}  first check ${fmt(r.firstCheckMs)} ms  CPU ${fmt(r.firstCheckCpuMs)} ms  RSS ${fmt(r.rssCheckMb)} MB  peak ${fmt(r.peakMb)} MB`,
    );
    if (i === 0) for (const l of r.logs.filter((l) => /cache|cannot/i.test(l))) console.log(`  log: ${l}`);
  }
  const m = (k: keyof Run) => median(all.map((r) => r[k] as number)).toFixed(0);
  console.log(`median of ${runs}: ready ${m('readyMs')} ms, CPU ${m('readyCpuMs')} ms, RSS at ready ${m('rssReadyMb')} MB, page faults ${m('faultsReady')}, first check ${m('firstCheckMs')} ms (CPU ${m('firstCheckCpuMs')} ms), RSS after it ${m('rssCheckMb')} MB, peak ${m('peakMb')} MB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
