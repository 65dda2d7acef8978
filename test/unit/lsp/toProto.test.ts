// toProto: core results (offsets, findings, quotations) to what LSP clients show.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import type { DraftQuotation, Finding } from '../../../server/src/core/check/types';
import {
  codeLensTitle,
  countQuotations,
  documentSymbols,
  insertTextFor,
  paragraphAround,
  preferredMarks,
  toCodeActions,
  toDiagnostic,
  toRange,
  toUri,
} from '../../../server/src/lsp/toProto';
import { DEFAULT_SETTINGS, parseSettings } from '../../../server/src/settings';

const SOURCE = `---
id: src-1
title: A source
---
First paragraph.

Ash said "we need to stand by Ukraine" in a note.

Last.
`;

function setup() {
  const index = new SourceIndex();
  index.upsert(analyzeSource('/tmp/sources/src-1.md', SOURCE));
  return { index, source: index.sourceById('src-1')! };
}

test('ranges are UTF-16 and survive CRLF and characters outside the BMP', () => {
  const text = '😀 “a” \r\n🇺🇦 “quoted words”';
  const doc = TextDocument.create('file:///d.md', 'markdown', 1, text);
  const start = text.indexOf('quoted');
  assert.deepEqual(toRange(doc, { start, end: start + 6 }), { start: { line: 1, character: 6 }, end: { line: 1, character: 12 } });
});

test('source paths become file URIs; URIs pass through', () => {
  assert.equal(toUri('/tmp/a b/c.md'), 'file:///tmp/a%20b/c.md');
  assert.equal(toUri('untitled:Untitled-1'), 'untitled:Untitled-1');
});

test('a finding becomes a diagnostic with its code, severity from the settings, source location; off removes it', () => {
  const { index, source } = setup();
  const text = 'Ash said “we need to stand by Russia”.';
  const doc = TextDocument.create('file:///d.md', 'markdown', 1, text);
  const qStart = source.text.indexOf('we need');
  const finding: Finding = {
    code: 'misquote',
    severity: 'warning',
    message: 'Misquote of Ash: the source has “Ukraine” where the draft has “Russia”.',
    span: { start: 10, end: 36 },
    difference: { source: 'we need to stand by Ukraine', draft: 'we need to stand by Russia' },
    source: { path: source.path, sourceId: 'src-1', speaker: 'Ash', span: { start: qStart, end: qStart + 27 } },
    fixes: [{ title: 'Restore the source wording', span: { start: 30, end: 36 }, newText: 'Ukraine' }],
  };
  const d = toDiagnostic(doc, finding, index, DEFAULT_SETTINGS)!;
  assert.equal(d.code, 'misquote');
  assert.equal(d.severity, 2, "verbatim.severity.misquote defaults to the checker's own judgement (a warning here)");
  const forced = toDiagnostic(doc, finding, index, { ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity, misquote: 'error' } })!;
  assert.equal(forced.severity, 1, 'a severity setting overrides the judgement');
  assert.equal(d.source, 'verbatim');
  assert.deepEqual(d.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 36 } });
  assert.match(d.message, /^Misquote of Ash.*\nsource: “we need to stand by Ukraine”\ndraft: {2}“we need to stand by Russia”$/s);
  assert.equal(d.relatedInformation![0].location.uri, 'file:///tmp/sources/src-1.md');
  assert.deepEqual(d.relatedInformation![0].location.range.start, { line: 6, character: 10 });
  assert.match(d.relatedInformation![0].message, /^Ash in A source: “we need to stand by Ukraine”$/);
  const hint = toDiagnostic(doc, finding, index, parseSettings({ severity: { misquote: 'hint' } }).settings)!;
  assert.equal(hint.severity, 4);
  assert.equal(toDiagnostic(doc, finding, index, parseSettings({ severity: { misquote: 'off' } }).settings), undefined);
  const [action] = toCodeActions('file:///d.md', doc, finding, d);
  assert.equal(action.title, 'Restore the source wording');
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.isPreferred, true);
  assert.deepEqual(action.diagnostics, [d]);
  assert.deepEqual(action.edit!.changes!['file:///d.md'], [{ range: { start: { line: 0, character: 30 }, end: { line: 0, character: 36 } }, newText: 'Ukraine' }]);
});

