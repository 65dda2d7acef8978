// An edit storm over stdio: 2,000 random incremental edits (inserts, deletes, replacements of quote marks of every
// kind, CRLF and lone CR line breaks, emoji and other astral characters, whole quotations, citation keys) sent to the
// real server as fast as the pipe takes them, with requests mixed in. The server must end with the client's text,
// publish diagnostics only in version order and last for the last version, and give back its memory afterwards.
//
// The server has no request that returns a document's text, so its text is compared through what depends on all of
// it: the document symbols (every quotation's words and exact range), the code lens counts and the diagnostics, each
// compared with what the core computes in this process on the client's text (test/lsp/helpers/expected.ts). This is
// done at checkpoints during the storm (a request is answered against the version sent just before it) and at the end.
//
// A few edits in a hundred are made where a lone CR or a lone LF stands, so that a CR and an LF meet across the
// edit's boundary: the storm found that vscode-languageserver-textdocument 1.0.12 lost sync there (see the first test).
// Memory is read from /proc/<pid>/status (VmRSS) and from the server itself after a forced full collection
// (support/gcProbe.cjs, preloaded for these tests only).
//
// VERBATIM_STORM_EDITS and VERBATIM_STORM_SEED change the size and the seed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CodeLens, Diagnostic, DocumentSymbol, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDraft } from '../../server/src/core/check/checkDraft';
import type { SourceIndex } from '../../server/src/core/index/sourceIndex';
import { checkOptions } from '../../server/src/lsp/analysis';
import { IndexLookup } from '../../server/src/lsp/lookup';
import { documentSymbols, summaryCodeLens, toDiagnostic } from '../../server/src/lsp/toProto';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { indexOf } from '../lsp/helpers/expected';
import { FIXTURES, TestClient, uriOf } from '../lsp/helpers/lspClient';
import { hasProc, mb, ProbedServer } from './support/serverProbe';
import { rng } from '../support/rng';

const WS = join(FIXTURES, 'workspace');
const START_TEXT = readFileSync(join(WS, 'drafts', 'summit.md'), 'utf8');
const EDITS = Number(process.env.VERBATIM_STORM_EDITS ?? 2000);
const SEED = Number(process.env.VERBATIM_STORM_SEED ?? 20_240_607);
const CHECKPOINT_EVERY = 250;
const REQUEST_EVERY = 40;
const MAX_LENGTH = 12_000;

// The same storm on every run: a seeded PRNG.
const prng = rng;

const SNIPPETS = [
  ' ', 'the ', 'said ', ' Peskov said ', 'Blinken told the press: ', ', according to Tim Ash, ', 'x', 'e\u0301',
  '“', '”', '"', '‘', '’', "'", '«', '»', '„', '“ ', ' ”', '""', '“”',
  '\r\n', '\n', '\r', '\r\n\r\n', '\n\n',
  '😀', '👍🏽', '𝒳', '👨‍👩‍👧', '🇺🇦', '𝄞 ',
  ' “I don’t accept anybody’s red lines,” he told reporters. ',
  '“is unlikely to receive such an offer from President Putin. It is a self-sufficient platform.”',
  '"there will be very serious consequences"',
  '“This is not news, but rather a continuation of the media frenzy,” Peskov said.\r\n',
  '“we need to stand by 😀 Ukraine, not sell it down the river.”',
  '“We will defend every inch of our land whatever it costs us,” ',
  '[@bne-2021-12-07-putin-biden-summit]', '[@no-such-source]', '[@',
  '“nested ‘single’ and “double” marks”', '“unbalanced ', ' closing only” ',
];

/** LSP line starts: \r\n, \r and \n all end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** An offset an editor can put a cursor at: not inside a surrogate pair, not between \r and \n. */
function boundary(text: string, offset: number): number {
  let o = Math.max(0, Math.min(text.length, offset));
  while (o > 0 && o < text.length && ((isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) || (text[o - 1] === '\r' && text[o] === '\n'))) o--;
  return o;
}

/** Whether an edit that left [start, end) made a CR and an LF meet at either end (one line break where there were two). */
function joinsCrLf(text: string, start: number, end: number): boolean {
  return (text[start - 1] === '\r' && text[start] === '\n') || (end > start && text[end - 1] === '\r' && text[end] === '\n');
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Where a lone CR (not followed by LF) or a lone LF (not preceded by CR) is: edits there join them into CRLF. */
function loneBreaks(text: string): { cr: number[]; lf: number[] } {
  const cr: number[] = [];
  const lf: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] !== '\n') cr.push(i);
    else if (text[i] === '\n' && text[i - 1] !== '\r') lf.push(i);
  }
  return { cr, lf };
}

