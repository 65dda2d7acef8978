// The seed article against the hand-made gold list of its quotes (test/fixtures/gold/seed-quotes.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../../../server/src/core/sources/analyze';
import { SourceIndex } from '../../../server/src/core/index/sourceIndex';

interface Gold {
  text: string;
  speaker: string | null;
  kind: 'statement' | 'fragment';
  partial?: boolean;
}

const ROOT = join(__dirname, '..', '..', '..');
const gold = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'gold', 'seed-quotes.json'), 'utf8')) as { source: string; quotes: Gold[] };

test('the seed article: every gold quote found, speakers right, no scare quote taken for a statement', (t) => {
  const path = join(ROOT, gold.source);
  const index = new SourceIndex();
  index.upsert(analyzeSource(path, readFileSync(path, 'utf8')));
  const quotes = [...index.quotes()];

  const unmatched = [...quotes];
  const rows = gold.quotes.map((g) => {
    const at = unmatched.findIndex((q) => q.text === g.text);
    const q = at >= 0 ? unmatched.splice(at, 1)[0] : undefined;
    return { g, q };
  });
  const missing = rows.filter((r) => !r.q);
  const statements = rows.filter((r) => r.g.kind === 'statement');
  const speakerRight = statements.filter((r) => r.q && r.q.speaker === r.g.speaker);
  const fragments = rows.filter((r) => r.g.kind === 'fragment');
  const scare = fragments.filter((r) => !r.g.partial);
  const scareAsStatement = scare.filter((r) => r.q?.kind === 'statement');
  const statementKindRight = statements.filter((r) => r.q?.kind === 'statement');
  const fragmentSpeakerRight = fragments.filter((r) => r.q && r.q.speaker === r.g.speaker);
  const kindRight = rows.filter((r) => r.q?.kind === r.g.kind);

  const lines = [
    `gold quotes found: ${rows.length - missing.length}/${rows.length} (span text identical)`,
    `statements: ${statements.length}; speaker right ${speakerRight.length}/${statements.length} = ${((100 * speakerRight.length) / statements.length).toFixed(1)} %`,
    `statements reported as statements: ${statementKindRight.length}/${statements.length}`,
    `scare quotes/titles/names reported as statements: ${scareAsStatement.length}/${scare.length}`,
    `kind agrees with gold: ${kindRight.length}/${rows.length}`,
    `fragments with the gold speaker (or none): ${fragmentSpeakerRight.length}/${fragments.length}`,
    `extracted quotes not in the gold list: ${unmatched.length}`,
  ];
  for (const l of lines) t.diagnostic(l);
  console.log(`[seed gold] ${lines.join('\n[seed gold] ')}`);
  for (const r of statements) if (r.q && r.q.speaker !== r.g.speaker) console.log(`[seed gold] speaker wrong: “${r.g.text.slice(0, 60)}…” gold ${r.g.speaker}, got ${r.q.speaker}`);
  for (const r of fragments) if (r.q && r.q.speaker !== r.g.speaker) console.log(`[seed gold] fragment speaker differs: “${r.g.text}” gold ${r.g.speaker}, got ${r.q.speaker}`);

  assert.deepEqual(missing.map((r) => r.g.text), [], 'every gold quote is found with its exact text');
  assert.ok(speakerRight.length / statements.length >= 0.95, `speaker accuracy ${speakerRight.length}/${statements.length} is below 95 %`);
  assert.deepEqual(scareAsStatement.map((r) => r.g.text), [], 'no scare quote, title or name is reported as a statement');
  assert.deepEqual(statements.filter((r) => r.q?.kind !== 'statement').map((r) => r.g.text), [], 'every gold statement is a statement');
  assert.deepEqual(unmatched.map((q) => q.text), [], 'nothing is extracted that is not a quote');
});

test('the seed article: quote spans point at their text in the file, inside their paragraph', () => {
  const path = join(ROOT, gold.source);
  const text = readFileSync(path, 'utf8');
  const a = analyzeSource(path, text);
  for (const q of a.quotes) {
    assert.equal(text.slice(q.span.start, q.span.end), q.text);
    assert.ok(q.paragraph.start <= q.span.start && q.span.start < q.paragraph.end, 'the paragraph holds the quote start');
    if (q.cue) assert.ok(q.cue.start < q.cue.end && q.cue.end <= text.length);
  }
});
