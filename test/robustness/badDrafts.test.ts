// Bad drafts (issue 7) through `verbatim check --format json`: CRLF line endings, emoji and other astral characters
// before a quotation (ranges must stay right in UTF-16), a 2,000-character line, a 1 MB draft, unbalanced and nested
// quote marks, an empty document. The checker must not crash (exit 0 or 1, never 2 or 3), the JSON must parse and
// every range must point into the draft where the quotation is. properties.test.ts fuzzes checkDraft itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../../server/src/core/text/lineIndex';
import { cli, tempDir } from './support/helpers';

// A sentence of the bundled article (Biden, in the White House readout) and a misquote of it.
const VERBATIM = 'President Biden reiterated his support for Ukraine’s sovereignty and territorial integrity and called for de-escalation and a return to diplomacy.';
const MISQUOTE = VERBATIM.replace('territorial integrity', 'territorial unity');

interface Row {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  severity: string;
  fixes?: { range: Row['range']; newText: string }[];
}

async function check(name: string, text: string) {
  const dir = tempDir();
  writeFileSync(join(dir, name), text);
  const started = Date.now();
  const r = await cli(['check', '--format', 'json', name], dir);
  const ms = Date.now() - started;
  assert.ok(r.code === 0 || r.code === 1, `${name}: exit ${r.code}: ${r.stderr}`);
  const rows = JSON.parse(r.stdout) as Row[];
  const lines = new LineIndex(text);
  for (const row of rows)
    for (const range of [row.range, ...(row.fixes ?? []).map((f) => f.range)]) {
      const start = lines.offsetAt(range.start);
      const end = lines.offsetAt(range.end);
      assert.deepEqual(lines.positionAt(start), range.start, `${name}: ${JSON.stringify(range.start)} is a real position in the draft`);
      assert.deepEqual(lines.positionAt(end), range.end, `${name}: ${JSON.stringify(range.end)} is a real position in the draft`);
    }
  return { ...r, rows, ms, lines };
}

/** The finding for the misquote must cover the quotation's words: `start` and `end` are UTF-16 offsets in the text. */
function assertCovers(r: Awaited<ReturnType<typeof check>>, start: number, end: number, what: string) {
  const spans = r.rows.filter((x) => x.code === 'misquote').map((x) => [r.lines.offsetAt(x.range.start), r.lines.offsetAt(x.range.end)]);
  assert.ok(
    spans.some(([s, e]) => start <= s && e <= end && s < e),
    `${what}: a misquote finding lies in the quotation [${start}, ${end}); found ${JSON.stringify(r.rows.map((x) => [x.code, x.range]))}`,
  );
}

test('an empty draft: exit 0 and an empty list', async () => {
  const r = await check('empty.md', '');
  assert.equal(r.code, 0);
  assert.deepEqual(r.rows, []);
});

test('emoji, flags and other astral characters before a quotation: the range counts UTF-16 units', async () => {
  const prefix = 'Notes 😀🎙️ 𝒜𝒷 🇺🇦 👩‍👩‍👧: ';
  const text = `${prefix}“${MISQUOTE}” 🙂\n`;
  const r = await check('emoji.md', text);
  assert.equal(r.code, 1);
  assertCovers(r, prefix.length, prefix.length + MISQUOTE.length + 2, 'emoji');
  const row = r.rows.find((x) => x.code === 'misquote')!;
  assert.ok(row.range.start.character >= prefix.length, `character ${row.range.start.character} counts UTF-16 units (${prefix.length}), not code points (${[...prefix].length})`);
});

test('CRLF line endings: lines and characters as LSP counts them (the \\r belongs to the line break)', async () => {
  const head = 'Title\r\n\r\nFirst paragraph.\r\n\r\nThe readout said: ';
  const text = `${head}“${MISQUOTE}”\r\nLast line.\r\n`;
  const r = await check('crlf.md', text);
  assert.equal(r.code, 1);
  assertCovers(r, head.length, head.length + MISQUOTE.length + 2, 'crlf');
  assert.equal(r.rows.find((x) => x.code === 'misquote')!.range.start.line, 4);
});

test('a 2,000-character line with quotations along it', async () => {
  const piece = `and then “${VERBATIM}” and `;
  const line = piece.repeat(Math.ceil(2000 / piece.length)).slice(0, 2000 - 20).padEnd(2000, 'x');
  assert.equal(line.length, 2000);
  const whole = piece.repeat(Math.floor(2000 / piece.length)).padEnd(2000, 'y');
  const text = `${line}\n\n${whole}\n\n“${MISQUOTE}”\n`;
  const r = await check('long-line.md', text);
  assert.equal(r.code, 1);
  assertCovers(r, text.lastIndexOf('“'), text.length - 1, 'after the long lines');
});

test('unbalanced and nested quote marks do not crash the checker or swallow the rest of the draft', async () => {
  const text = [
    '“Never closed, and the paragraph goes on',
    '',
    '” a stray closing mark “ “ ” ‘ ’’ « » and an inch mark 5" and ‘single’.',
    '',
    `“Outer ‘nested “${VERBATIM}” inner’ outer.”`,
    '',
    `Finally: “${MISQUOTE}”`,
    '',
  ].join('\n');
  const r = await check('marks.md', text);
  const last = text.lastIndexOf('“');
  assertCovers(r, last, text.length, 'the last paragraph is still checked');
});

test('a 1 MB draft is checked in bounded time', async (t) => {
  const para = `The readout said: “${MISQUOTE}” Some more prose follows here, and a figure of 2021.\n\n`;
  const text = para.repeat(Math.ceil((1 << 20) / para.length));
  const r = await check('big.md', text);
  t.diagnostic(`${text.length} characters, ${r.rows.length} findings, ${r.ms} ms`);
  assert.equal(r.code, 1);
  assert.equal(r.rows.filter((x) => x.code === 'misquote').length, Math.ceil((1 << 20) / para.length), 'every misquote is found');
  assert.ok(r.ms < 60_000, `checking 1 MB took ${r.ms} ms`);
});
