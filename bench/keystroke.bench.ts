// One keystroke in the 5,000-word draft with 50 quotations (issue 6), in isolation: the BBC ×1 index is built once,
// the draft made as bench/scale.bench.ts makes it (makeDraft(index, 5000, 50, 7)), then a few hundred keystrokes —
// a character inserted or deleted inside a quotation or in the narrative — each followed by the check of the text
// after it, in the core (checkDraft) and through the server's analysis and diagnostics conversion (DraftAnalyzer +
// toDiagnostic on a TextDocument, no transport). Also the full check of new drafts (nothing remembered), and with
// --server the same keystrokes through the built server over stdio (dist/server.js; its index cache kept in
// --cache-dir between runs), from the change to the published diagnostics, with the server's CPU from /proc.
// Wall and CPU time; prints JSON; never asserts.
//   npm run build && node --import tsx bench/keystroke.bench.ts [--keys 400] [--server] [--cache-dir DIR] [--out FILE]
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDraft } from '../server/src/core/check/checkDraft';
import { clearMatchMemo } from '../server/src/core/check/matchMemo';
import { PassageIndex } from '../server/src/core/index/passageIndex';
import type { SourceIndex } from '../server/src/core/index/sourceIndex';
import { loadIndex } from '../server/src/node/loadSources';
import { DraftAnalyzer } from '../server/src/lsp/analysis';
import { toDiagnostic } from '../server/src/lsp/toProto';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { uriOf } from '../test/lsp/helpers/lspClient';
import { CORPUS_ROOT, rng } from './corpus';
import { procCpuMs, startCorpusServer } from './server';
import { makeDraft, stats } from './workload';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const KEYS = Number(arg('keys', '400'));
const OUT = arg('out', '');
const SERVER = process.argv.includes('--server');
const CACHE_DIR = arg('cache-dir', join(tmpdir(), 'verbatim-keystroke-bench-cache'));

const now = () => performance.now();
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
function time<T>(f: () => T): { ms: number; cpu: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = now();
  const value = f();
  return { ms: now() - t0, cpu: cpuMs(process.cpuUsage(c0)), value };
}

interface Edit {
  at: number;
  /** Characters removed at `at` (0 or 1). */
  remove: number;
  insert: string;
}

/** The keystrokes: half inside a quotation (just after its opening mark, past a few letters), half in the narrative; two in three type a letter, one in three deletes one. */
function keystrokes(text0: string, n: number, seed: number): Edit[] {
  const random = rng(seed);
  const edits: Edit[] = [];
  let text = text0;
  for (let r = 0; r < n; r++) {
    const opens: number[] = [];
    for (let i = text.indexOf('“'); i >= 0; i = text.indexOf('“', i + 1)) opens.push(i + 1);
    const inQuote = r % 2 === 0;
    let at = inQuote ? opens[Math.floor(random() * opens.length)] + 2 + Math.floor(random() * 8) : Math.floor(random() * text.length);
    // Narrative: step out of any quotation (to the character after its closing mark).
    if (!inQuote) {
      const open = text.lastIndexOf('“', at);
      const close = text.lastIndexOf('”', at);
      if (open > close) at = text.indexOf('”', at) + 1;
    }
    const c = text[at];
    const deletable = at < text.length && /[a-z ]/.test(c) && /[a-z ]/.test(text[at - 1] ?? '');
    const e: Edit = r % 3 === 2 && deletable ? { at, remove: 1, insert: '' } : { at, remove: 0, insert: 'x' };
    text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
    edits.push(e);
  }
  return edits;
}

function corePart(index: SourceIndex, draftText: string, edits: Edit[]): Record<string, unknown> {
  let text = draftText;
  checkDraft(text, index);
  const ms: number[] = [];
  const cpu: number[] = [];
  const inQ: number[] = [];
  const outQ: number[] = [];
  edits.forEach((e, r) => {
    text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
    const k = time(() => checkDraft(text, index));
    ms.push(k.ms);
    cpu.push(k.cpu);
    (r % 2 === 0 ? inQ : outQ).push(k.ms);
  });
  return { keystroke: stats(ms.slice(5)), keystrokeCpu: stats(cpu.slice(5)), inQuotation: stats(inQ.slice(3)), inNarrative: stats(outQ.slice(3)) };
}

