// Diagnostics over the real server: each finding's code, range, message and related source location; quick fixes
// carrying the diagnostic; debounced updates that never show a stale version; settings taking effect without a restart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { FIXTURES, TestClient, uriOf } from './helpers/lspClient';
import { expectedCheck, indexOf } from './helpers/expected';
import type { SourceIndex } from '../../server/src/core/index/sourceIndex';

const WS = join(FIXTURES, 'workspace');
const SUMMIT = join(WS, 'drafts', 'summit.md');
const SUMMIT_TEXT = readFileSync(SUMMIT, 'utf8');

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

for (const transport of ['stdio', 'ipc'] as const) {
  describe(`diagnostics over ${transport}`, () => {
    let client: TestClient;
    let index: SourceIndex;
    before(async () => {
      index = await indexOf(join(WS, 'sources'));
      ({ client } = await TestClient.ready({ transport, workspace: WS }));
    });
    after(() => client?.stop());

    test('each finding of the checker is a diagnostic with its code, range, severity and source location', async () => {
      const uri = uriOf(SUMMIT);
      client.open(uri, SUMMIT_TEXT);
      const published = await client.diagnosticsFor(uri, 1);
      const expected = expectedCheck(index, SUMMIT_TEXT);
      assert.equal(published.diagnostics.length, expected.findings.length, JSON.stringify(published.diagnostics, null, 1));
      expected.findings.forEach((f, i) => {
        const d = published.diagnostics[i];
        assert.equal(d.code, f.code);
        assert.equal(d.source, 'verbatim');
        assert.equal(d.severity, SEVERITY[f.severity] ?? d.severity);
        assert.deepEqual(d.range, { start: expected.doc.positionAt(f.span.start), end: expected.doc.positionAt(f.span.end) });
        assert.ok(d.message.startsWith(f.message), d.message);
        if (f.source) {
          assert.equal(d.relatedInformation?.length, 1);
          assert.match(d.relatedInformation![0].location.uri, /^file:\/\//);
        }
      });
    });

    test('quick fixes are the findings\' fixes, each with its diagnostic attached', async () => {
      const uri = uriOf(SUMMIT);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      const expected = expectedCheck(index, SUMMIT_TEXT);
      for (const [i, d] of diagnostics.entries()) {
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: d.range,
          context: { diagnostics: [d], only: ['quickfix'] },
        });
        const fixes = expected.findings[i].fixes;
        const mine = actions.filter((a) => a.diagnostics?.some((x) => x.code === d.code && JSON.stringify(x.range) === JSON.stringify(d.range)));
        assert.equal(mine.length, fixes.length, `${d.code}: ${JSON.stringify(actions)}`);
        fixes.forEach((fix, j) => {
          assert.equal(mine[j].title, fix.title);
          assert.equal(mine[j].kind, 'quickfix');
          assert.deepEqual(mine[j].diagnostics, [d]);
          const edits = mine[j].edit!.changes![uri];
          assert.deepEqual(edits, [{ range: { start: expected.doc.positionAt(fix.span.start), end: expected.doc.positionAt(fix.span.end) }, newText: fix.newText }]);
        });
      }
    });

    test('the checker\'s findings on the committed draft: misquote, wrong speaker, unverified quote, unknown source', async () => {
      const uri = uriOf(SUMMIT);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      const at = (d: Diagnostic) => SUMMIT_TEXT.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
      const byCode = (code: string) => diagnostics.filter((d) => d.code === code);
      assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.severity]), [
        // Severities as the checker judges them (the settings default to 'default'): a changed word and a wrong
        // speaker are warnings; only a flipped meaning (negation, number, date, name) is an error.
        ['misquote', 6, 2],
        ['wrong-speaker', 8, 2],
        ['unverified-quote', 10, 2],
        ['unknown-source', 10, 2],
      ]);
      assert.match(at(byCode('misquote')[0]), /^the overwhelming message is the West cannot bow to pressure/);
      assert.equal(at(byCode('wrong-speaker')[0]), 'Antony Blinken');
      assert.match(at(byCode('unverified-quote')[0]), /^We will defend every inch/);
      assert.match(at(byCode('unknown-source')[0]), /^@?no-such-source$/);
      assert.match(byCode('wrong-speaker')[0].message, /Dmitry Peskov/);
      assert.match(byCode('misquote')[0].relatedInformation![0].location.uri, /corpus\/bne-2021-12-07-putin-biden-summit\.txt$/);
      assert.ok(!diagnostics.some((d) => d.range.start.line === 2 || d.range.start.line === 4), 'the verified Peskov and Blinken quotes are not flagged');
      const misquote = byCode('misquote')[0];
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: misquote.range,
        context: { diagnostics: [misquote] },
      });
      const edit = actions[0]?.edit?.changes?.[uri]?.[0];
      assert.ok(edit && /bullying/.test(edit.newText), `the fix restores the source's wording: ${JSON.stringify(actions)}`);
      const speaker = byCode('wrong-speaker')[0];
      const fix = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: speaker.range, context: { diagnostics: [speaker] } });
      assert.equal(fix[0].edit?.changes?.[uri]?.[0].newText, 'Dmitry Peskov');
      // Applying the fixes clears those findings.
      const lines = SUMMIT_TEXT.split('\n');
      const apply = (l: string, e: { range: Diagnostic['range']; newText: string }) => l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
      lines[8] = apply(lines[8], fix[0].edit!.changes![uri][0]);
      lines[6] = apply(lines[6], edit);
      const fixedUri = uriOf(join(WS, 'drafts', 'fixed.md'));
      client.open(fixedUri, lines.join('\n'));
      const fixed = await client.diagnosticsFor(fixedUri, 1);
      assert.deepEqual(fixed.diagnostics.map((d) => d.code), ['unverified-quote', 'unknown-source']);
    });

    test('ranges are right in UTF-16 with CRLF line endings and emoji before a quotation', async () => {
      const uri = uriOf(join(WS, 'drafts', 'crlf.md'));
      const text = '# 🇺🇦 Notes 😀\r\n\r\n😀😀 Tim Ash wrote that “the overwhelming message is the West cannot bow to pressure from Putin, and we need to stand by Ukraine, not sell it down the river.”\r\n';
      client.open(uri, text);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      const expected = expectedCheck(index, text);
      assert.equal(diagnostics.length, expected.findings.length);
      for (const [i, d] of diagnostics.entries()) {
        const f = expected.findings[i];
        const line = text.split('\r\n')[d.range.start.line];
        assert.equal(line.slice(d.range.start.character, d.range.end.character), text.slice(f.span.start, f.span.end));
      }
      const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 40 } });
      assert.ok(hover, 'hover on the quotation after emoji');
    });

    test('edits are debounced and only the current version is published', async () => {
      const uri = uriOf(join(WS, 'drafts', 'storm.md'));
      let text = 'Peskov said “It is a self-sufficient platform.”\n';
      client.open(uri, text);
      await client.diagnosticsFor(uri, 1);
      for (let v = 2; v <= 30; v++) {
        const line = `Line ${v}: “words typed quickly ${v} times over”\n`;
        client.change(uri, v, [{ range: { start: { line: v - 1, character: 0 }, end: { line: v - 1, character: 0 } }, text: line }]);
        text += line;
      }
      const last = await client.diagnosticsFor(uri, 30);
      const versions = client.diagnostics.get(uri)!.map((d) => d.version!);
      assert.deepEqual([...versions].sort((a, b) => a - b), versions, `published in order: ${versions}`);
      assert.ok(versions.length < 30, `debounced: ${versions.length} publications for 30 versions`);
      const expected = expectedCheck(index, text);
      assert.equal(last.diagnostics.length, expected.findings.filter((f) => f.severity).length);
    });

    test('a severity set to off removes those diagnostics without a restart; closing clears them', async () => {
      const uri = uriOf(join(WS, 'drafts', 'severity.md'));
      const text = '“A quotation that no source has ever held in any form at all,” she said. [@missing-key]\n';
      client.open(uri, text);
      const first = await client.diagnosticsFor(uri, 1);
      client.settings = { severity: { unverifiedQuote: 'off', unknownSource: 'off' } };
      const before = client.diagnostics.get(uri)!.length;
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const next = await client.waitFor(() => client.diagnostics.get(uri)!.slice(before).at(-1), 'diagnostics after the settings change');
      assert.ok(!next.diagnostics.some((d) => d.code === 'unverified-quote' || d.code === 'unknown-source'), JSON.stringify(next));
      assert.ok(next.diagnostics.length <= first.diagnostics.length);
      client.settings = {};
      client.close(uri);
      await client.waitFor(() => client.diagnostics.get(uri)!.at(-1)!.diagnostics.length === 0 && client.diagnostics.get(uri)!.length > before + 1, 'cleared on close');
    });
  });
}
