// Hand-written drafts (test/fixtures/drafts/*.md) checked against hand-made sources (sources.json, speakers
// controlled by the test) and the bundled article, compared with <name>.expected.json: each finding's code,
// severity, 1-based line, the draft text it points at and its first fix. Every fix, applied, must remove its
// finding and change no other. VERBATIM_UPDATE_FIXTURES=1 rewrites the expected files (review the diff!).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkDraft } from '../../../server/src/core/check/checkDraft';
import type { CheckResult, Finding } from '../../../server/src/core/check/types';
import { LineIndex } from '../../../server/src/core/text/lineIndex';
import { FIXTURES, fixtureIndex } from './support/handSources';

interface Expected {
  code: string;
  severity: string;
  line: number;
  text: string;
  fix?: string;
}

const index = fixtureIndex();

function summarize(draft: string, r: CheckResult): Expected[] {
  const lines = new LineIndex(draft);
  return r.findings.map((f: Finding) => ({
    code: f.code,
    severity: f.severity,
    line: lines.positionAt(f.span.start).line + 1,
    text: draft.slice(f.span.start, f.span.end),
    ...(f.fixes.length ? { fix: f.fixes[0].newText } : {}),
  }));
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

for (const name of readdirSync(FIXTURES).filter((n) => n.endsWith('.md')).sort()) {
  test(`fixture ${name}`, () => {
    const draft = readFileSync(join(FIXTURES, name), 'utf8');
    const result = checkDraft(draft, index);
    const actual = summarize(draft, result);
    const expectedPath = join(FIXTURES, name.replace(/\.md$/, '.expected.json'));
    if (process.env.VERBATIM_UPDATE_FIXTURES || !existsSync(expectedPath)) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Expected[];
    assert.deepEqual(actual, expected);

    // Every fix repairs its quotation and only it.
    for (const f of result.findings) {
      const q = result.quotations.find((x) => overlaps(x.outer, f.span) || (x.attributedTo && overlaps(x.attributedTo.span, f.span)) || (x.citation && overlaps(x.citation.span, f.span)));
      for (const fix of f.fixes) {
        const fixed = draft.slice(0, fix.span.start) + fix.newText + draft.slice(fix.span.end);
        const again = checkDraft(fixed, index);
        const shift = fix.newText.length - (fix.span.end - fix.span.start);
        const moved = (s: { start: number; end: number }) => (s.start >= fix.span.end ? { start: s.start + shift, end: s.end + shift } : s);
        const regions = q ? [q.outer, q.attributedTo?.span, q.citation?.span].filter((s): s is { start: number; end: number } => !!s) : [f.span];
        const zone = regions.map((s) => ({ start: Math.min(moved(s).start, fix.span.start), end: Math.max(moved(s).end, fix.span.start + fix.newText.length) }));
        const left = again.findings.filter((x) => x.code === f.code && zone.some((z) => overlaps(x.span, z)));
        assert.deepEqual(left.map((x) => `${x.code}: ${x.message}`), [], `after "${fix.title}" for ${f.code} at line ${new LineIndex(draft).positionAt(f.span.start).line + 1}`);
        // Nothing new appears, and every other finding stays.
        const codes = (r: CheckResult) => r.findings.map((x) => x.code).sort();
        const expectedCodes = codes(result);
        expectedCodes.splice(expectedCodes.indexOf(f.code), 1);
        assert.deepEqual(codes(again), expectedCodes, `after "${fix.title}" for ${f.code}: the other findings stay`);
      }
    }
  });
}
