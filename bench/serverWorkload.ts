// The workload the scale benchmark drives through a running server (bench/scale.bench.ts times it;
// bench/memoryProbe.ts reads the server's memory between its phases): completion inside an opened quotation, full
// diagnostics of new drafts, hovers and keystrokes in a 5,000-word draft, one source file changing on disk at a time.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceIndex } from '../server/src/core/index/sourceIndex';
import { uriOf, type TestClient } from '../test/lsp/helpers/lspClient';
import { rng } from './corpus';
import { procCpuMs } from './server';
import { completionPrefixes, makeDraft, stats, type Stats } from './workload';

/** Drafts measured: words × quotations. */
export const DRAFTS: Array<{ words: number; quotations: number }> = [
  { words: 500, quotations: 10 },
  { words: 500, quotations: 50 },
  { words: 5000, quotations: 10 },
  { words: 5000, quotations: 50 },
];

const now = () => performance.now();
let docCounter = 0;

/** Opens a new draft and waits for its first diagnostics; the milliseconds it took. */
export async function timeDiagnostics(client: TestClient, text: string): Promise<number> {
  const uri = uriOf(join(tmpdir(), 'verbatim-bench', `draft-${process.pid}-${++docCounter}.md`));
  const t0 = now();
  client.open(uri, text);
  await client.diagnosticsFor(uri, 1).catch(async () => client.waitFor(() => client.diagnostics.get(uri)?.find((d) => d.version === 1), 'diagnostics', 10 * 60_000));
  const ms = now() - t0;
  client.close(uri);
  return ms;
}

/** Opens a new draft holding `text` and asks for completion at its end; the milliseconds the answer took. */
export async function timeCompletion(client: TestClient, text: string): Promise<number> {
  const uri = uriOf(join(tmpdir(), 'verbatim-bench', `typing-${process.pid}-${++docCounter}.md`));
  client.open(uri, text);
  const t0 = now();
  await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 1 } });
  const ms = now() - t0;
  client.close(uri);
  return ms;
}

/**
 * Runs the workload and returns its timings (wall per request, the server's CPU per request). `afterPhase` is called
 * after each phase ("completion", "drafts", "hovers", "keystrokes", "reindex") and within them ("completion 250",
 * "drafts 500w/10q"), with the server idle.
 */
