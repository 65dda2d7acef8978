// The packaged extension for the end-to-end tests: verbatim.vsix at the repo root (what `npm run package` makes), or a
// fresh one when it is missing or older than what goes into it; checked with scripts/package-check.ts before use.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packStaged, readVsix, vsixProblems } from '../../scripts/package-check';
import { ROOT } from './env';

export const VSIX = join(ROOT, 'verbatim.vsix');

function inputs(): string[] {
  const files = ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'package.json', 'README.md', 'LICENSE', '.vscodeignore'];
  for (const dir of ['corpus', 'syntaxes']) for (const f of readdirSync(join(ROOT, dir))) files.push(join(dir, f));
  return files.map((f) => join(ROOT, f));
}

/**
 * An up-to-date, checked .vsix: verbatim.vsix when `npm run package` made it after the last build, else one packed now
 * the same way (from a staged copy of the repo, see packStaged: seconds instead of minutes) into dir.
 */
export function packagedVsix(dir: string): { vsix: string; packedNow: boolean } {
  for (const b of ['client', 'server', 'cli']) {
    if (!existsSync(join(ROOT, 'dist', `${b}.js`))) throw new Error(`dist/${b}.js is missing: run npm run build`);
  }
  const newest = Math.max(...inputs().map((f) => statSync(f).mtimeMs));
  const fresh = existsSync(VSIX) && statSync(VSIX).mtimeMs >= newest;
  const vsix = fresh ? VSIX : join(dir, 'verbatim.vsix');
  if (!fresh) packStaged(ROOT, vsix);
  const problems = vsixProblems(readVsix(vsix));
  if (problems.length) throw new Error(`${vsix} is not a right package:\n${problems.join('\n')}`);
  return { vsix, packedNow: !fresh };
}