function randomEdit(text: string, rnd: () => number): Edit {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  if (rnd() < 0.04) {
    // A writer (or a client) with mixed line endings: an LF typed right after a lone CR, or text ending in CR put
    // right before a lone LF. Either way a CR and an LF meet across the edit's boundary and become one line break.
    const { cr, lf } = loneBreaks(text);
    if (cr.length && (rnd() < 0.5 || !lf.length)) {
      const at = pick(cr) + 1;
      return { start: at, end: at, text: rnd() < 0.5 ? '\n' : `\n${pick(SNIPPETS)}` };
    }
    if (lf.length) {
      const at = pick(lf);
      return { start: at, end: at, text: rnd() < 0.5 ? '\r' : `${pick(SNIPPETS)}\r` };
    }
  }
  const at = boundary(text, Math.floor(rnd() * (text.length + 1)));
  const r = rnd();
  const tooLong = text.length > MAX_LENGTH;
  const snippet = () => (rnd() < 0.8 ? pick(SNIPPETS) : pick(SNIPPETS) + pick(SNIPPETS));
  if (!tooLong && r < 0.45) return { start: at, end: at, text: snippet() }; // insert
  const span = tooLong ? 50 + Math.floor(rnd() * 600) : 1 + Math.floor(rnd() * (rnd() < 0.9 ? 12 : 120));
  const end = boundary(text, at + span);
  if (r < 0.75) return { start: at, end: Math.max(at, end), text: '' }; // delete
  return { start: at, end: Math.max(at, end), text: snippet() }; // replace
}

interface Expected {
  symbols: DocumentSymbol[];
  lens: CodeLens;
  diagnostics: Diagnostic[];
}

function expected(index: SourceIndex, text: string, version: number): Expected {
  const doc = TextDocument.create('file:///storm.md', 'markdown', version, text);
  const result = checkDraft(text, index, checkOptions(DEFAULT_SETTINGS));
  const lookup = IndexLookup.of(index);
  const diagnostics: Diagnostic[] = [];
  for (const f of result.findings) {
    const d = toDiagnostic(doc, f, index, DEFAULT_SETTINGS);
    if (d) diagnostics.push(d);
  }
  return { symbols: documentSymbols(doc, result.quotations, (n) => lookup.resolveName(n)), lens: summaryCodeLens(result.quotations), diagnostics };
}

/** Every diagnostic range lies inside the text of its version and on a character boundary. */
function rangesValid(text: string, diagnostics: Diagnostic[]): string | undefined {
  const starts = lineStarts(text);
  const offsetOf = (p: { line: number; character: number }) => {
    if (p.line >= starts.length) return -1;
    const lineEnd = p.line + 1 < starts.length ? starts[p.line + 1] : text.length;
    const o = starts[p.line] + p.character;
    return o > lineEnd ? -1 : o;
  };
  for (const d of diagnostics) {
    for (const p of [d.range.start, d.range.end]) {
      const o = offsetOf(p);
      if (o < 0) return `${JSON.stringify(p)} is outside the text`;
      if (boundary(text, o) !== o) return `${JSON.stringify(p)} splits a character or a line break`;
    }
  }
  return undefined;
}