test('a diagnostic’s source passage follows the source when it is indexed again (what is remembered per source is not stale)', () => {
  const { index, source } = setup();
  const doc = TextDocument.create('file:///d.md', 'markdown', 1, 'Ash said “we need to stand by Russia”.');
  const at = source.text.indexOf('we need');
  const finding = (path: string): Finding => ({
    code: 'misquote',
    severity: 'warning',
    message: 'Misquote of Ash.',
    span: { start: 10, end: 36 },
    source: { path, sourceId: 'src-1', speaker: 'Ash', span: { start: at, end: at + 27 } },
    fixes: [],
  });
  const before = toDiagnostic(doc, finding(source.path), index, DEFAULT_SETTINGS)!.relatedInformation![0];
  assert.match(before.message, /^Ash in A source: “we need to stand by Ukraine”$/);
  // The same path, a new title and other words at the same offsets, one line further down.
  index.upsert(analyzeSource(source.path, SOURCE.replace('title: A source', 'title: Renamed').replace('First paragraph.', 'First paragraph.\n').replace('we need to stand by Ukraine', 'we need to stand by Georgia')));
  const after = toDiagnostic(doc, finding(source.path), index, DEFAULT_SETTINGS)!.relatedInformation![0];
  assert.equal(after.location.uri, 'file:///tmp/sources/src-1.md');
  assert.equal(after.location.range.start.line, before.location.range.start.line + 1);
  assert.match(after.message, /^Ash in Renamed: “/);
  // A passage at other offsets, and another speaker, are other passages.
  const other = toDiagnostic(doc, { ...finding(source.path), source: { path: source.path, sourceId: 'src-1', speaker: null, span: { start: at + 3, end: at + 27 } } }, index, DEFAULT_SETTINGS)!;
  assert.match(other.relatedInformation![0].message, /^Source in Renamed: “/);
});

test('the paragraph around a source passage, with the passage marked', () => {
  const { source } = setup();
  const at = source.text.indexOf('we need');
  const p = paragraphAround(source, { start: at, end: at + 27 });
  assert.equal(p.text, 'Ash said "we need to stand by Ukraine" in a note.');
  assert.equal(p.text.slice(p.marked.start, p.marked.end), 'we need to stand by Ukraine');
  const long = { ...source, text: 'x'.repeat(3000) + ' target ' + 'y'.repeat(3000), bodyStart: 0 };
  const clipped = paragraphAround(long, { start: 3001, end: 3007 }, 100);
  assert.ok(clipped.text.length <= 102 && clipped.text.startsWith('…') && clipped.text.endsWith('…'), clipped.text);
  assert.equal(clipped.text.slice(clipped.marked.start, clipped.marked.end), 'target');
});

test('code lens counts and document symbols by speaker', () => {
  const q = (status: DraftQuotation['status'], start: number, name?: string): DraftQuotation => ({
    text: 'words',
    span: { start: start + 1, end: start + 6 },
    outer: { start, end: start + 7 },
    status,
    attributedTo: name ? { name, span: { start: 0, end: 1 } } : undefined,
  });
  const list = [q('verified', 0, 'Ash'), q('misquote', 10, 'Tim Ash'), q('unverified', 20), q('wrong-speaker', 30, 'Blinken'), q('short', 40)];
  assert.equal(codeLensTitle(countQuotations(list)), '5 quotations · 1 verified · 1 misquoted · 1 wrong speaker · 1 unverified');
  assert.equal(codeLensTitle(countQuotations([q('verified', 0)])), '1 quotation · 1 verified · 0 misquoted · 0 unverified');
  const doc = TextDocument.create('file:///d.md', 'markdown', 1, 'x'.repeat(60));
  const symbols = documentSymbols(doc, list, (n) => (n === 'Ash' || n === 'Tim Ash' ? 'Tim Ash' : undefined));
  assert.deepEqual(symbols.map((s) => [s.name, s.children!.map((c) => c.detail)]), [
    ['Tim Ash', ['verified', 'misquoted']],
    ['Unattributed', ['unverified', 'short, not checked']],
    ['Blinken', ['wrong speaker']],
  ]);
});

test('insert text keeps the source punctuation and adds the attribution and citation key', () => {
  const base = { id: 1, sourceId: 'src-1', span: { start: 0, end: 1 }, kind: 'statement' as const, paragraph: { start: 0, end: 1 } };
  assert.equal(insertTextFor({ ...base, text: 'We are not waiting,', speaker: 'Olena Kovalenko' }), '“We are not waiting,” Olena Kovalenko said [@src-1]');
  assert.equal(insertTextFor({ ...base, text: 'It is a platform.', speaker: 'Dmitry Peskov' }), 'Dmitry Peskov said: “It is a platform.” [@src-1]');
  assert.equal(insertTextFor({ ...base, text: 'red lines', speaker: null }), '“red lines” [@src-1]');
  assert.deepEqual(preferredMarks('He said "a" and "b" and “c”'), { open: '"', close: '"' });
  assert.deepEqual(preferredMarks('nothing yet'), { open: '“', close: '”' });
});
