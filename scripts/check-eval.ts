// The generated check suite on the whole BBC set: every statement quote of 6+ words the index finds,
// with correct and incorrect variants; prints the detection and false-positive rates.
//   node --import tsx scripts/check-eval.ts [--sample N] [--seed S] [--failures K]
import { bbcAvailable, BBC_DIR, buildSuite, describeFailure, formatReport, loadBbc, runSuite } from '../test/unit/check/support/bbcSuite';

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  if (!bbcAvailable()) {
    console.error(`check-eval: the BBC set is not at ${BBC_DIR}; nothing to evaluate.`);
    process.exit(2);
  }
  const t0 = Date.now();
  const index = await loadBbc();
  console.log(`indexed ${index.sources.length} sources in ${Date.now() - t0} ms`);
  const sample = arg('sample') ? Number(arg('sample')) : undefined;
  const suite = buildSuite(index, { seed: arg('seed') ? Number(arg('seed')) : undefined, sample });
  const report = runSuite(index, suite.cases);
  report.quotes = suite.quotes;
  report.skipped = suite.skipped;
  console.log(formatReport(report));
  const k = Number(arg('failures') ?? 10);
  if (report.failures.length && k > 0) {
    console.log(`\nfirst ${Math.min(k, report.failures.length)} of ${report.failures.length} failures:`);
    for (const f of report.failures.slice(0, k)) console.log(describeFailure(f));
  }
  if (report.fixFailures.length && k > 0) {
    console.log(`\nfirst ${Math.min(k, report.fixFailures.length)} of ${report.fixFailures.length} drafts still flagged after their first fix:`);
    for (const f of report.fixFailures.slice(0, k)) console.log(describeFailure(f));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(3);
});