// Found by the storm: vscode-languageserver-textdocument 1.0.12 kept its line table wrong when an edit made a CR and
// an LF meet (it counted two line breaks where the text has one CRLF), so every later position on the server pointed
// elsewhere and the next edit changed the wrong characters. Fixed upstream in 1.0.16, which the server now uses.
test('a CR and an LF that an edit joins into CRLF stay one line break on the server', { timeout: 120_000 }, async (t) => {
  const index = await indexOf(join(WS, 'sources'));
  const { client } = await TestClient.ready({ workspace: WS });
  t.after(() => client.stop());
  const quote = 'She said “we need to stand by Ukraine, not sell it down the river.”';
  const at = (line: number, character: number) => ({ line, character });
  const cases = [
    { what: 'an LF typed right after a lone CR', text: `Intro\r${quote}`, range: { start: at(1, 0), end: at(1, 0) }, insert: '\n' },
    { what: 'text ending in CR put right before a lone LF', text: `Intro\n${quote}`, range: { start: at(0, 5), end: at(0, 5) }, insert: ' notes\r' },
    { what: 'the text between a CR and an LF deleted', text: `Intro\rX\n${quote}`, range: { start: at(1, 0), end: at(1, 1) }, insert: '' },
  ];
  for (const [i, c] of cases.entries()) {
    const uri = uriOf(join(WS, 'drafts', `crlf-${i}.md`));
    client.open(uri, c.text);
    client.change(uri, 2, [{ range: c.range, text: c.insert }]);
    let text = applyAt(c.text, c.range, c.insert);
    assert.equal(lineStarts(text).length, 2, `${c.what}: the text has two lines`);
    const symbols = () => client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(await symbols(), expected(index, text, 2).symbols, `${c.what}: the quotation is on line 1`);
    // The next edit lands where the client means it (with the wrong line table it went one line down).
    client.change(uri, 3, [{ range: { start: at(1, 0), end: at(1, 3) }, text: 'He' }]);
    text = applyAt(text, { start: at(1, 0), end: at(1, 3) }, 'He');
    assert.ok(text.includes('He said “we need'), text);
    assert.deepEqual(await symbols(), expected(index, text, 3).symbols, `${c.what}: a later edit changes the right characters`);
  }
});

/** Applies one LSP change to a text with the client's own line table (CRLF, CR and LF each end a line). */
function applyAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, insert: string): string {
  const starts = lineStarts(text);
  const offset = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return text.slice(0, offset(range.start)) + insert + text.slice(offset(range.end));
}

