// Definition, references, document and workspace symbols, and the code lens, as a writer sees them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, DocumentSymbol, Location, SymbolInformation } from 'vscode-languageserver-protocol';
import { FIXTURES, TestClient, positionOf, uriOf } from './helpers/lspClient';
import { expectedCheck, indexOf } from './helpers/expected';
import type { SourceIndex } from '../../server/src/core/index/sourceIndex';

const WS = join(FIXTURES, 'workspace');
const SUMMIT = join(WS, 'drafts', 'summit.md');
const SUMMIT_TEXT = readFileSync(SUMMIT, 'utf8');
const CORPUS = readFileSync(join(__dirname, '..', '..', 'corpus', 'bne-2021-12-07-putin-biden-summit.txt'), 'utf8');

function textAt(text: string, range: Location['range']): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
}

describe('navigation', () => {
  let client: TestClient;
  let index: SourceIndex;
  const uri = uriOf(SUMMIT);
  before(async () => {
    index = await indexOf(join(WS, 'sources'));
    ({ client } = await TestClient.ready({ workspace: WS }));
    client.open(uri, SUMMIT_TEXT);
    await client.diagnosticsFor(uri, 1);
  });
  after(() => client?.stop());

  test('go to definition on a quotation opens the source at the quoted words', async () => {
    const locs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(SUMMIT_TEXT, 'self-sufficient') });
    assert.equal(locs.length, 1);
    assert.match(locs[0].uri, /corpus\/bne-2021-12-07-putin-biden-summit\.txt$/);
    assert.equal(locs[0].range.start.line, 88);
    assert.match(textAt(CORPUS, locs[0].range), /^is unlikely to receive such an offer from President Putin\. It is a self-sufficient platform/);
  });

  test('go to definition on a citation key opens its source; on an entity, its first mention', async () => {
    const locs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(SUMMIT_TEXT, '@bne-2021', 3) });
    assert.match(locs[0].uri, /bne-2021-12-07-putin-biden-summit\.txt$/);
    const peskov = index.entities().find((e) => e.name === 'Dmitry Peskov');
    if (!peskov) return;
    const ent = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(SUMMIT_TEXT, 'Dmitry Peskov said', 3) });
    assert.equal(ent.length, 1);
    assert.match(textAt(CORPUS, ent[0].range), /Peskov/);
  });

  test('find references on a quotation lists every draft that quotes the same passage', async () => {
    const locs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(SUMMIT_TEXT, 'such an offer'),
      context: { includeDeclaration: false },
    });
    const files = locs.map((l) => l.uri.split('/').pop()).sort();
    assert.deepEqual(files, ['followup.txt', 'summit.md']);
    const followup = readFileSync(join(WS, 'drafts', 'followup.txt'), 'utf8');
    const there = locs.find((l) => l.uri.endsWith('followup.txt'))!;
    assert.match(textAt(followup, there.range), /^is unlikely to receive such an offer/);
    const withDecl = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri },
      position: positionOf(SUMMIT_TEXT, 'such an offer'),
      context: { includeDeclaration: true },
    });
    assert.equal(withDecl.length, 3);
    assert.ok(withDecl.some((l) => l.uri.endsWith('bne-2021-12-07-putin-biden-summit.txt')));
  });

  test('document symbols: the draft\'s quotations grouped by speaker, with their status', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const expected = expectedCheck(index, SUMMIT_TEXT);
    const total = symbols.reduce((n, s) => n + (s.children?.length ?? 0), 0);
    assert.equal(total, expected.quotations.length);
    const peskov = symbols.find((s) => s.name === 'Dmitry Peskov');
    assert.ok(peskov, JSON.stringify(symbols.map((s) => s.name)));
    assert.match(peskov.children![0].name, /^“is unlikely to receive/);
    for (const s of symbols) for (const c of s.children!) assert.ok(['verified', 'misquoted', 'wrong speaker', 'unverified', 'short, not checked'].includes(c.detail!), c.detail);
    const names = symbols.map((s) => s.name);
    assert.equal(new Set(names).size, names.length, 'one group a speaker');
  });

  test('workspace symbols: source quotes searched by their words or their speaker', async () => {
    const byWords = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'self-sufficient platform' });
    assert.equal(byWords.length, 1);
    assert.match(byWords[0].name, /“is unlikely to receive such an offer/);
    assert.match(byWords[0].location.uri, /bne-2021-12-07-putin-biden-summit\.txt$/);
    const speakerQuotes = index.quotes().filter((q) => q.speaker === 'Olena Kovalenko');
    const bySpeaker = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'kovalenko' });
    if (speakerQuotes.length) {
      assert.equal(bySpeaker.length, speakerQuotes.length);
      for (const s of bySpeaker) assert.match(s.name, /^Olena Kovalenko: “/);
    }
    const none = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'zzzz qqqq' });
    assert.deepEqual(none, []);
  });

  test('the code lens at the top counts quotations, verified, misquoted and unverified', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    assert.deepEqual(lenses[0].range.start, { line: 0, character: 0 });
    const q = expectedCheck(index, SUMMIT_TEXT).quotations;
    const count = (s: string) => q.filter((x) => x.status === s).length;
    const title = lenses[0].command!.title;
    assert.ok(title.startsWith(`${q.length} quotations · ${count('verified')} verified · ${count('misquote')} misquoted`), title);
    assert.ok(title.endsWith(`${count('unverified')} unverified`), title);
    if (q.length) assert.equal(title, '5 quotations · 2 verified · 1 misquoted · 1 wrong speaker · 1 unverified');
  });
});