function analysisPart(index: SourceIndex, draftText: string, edits: Edit[]): Record<string, unknown> {
  // The same keystrokes as the core part: forget what it remembered, or every changed quotation would be known.
  clearMatchMemo(PassageIndex.for(index));
  const analyzer = new DraftAnalyzer(index, DEFAULT_SETTINGS, (m) => console.error(m));
  let doc = TextDocument.create('file:///bench/long.md', 'markdown', 1, draftText);
  const diagnose = () => {
    const a = analyzer.analyze(doc);
    let n = 0;
    for (const f of a.result.findings) if (toDiagnostic(doc, f, index, DEFAULT_SETTINGS)) n++;
    return n;
  };
  diagnose();
  const ms: number[] = [];
  const cpu: number[] = [];
  let diagnostics = 0;
  for (const e of edits) {
    const range = { start: doc.positionAt(e.at), end: doc.positionAt(e.at + e.remove) };
    doc = TextDocument.update(doc, [{ range, text: e.insert }], doc.version + 1);
    const k = time(diagnose);
    ms.push(k.ms);
    cpu.push(k.cpu);
    diagnostics = k.value;
  }
  return { keystroke: stats(ms.slice(5)), keystrokeCpu: stats(cpu.slice(5)), diagnosticsAtEnd: diagnostics };
}

async function serverPart(corpus: string, draftText: string, edits: Edit[]): Promise<Record<string, unknown>> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const { client } = await startCorpusServer(corpus, CACHE_DIR);
  try {
    const uri = uriOf(join(tmpdir(), 'verbatim-bench', 'keystroke.md'));
    client.open(uri, draftText);
    await client.diagnosticsFor(uri, 1);
    let doc = TextDocument.create(uri, 'markdown', 1, draftText);
    const ms: number[] = [];
    const pid = client.proc.pid!;
    const cpu0 = procCpuMs(pid);
    for (const e of edits) {
      const range = { start: doc.positionAt(e.at), end: doc.positionAt(e.at + e.remove) };
      doc = TextDocument.update(doc, [{ range, text: e.insert }], doc.version + 1);
      const t0 = now();
      client.change(uri, doc.version, [{ range, text: e.insert }]);
      await client.diagnosticsFor(uri, doc.version);
      ms.push(now() - t0);
    }
    return { keystroke: stats(ms.slice(5)), keystrokeCpuMeanMs: (procCpuMs(pid) - cpu0) / edits.length };
  } finally {
    await client.stop();
  }
}

function fullCheckPart(index: SourceIndex): Record<string, unknown> {
  const drafts = Array.from({ length: 10 }, (_, s) => makeDraft(index, 5000, 50, 1000 + s).text);
  checkDraft(drafts[0], index);
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const d of drafts.slice(1)) {
      // A full check: nothing remembered from earlier checks.
      clearMatchMemo(PassageIndex.for(index));
      const k = time(() => checkDraft(d, index));
      ms.push(k.ms);
      cpu.push(k.cpu);
    }
  }
  return { fullCheck: stats(ms), fullCheckCpu: stats(cpu) };
}

async function main(): Promise<void> {
  const corpus = join(CORPUS_ROOT, 'x1');
  if (!existsSync(join(corpus, '.complete'))) throw new Error(`no ×1 corpus at ${corpus} (npm run bench writes it)`);
  const t0 = now();
  const { index } = await loadIndex({ specs: [corpus], cwd: corpus, bundled: false });
  console.error(`x1: ${index.sources.length} sources in ${((now() - t0) / 1000).toFixed(1)} s`);
  const draft = makeDraft(index, 5000, 50, 7);
  const edits = keystrokes(draft.text, KEYS, 11);
  const result = {
    draft: { words: draft.words, quotations: draft.quotations, keystrokes: edits.length },
    core: corePart(index, draft.text, edits),
    analysis: analysisPart(index, draft.text, edits),
    ...fullCheckPart(index),
    ...(SERVER ? { server: await serverPart(corpus, draft.text, edits) } : {}),
  };
  const json = JSON.stringify(result, null, 2);
  console.log(json);
  if (OUT) writeFileSync(OUT, json);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
