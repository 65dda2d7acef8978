// Latency through the real language server over stdio, on the seed corpus (the bundled bne IntelliNews article):
//   - completion inside an opened quotation (fuzzy), after "Peskov said ", and for citation keys;
//   - hover on quotations of a 5,000-word draft;
//   - diagnostics of that draft after the last edit (the server's debounce set to 0, so it is excluded).
// Run: node scripts/build.mjs && node --import tsx bench/lsp.bench.ts [--json]
// Numbers are reported, never asserted (test/lsp asserts behaviour only).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { DEFAULT_CAPABILITIES, TestClient, uriOf, ROOT } from '../test/lsp/helpers/lspClient';
import { loadIndex } from '../server/src/node/loadSources';
import { checkDraft } from '../server/src/core/check/checkDraft';

const CORPUS = readFileSync(join(ROOT, 'corpus', 'bne-2021-12-07-putin-biden-summit.txt'), 'utf8');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summary(name: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { name, n: s.length, p50: +percentile(s, 50).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s[s.length - 1].toFixed(2) };
}

/** Sentences with quotes from the corpus, some exact, some altered, some invented, repeated to `words` words. */
function makeDraft(words: number): string {
  const quotes = [...CORPUS.matchAll(/[“"]([^“”"\n]{20,300})[”"]/g)].map((m) => m[1]);
  const speakers = ['Peskov said', 'Blinken told reporters', 'Tim Ash wrote', 'according to Zhang,', 'McConnell said'];
  const paragraphs: string[] = [];
  let count = 0;
  let i = 0;
  while (count < words) {
    const q = quotes[i % quotes.length];
    const altered = i % 3 === 1 ? q.replace(/\b(the|a|not)\b/, 'some') : i % 7 === 3 ? 'we will never accept anything like this whatever the cost to us' : q;
    const p = `Paragraph ${i}: the summit left many questions open, and ${speakers[i % speakers.length]} “${altered}” in remarks that were widely reported. Analysts were divided on what it meant for the region and for the talks that would follow in the new year.`;
    paragraphs.push(p);
    count += p.split(/\s+/).length;
    i++;
  }
  return `# A long draft\n\n${paragraphs.join('\n\n')}\n`;
}

async function main() {
  const json = process.argv.includes('--json');
  // Completion and hover with the server's default debounce (as in an editor); diagnostics with none (excluded).
  // VS Code's completion capabilities: documentation comes through completionItem/resolve.
  const capabilities = {
    ...DEFAULT_CAPABILITIES,
    textDocument: {
      ...DEFAULT_CAPABILITIES.textDocument,
      completion: { completionItem: { documentationFormat: ['markdown' as const], labelDetailsSupport: true, resolveSupport: { properties: ['documentation', 'detail'] } }, contextSupport: true },
    },
  };
  let { client } = await TestClient.ready({ workspace: undefined, capabilities });
  const results: ReturnType<typeof summary>[] = [];
  try {
    // Completion.
    const typing = ['I don’t acc', 'red', 'serius consequ', 'The overwhelming mess', 'is unlikely', 'China is banking', 'not news', 'whatever weap', 'We', ''];
    const uri = uriOf('/tmp/verbatim-bench/typing.md');
    let version = 1;
    client.open(uri, '');
    const sample: number[] = [];
    const attrSample: number[] = [];
    const citeSample: number[] = [];
    const complete = async (text: string, trigger?: string) => {
      version++;
      client.change(uri, version, [{ text }]);
      const lines = text.split('\n');
      const t0 = performance.now();
      await client.request('textDocument/completion', {
        textDocument: { uri },
        position: { line: lines.length - 1, character: lines[lines.length - 1].length },
        context: trigger ? { triggerKind: 2, triggerCharacter: trigger } : { triggerKind: 1 },
      });
      return performance.now() - t0;
    };
    for (let r = 0; r < 60; r++) for (const t of typing) sample.push(await complete(`Paragraph ${r}.\n\nHe said “${t}`));
    for (let r = 0; r < 200; r++) attrSample.push(await complete(`Paragraph ${r}. Peskov said `, ' '));
    for (let r = 0; r < 200; r++) citeSample.push(await complete(`Paragraph ${r} [@bne`, '@'));
    results.push(summary('completion in a quotation (fuzzy)', sample.slice(20)));
    results.push(summary('completion after "Peskov said "', attrSample.slice(20)));
    results.push(summary('completion of a citation key', citeSample.slice(20)));
    // Resolving the selected item's documentation (the source paragraph), as VS Code does for the focused item.
    const resolve: number[] = [];
    version++;
    client.change(uri, version, [{ text: 'He said “red' }]);
    const list = await client.request<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 12 } });
    for (let r = 0; r < 300; r++) {
      const t0 = performance.now();
      await client.request('completionItem/resolve', list.items[r % list.items.length]);
      resolve.push(performance.now() - t0);
    }
    results.push(summary('completionItem/resolve (documentation)', resolve.slice(20)));

    // A 5,000-word draft: hover, then diagnostics after edits.
    const draft = makeDraft(5000);
    const draftUri = uriOf('/tmp/verbatim-bench/long.md');
    client.open(draftUri, draft);
    await client.diagnosticsFor(draftUri, 1);
    const lines = draft.split('\n');
    const positions: { line: number; character: number }[] = [];
    lines.forEach((l, line) => {
      const at = l.indexOf('“');
      if (at >= 0) positions.push({ line, character: at + 5 });
    });
    const hover: number[] = [];
    for (let r = 0; r < 600; r++) {
      const t0 = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: draftUri }, position: positions[r % positions.length] });
      hover.push(performance.now() - t0);
    }
    results.push(summary('hover on a quotation (5,000-word draft)', hover.slice(20)));

    await client.stop();
    ({ client } = await TestClient.ready({ workspace: undefined, diagnosticsDelay: 0 }));
    client.open(draftUri, draft);
    await client.diagnosticsFor(draftUri, 1);
    const diag: number[] = [];
    let v = 1;
    for (let r = 0; r < 40; r++) {
      v++;
      const line = 2 + ((r * 2) % (lines.length - 3));
      const t0 = performance.now();
      client.change(draftUri, v, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'Edited. ' }]);
      await client.diagnosticsFor(draftUri, v);
      diag.push(performance.now() - t0);
    }
    results.push(summary('diagnostics after an edit (5,000-word draft, debounce excluded)', diag.slice(5)));
    // The checker alone on the same draft, in this process (tsx, not bundled): how much of the above is checking.
    const { index } = await loadIndex({ specs: [], cwd: ROOT, bundled: true });
    const check: number[] = [];
    for (let r = 0; r < 15; r++) {
      const t0 = performance.now();
      checkDraft(draft, index, {});
      check.push(performance.now() - t0);
    }
    results.push(summary('of which checkDraft alone (in process)', check.slice(3)));
    const words = draft.split(/\s+/).length;
    const status = client.statuses.at(-1)!;
    if (json) console.log(JSON.stringify({ words, sources: status.sources, quotes: status.quotes, results }, null, 2));
    else {
      console.log(`Verbatim language server over stdio · ${status.sources} source(s), ${status.quotes} quotes · draft of ${words} words`);
      for (const r of results) console.log(`${r.name.padEnd(64)} n=${String(r.n).padStart(4)}  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms  max ${r.max.toFixed(2).padStart(6)} ms`);
    }
  } finally {
    await client.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
