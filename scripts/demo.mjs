// `npm run demo`: after the build, shows what Verbatim indexed from the bundled corpus and checks the
// example draft (examples/draft.md). The draft has findings on purpose, so `verbatim check` exits 1;
// the demo succeeds when the check ran (exit 0 or 1) and fails when it could not (exit 2 or worse).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = (args) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, encoding: 'utf8' });

const quotes = cli(['quotes']);
if (quotes.status !== 0) {
  process.stderr.write(quotes.stderr);
  console.error(`demo: "verbatim quotes" failed (exit ${quotes.status})`);
  process.exit(1);
}
const lines = quotes.stdout.trimEnd().split('\n');
const speakers = lines.filter((l) => /^\S.*\(\d+\)$/.test(l));
console.log('$ verbatim quotes   (summary)');
console.log(`  ${lines[lines.length - 1]}, by ${speakers.length} speakers and groups:`);
for (const s of speakers) console.log(`    ${s}`);

console.log('\n$ verbatim check examples/draft.md');
const check = cli(['check', 'examples/draft.md']);
process.stdout.write(check.stdout);
process.stdout.write(check.stderr.split('\n').filter((l) => !/: information: /.test(l)).join('\n'));
if (check.status === 1) {
  console.log('\ndemo: exit status 1 is expected here — the example draft misquotes on purpose (one of each finding).');
  console.log('demo: try `node dist/cli.js check --format json examples/draft.md` for ranges, sources and fixes.');
  process.exit(0);
}
if (check.status === 0) {
  console.log('\ndemo: the check found nothing (the example draft is meant to show one of each finding).');
  process.exit(0);
}
console.error(`demo: "verbatim check" failed (exit ${check.status})`);
process.exit(1);