export async function runServerWorkload(
  client: TestClient,
  index: SourceIndex,
  quick: boolean,
  afterPhase: (phase: string) => Promise<void> | void = () => undefined,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const pid = client.proc.pid!;

  // Completion inside an opened quotation.
  const prefixes = completionPrefixes(index, quick ? 200 : 1000, quick ? 40 : 200, 11);
  const typingUri = uriOf(join(tmpdir(), 'verbatim-bench', 'typing.md'));
  client.open(typingUri, '');
  let v = 1;
  const complete = async (text: string) => {
    v++;
    client.change(typingUri, v, [{ text }]);
    const lines = text.split('\n');
    const t0 = now();
    const r = await client.request<{ items: unknown[] }>('textDocument/completion', {
      textDocument: { uri: typingUri },
      position: { line: lines.length - 1, character: lines[lines.length - 1].length },
      context: { triggerKind: 1 },
    });
    return { ms: now() - t0, items: r?.items?.length ?? 0 };
  };
  // The first completion pays for what is not built yet (the background build after "ready" may still be under way).
  out.firstCompletionMs = (await complete(`He said “${prefixes[0].typed}`)).ms;
  for (let i = 0; i < 20; i++) await complete(`Warm up ${i}. He said “${prefixes[i].typed}`);
  const comp: number[] = [];
  const compMatching: number[] = [];
  const compNothing: number[] = [];
  let empty = 0;
  let cpu0 = procCpuMs(pid);
  let cpuPaused = 0;
  for (const p of prefixes) {
    const r = await complete(`He said “${p.typed}`);
    comp.push(r.ms);
    (p.matches ? compMatching : compNothing).push(r.ms);
    if (p.matches && r.items === 0) empty++;
    if (comp.length % Math.ceil(prefixes.length / 4) === 0 && comp.length < prefixes.length) {
      const c = procCpuMs(pid);
      await afterPhase(`completion ${comp.length}`);
      cpuPaused += procCpuMs(pid) - c;
    }
  }
  out.completion = stats(comp);
  out.completionMatching = stats(compMatching);
  out.completionNothing = stats(compNothing);
  out.completionEmptyForRealPrefix = empty;
  // The server's own CPU per request (from /proc, 10 ms ticks over the whole batch): less sensitive to the machine's load.
  out.completionCpuMeanMs = (procCpuMs(pid) - cpu0 - cpuPaused) / prefixes.length;
  await afterPhase('completion');

  // Full diagnostics of new drafts (every quotation is new to the server), then hovers and keystrokes.
  const diag: Record<string, Stats & { cpuMeanMs: number }> = {};
  for (const d of DRAFTS) {
    const xs: number[] = [];
    const n = quick ? 3 : 8;
    cpu0 = procCpuMs(pid);
    for (let s = 0; s < n; s++) xs.push(await timeDiagnostics(client, makeDraft(index, d.words, d.quotations, 1000 + s).text));
    const name = `${d.words}w/${d.quotations}q`;
    diag[name] = { ...stats(xs), cpuMeanMs: (procCpuMs(pid) - cpu0) / n };
    await afterPhase(`drafts ${name}`);
  }
  out.diagnostics = diag;
  await afterPhase('drafts');

  const draft = makeDraft(index, 5000, 50, 7);
  const draftUri = uriOf(join(tmpdir(), 'verbatim-bench', 'long.md'));
  client.open(draftUri, draft.text);
  await client.waitFor(() => client.diagnostics.get(draftUri)?.find((d) => d.version === 1), 'diagnostics of the long draft', 10 * 60_000);
  const lineCol = (text: string, offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
  const hov: number[] = [];
  const random = rng(5);
  cpu0 = procCpuMs(pid);
  const words = [...draft.text.matchAll(/\b[A-Z][a-z]+\b/g)].map((m) => m.index! + 1);
  for (let r = 0; r < (quick ? 100 : 500); r++) {
    // Three hovers in four on a quotation, one on a capitalised word of the narrative (names).
    const offset = r % 4 === 3 ? words[Math.floor(random() * words.length)] : draft.quotationStarts[r % draft.quotationStarts.length] + 3;
    const t0 = now();
    await client.request('textDocument/hover', { textDocument: { uri: draftUri }, position: lineCol(draft.text, offset) });
    hov.push(now() - t0);
  }
  out.hover = stats(hov.slice(10));
  out.hoverCpuMeanMs = (procCpuMs(pid) - cpu0) / hov.length;
  await afterPhase('hovers');

  // One keystroke at a time in the 5,000-word draft: a letter typed inside a quotation or in the narrative.
  let text = draft.text;
  let dv = 1;
  const keys: number[] = [];
  cpu0 = procCpuMs(pid);
  for (let r = 0; r < (quick ? 30 : 100); r++) {
    const inQuote = r % 2 === 0;
    const at = inQuote ? draft.quotationStarts[(r * 7) % draft.quotationStarts.length] + 2 : words[Math.floor(random() * words.length)];
    // Offsets move as text is inserted: find the nearest word start at or after `at` in the current text.
    const pos = Math.min(text.length - 1, at + Math.floor(r / 2));
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    dv++;
    const t0 = now();
    client.change(draftUri, dv, [{ range: { start: lineCol(text, pos), end: lineCol(text, pos) }, text: 'x' }]);
    await client.diagnosticsFor(draftUri, dv);
    keys.push(now() - t0);
  }
  out.keystroke = stats(keys.slice(3));
  out.keystrokeCpuMeanMs = (procCpuMs(pid) - cpu0) / keys.length;
  await afterPhase('keystrokes');

  // One source file changes on disk: the watcher's notification until the index is updated (status sent),
  // then the first completion after it (which pays for whatever is rebuilt lazily).
  const files = index.sources.filter((s) => /copy00/.test(s.path)).slice(0, 200);
  const reidx: number[] = [];
  const after: number[] = [];
  const originals = new Map<string, string>();
  try {
    for (let r = 0; r < (quick ? 8 : 20); r++) {
      const file = files[(r * 37) % files.length].path;
      if (!originals.has(file)) originals.set(file, readFileSync(file, 'utf8'));
      writeFileSync(file, `${originals.get(file)}\n"We added this sentence number ${r} for the benchmark," said Jane Bench.\n`);
      const before = client.statuses.length;
      const t0 = now();
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 2 }] });
      await client.waitFor(() => client.statuses.length > before, 'the status after a change', 10 * 60_000);
      reidx.push(now() - t0);
      after.push((await complete(`He said “${prefixes[r].typed}`)).ms);
    }
  } finally {
    for (const [file, t] of originals) writeFileSync(file, t);
  }
  out.reindexOne = stats(reidx);
  // Restored with a new modification time: the next start analyses these again (not from the cache).
  out.sourcesChangedOnDisk = originals.size;
  out.completionAfterReindex = stats(after);
  await afterPhase('reindex');
  return out;
}
