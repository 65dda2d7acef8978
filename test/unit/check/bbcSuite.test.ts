// The generated suite on real quotes from the BBC set (a fixed-seed sample; the whole set runs with
// `node --import tsx scripts/check-eval.ts`). Floors: ≥ 99 % of incorrect variants reported with the right
// code; ≤ 0.5 % of correct variants reported at warning level or above. Skipped when the set is absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BBC_DIR, bbcAvailable, buildSuite, describeFailure, formatReport, loadBbc, runSuite } from './support/bbcSuite';

const SAMPLE = Number(process.env.VERBATIM_BBC_SAMPLE) || 400;

test(`generated suite: ${SAMPLE} BBC statement quotes, correct and incorrect variants`, { timeout: 180_000 }, async (t) => {
  if (!bbcAvailable()) return t.skip(`the BBC set is not at ${BBC_DIR}: the generated suite is skipped`);
  const index = await loadBbc();
  const suite = buildSuite(index, { seed: 20211207, sample: SAMPLE });
  const report = runSuite(index, suite.cases);
  report.quotes = suite.quotes;
  report.skipped = suite.skipped;
  for (const line of formatReport(report).split('\n')) t.diagnostic(line);
  for (const f of report.failures.slice(0, 5)) t.diagnostic(describeFailure(f));
  assert.ok(report.incorrect.total >= 1000 && report.correct.total >= 1000, 'enough cases');
  assert.ok(report.incorrect.ok / report.incorrect.total >= 0.99, `incorrect variants detected: ${report.incorrect.ok}/${report.incorrect.total}`);
  assert.ok((report.correct.total - report.correct.ok) / report.correct.total <= 0.005, `correct variants flagged: ${report.correct.total - report.correct.ok}/${report.correct.total}`);
});
