// Where the server's memory goes over the scale benchmark's workload (bench/scale.bench.ts): the same phases through
// the real server, with the server's RSS and V8's numbers (process.memoryUsage, heap spaces) recorded after each one.
// The numbers come from a preload (bench/memoryProbePreload.cjs) that answers SIGUSR2; with --gc it forces a full
// collection first and records again (live memory vs what V8 keeps); with --snapshots DIR it writes heap snapshots
// after indexing and at the end (with --sample: V8's sampling heap profiles instead, by allocating stack, which
// /tmp-style scripts can diff; a snapshot itself inflates the RSS that follows it).
//   node --import tsx bench/memoryProbe.ts --scale 1 [--quick] [--server dist/server.js] [--gc] [--snapshots DIR [--sample]]
//     [--label name] [--flags "--max-semi-space-size=4 …"] [--out file.jsonl]
// --flags: Node flags for the server (none by default, as the VS Code client starts it).
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadIndex } from '../server/src/node/loadSources';
import { uriOf } from '../test/lsp/helpers/lspClient';
import { ensureCorpus, rng } from './corpus';
import { procCpuMs, startCorpusServer } from './server';
import { completionPrefixes, makeDraft } from './workload';

const arg = (name: string, dflt?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const scale = Number(arg('scale', '1'));
const quick = process.argv.includes('--quick');
const gc = process.argv.includes('--gc');
const snapshots = arg('snapshots');
const server = resolve(arg('server', join(__dirname, '..', 'dist', 'server.js'))!);
const flagsArg = arg('flags');
const flags = (flagsArg ?? '').split(' ').filter(Boolean);
const out = arg('out');
const label = arg('label');
const DRAFTS = [
  { words: 500, quotations: 10 },
  { words: 500, quotations: 50 },
  { words: 5000, quotations: 10 },
  { words: 5000, quotations: 50 },
];

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
  const { client } = await startCorpusServer(corpus, undefined, { server, nodeFlags: flags });
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

  let docCounter = 0;
  const diagnose = async (text: string) => {
    const uri = uriOf(join(tmpdir(), 'verbatim-bench', `draft-${process.pid}-${++docCounter}.md`));
    client.open(uri, text);
    await client.waitFor(() => client.diagnostics.get(uri)?.find((d) => d.version === 1), 'diagnostics', 10 * 60_000);
    client.close(uri);
  };
  await probe('ready');
  await diagnose(makeDraft(index, 500, 10, 99).text);
  await probe('afterIndex+check', true);

  const prefixes = completionPrefixes(index, quick ? 200 : 1000, quick ? 40 : 200, 11);
  const typingUri = uriOf(join(tmpdir(), 'verbatim-bench', 'typing.md'));
  client.open(typingUri, '');
  let v = 1;
  const complete = async (text: string) => {
    v++;
    client.change(typingUri, v, [{ text }]);
    const lines = text.split('\n');
    await client.request('textDocument/completion', {
      textDocument: { uri: typingUri },
      position: { line: lines.length - 1, character: lines[lines.length - 1].length },
      context: { triggerKind: 1 },
    });
  };
  for (let i = 0; i < 20; i++) await complete(`Warm up ${i}. He said “${prefixes[i].typed}`);
  let k = 0;
  for (const p of prefixes) {
    await complete(`He said “${p.typed}`);
    if (++k % Math.ceil(prefixes.length / 4) === 0 && k < prefixes.length) await probe(`completion ${k}`);
  }
  await probe('completion done');

  for (const d of DRAFTS) {
    for (let s = 0; s < (quick ? 3 : 8); s++) await diagnose(makeDraft(index, d.words, d.quotations, 1000 + s).text);
    await probe(`drafts ${d.words}w/${d.quotations}q`);
  }

  const draft = makeDraft(index, 5000, 50, 7);
  const draftUri = uriOf(join(tmpdir(), 'verbatim-bench', 'long.md'));
  client.open(draftUri, draft.text);
  await client.waitFor(() => client.diagnostics.get(draftUri)?.find((d) => d.version === 1), 'diagnostics of the long draft', 10 * 60_000);
  const lineCol = (text: string, offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  const random = rng(5);
  const words = [...draft.text.matchAll(/\b[A-Z][a-z]+\b/g)].map((m) => m.index! + 1);
  for (let r = 0; r < (quick ? 100 : 500); r++) {
    const offset = r % 4 === 3 ? words[Math.floor(random() * words.length)] : draft.quotationStarts[r % draft.quotationStarts.length] + 3;
    await client.request('textDocument/hover', { textDocument: { uri: draftUri }, position: lineCol(draft.text, offset) });
  }
  await probe('hovers');

  let text = draft.text;
  let dv = 1;
  for (let r = 0; r < (quick ? 30 : 100); r++) {
    const inQuote = r % 2 === 0;
    const at = inQuote ? draft.quotationStarts[(r * 7) % draft.quotationStarts.length] + 2 : words[Math.floor(random() * words.length)];
    const pos = Math.min(text.length - 1, at + Math.floor(r / 2));
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    dv++;
    client.change(draftUri, dv, [{ range: { start: lineCol(text, pos), end: lineCol(text, pos) }, text: 'x' }]);
    await client.diagnosticsFor(draftUri, dv);
  }
  await probe('keystrokes');

  const files = index.sources.filter((s) => /copy00/.test(s.path)).slice(0, 200);
  const originals = new Map<string, string>();
  try {
    for (let r = 0; r < (quick ? 8 : 20); r++) {
      const file = files[(r * 37) % files.length].path;
      if (!originals.has(file)) originals.set(file, readFileSync(file, 'utf8'));
      writeFileSync(file, `${originals.get(file)}\n"We added this sentence number ${r} for the benchmark," said Jane Bench.\n`);
      const before = client.statuses.length;
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 2 }] });
      await client.waitFor(() => client.statuses.length > before, 'the status after a change', 10 * 60_000);
      await complete(`He said “${prefixes[r].typed}`);
    }
  } finally {
    for (const [file, t] of originals) writeFileSync(file, t);
  }
  await probe('end (re-index)', true);
  // The same after a pause: what V8 gives back once the server is idle.
  await new Promise((r) => setTimeout(r, 5000));
  await probe('end + 5 s idle');
  await client.stop();
  if (out) appendFileSync(out, JSON.stringify({ label, server, flags, gc, quick, phases }) + '\n');
  rmSync(probeOut, { force: true });
  if (!existsSync(probeOut)) return;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