test(`an edit storm of ${EDITS} random edits over stdio`, { timeout: 600_000 }, async (t) => {
  if (!hasProc()) return t.skip('needs /proc to read the server\'s memory (Linux)');
  const index = await indexOf(join(WS, 'sources'));
  const server = ProbedServer.start({ workspace: WS });
  const { client } = server;
  t.after(() => client.stop());
  await client.initialize();
  await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 'the first indexing', 60_000);

  const uri = uriOf(join(WS, 'drafts', 'storm.md'));
  let text = START_TEXT;
  let version = 1;
  client.open(uri, text, 'markdown', version);
  await client.diagnosticsFor(uri, version);
  // Warm-up: the server has checked, answered symbols and completed once, so the level before the storm is that of
  // a server in use, not of one that has not yet compiled its handlers.
  await client.request('textDocument/documentSymbol', { textDocument: { uri } });
  await client.request('textDocument/completion', { textDocument: { uri }, position: positionAt(lineStarts(text), text.indexOf('offer')) });
  const before = await server.settle();

  let peak = server.rss();
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, server.rss());
    } catch {
      // gone: the waits below report it
    }
  }, 20);
  t.after(() => clearInterval(sampler));

  const rnd = prng(SEED);
  const texts = new Map<number, string>([[version, text]]);
  const checkpoints: { version: number; text: string; answer: Promise<DocumentSymbol[]> }[] = [];
  const requests: Promise<unknown>[] = [];
  let changes = 0;
  let crlfJoins = 0;
  const kinds = { insert: 0, delete: 0, replace: 0 };
  const t0 = performance.now();
  for (let i = 1; i <= EDITS; i++) {
    // Most notifications carry one change; some carry two or three, applied in order as an editor batches them.
    const n = rnd() < 0.9 ? 1 : 2 + Math.floor(rnd() * 2);
    const events: TextDocumentContentChangeEvent[] = [];
    for (let k = 0; k < n; k++) {
      const e = randomEdit(text, rnd);
      const starts = lineStarts(text);
      events.push({ range: { start: positionAt(starts, e.start), end: positionAt(starts, e.end) }, text: e.text });
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
      if (joinsCrLf(text, e.start, e.start + e.text.length)) crlfJoins++;
      kinds[e.start === e.end ? 'insert' : e.text ? 'replace' : 'delete']++;
      changes++;
    }
    client.change(uri, ++version, events);
    texts.set(version, text);
    if (i % REQUEST_EVERY === 0) {
      // What an editor asks while the writer types: completion and hover at the cursor, the code lens.
      const at = positionAt(lineStarts(text), boundary(text, Math.floor(rnd() * (text.length + 1))));
      requests.push(client.request('textDocument/completion', { textDocument: { uri }, position: at }));
      requests.push(client.request('textDocument/hover', { textDocument: { uri }, position: at }));
      requests.push(client.request('textDocument/codeLens', { textDocument: { uri } }));
    }
    if (i % CHECKPOINT_EVERY === 0) {
      checkpoints.push({ version, text, answer: client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }) });
    }
  }
  // The last edit is placed "past the end" (line 1,000,000), which a document takes as its own end. Symbols only see
  // quotations, so without it text the server had after the last quotation could differ unseen; now the probe's
  // range says where the server's text ends, and it must be where the client's ends.
  // On the last line (no line break first), so its character offset shows where that line ends on the server.
  const probe = ' “The storm ends here, at the very end of the text.”';
  const farEnd = { line: 1_000_000, character: 0 };
  client.change(uri, ++version, [{ range: { start: farEnd, end: farEnd }, text: probe }]);
  text += probe;
  texts.set(version, text);
  const sentMs = performance.now() - t0;
  const final = version;
  const last = await client.waitFor(() => client.diagnostics.get(uri)?.find((d) => d.version === final), `the diagnostics of the last version (${final})`, 300_000);
  const doneMs = performance.now() - t0;
  clearInterval(sampler);

  // Every request of the storm was answered (none failed).
  const answered = await Promise.allSettled(requests);
  const failed = answered.filter((r) => r.status === 'rejected');
  assert.equal(failed.length, 0, `requests failed during the storm: ${failed.map((f) => String((f as PromiseRejectedResult).reason)).slice(0, 3).join('; ')}`);

  // The server had the client's text at every checkpoint and at the end.
  for (const cp of checkpoints) {
    assert.deepEqual(await cp.answer, expected(index, cp.text, cp.version).symbols, `document symbols at version ${cp.version}`);
  }
  const want = expected(index, text, final);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols, want.symbols, 'document symbols of the final text');
  const lens = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(lens, [want.lens], 'the code lens of the final text');
  assert.deepEqual(last.diagnostics, want.diagnostics, 'the diagnostics of the last version are those of the final text');

  // Diagnostics were published in version order, each valid for the text of its version, the last for the last version.
  const published: PublishDiagnosticsParams[] = client.diagnostics.get(uri) ?? [];
  const versions = published.map((p) => p.version!);
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `published out of order: ${versions.join(',')}`);
  for (const p of published) {
    const problem = rangesValid(texts.get(p.version!)!, p.diagnostics);
    assert.equal(problem, undefined, `diagnostics of version ${p.version}: ${problem}`);
  }
  await client.request('verbatim/status'); // a round trip: anything the server had queued has been sent by now
  assert.equal(client.diagnostics.get(uri)!.at(-1)!.version, final, 'the last diagnostics published belong to the last version');

  // Memory: after the storm and a forced collection, back near the level before it.
  const after = await server.settle();
  const rssGrowth = after.vmRss - before.vmRss;
  const heapGrowth = after.heapUsed - before.heapUsed;
  t.diagnostic(
    `seed ${SEED}: ${EDITS} notifications, ${changes} changes (${kinds.insert} inserts, ${kinds.delete} deletes, ${kinds.replace} replacements), ` +
      `${requests.length} requests and ${checkpoints.length} checkpoints mixed in; final text ${text.length} UTF-16 units in ${lineStarts(text).length} lines`,
  );
  t.diagnostic(`${crlfJoins} edits joined a CR and an LF across their boundary into one line break`);
  t.diagnostic(
    `sent in ${sentMs.toFixed(0)} ms; diagnostics of the last version after ${doneMs.toFixed(0)} ms; ` +
      `${published.length} diagnostics published along the way (the last for versions ${versions.slice(-4).join(', ')})`,
  );
  t.diagnostic(
    `server RSS: before ${mb(before.vmRss)}, peak ${mb(peak)}, after ${mb(after.vmRss)} (${rssGrowth >= 0 ? '+' : ''}${mb(rssGrowth)}); ` +
      `heap used: before ${mb(before.heapUsed)}, after ${mb(after.heapUsed)} (${heapGrowth >= 0 ? '+' : ''}${mb(heapGrowth)})`,
  );
  // The heap after a full collection is the leak measure: what the storm left reachable. RSS also holds memory V8 and
  // the allocator keep for reuse, so its tolerance is wider; both are far below what keeping every version would cost.
  assert.ok(heapGrowth < Math.max(8 * 1024 * 1024, before.heapUsed * 0.25), `the heap grew by ${mb(heapGrowth)} over the storm`);
  assert.ok(rssGrowth < Math.max(64 * 1024 * 1024, before.vmRss * 0.5), `RSS grew by ${mb(rssGrowth)} over the storm`);
});
