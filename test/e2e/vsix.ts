// The packaged extension for the end-to-end tests: verbatim.vsix at the repo root (what `npm run package` makes), packed
// again when it is missing or older than what goes into it, and checked with scripts/package-check.ts before use.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readVsix, vsixProblems } from '../../scripts/package-check';
import { ROOT } from './env';

export const VSIX = join(ROOT, 'verbatim.vsix');

function inputs(): string[] {
  const files = ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'package.json', 'README.md', 'LICENSE', '.vscodeignore'];
  for (const dir of ['corpus', 'syntaxes']) for (const f of readdirSync(join(ROOT, dir))) files.push(join(dir, f));
  return files.map((f) => join(ROOT, f));
}

/** Path of an up-to-date, checked verbatim.vsix; packs one (about 15 s) when needed. */
export function packagedVsix(): string {
  for (const b of ['client', 'server', 'cli']) {
    if (!existsSync(join(ROOT, 'dist', `${b}.js`))) throw new Error(`dist/${b}.js is missing: run npm run build`);
  }
  const newest = Math.max(...inputs().map((f) => statSync(f).mtimeMs));
  if (!existsSync(VSIX) || statSync(VSIX).mtimeMs < newest) {
    // Packed beside it and renamed into place, so a concurrent reader never sees half a file.
    const out = join(ROOT, `.verbatim-${process.pid}.vsix`);
    try {
      const res = spawnSync(join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', out], {
        cwd: ROOT, encoding: 'utf8', timeout: 150_000,
      });
      if (res.status !== 0) throw new Error(`vsce package failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
      renameSync(out, VSIX);
    } finally {
      rmSync(out, { force: true });
    }
  }
  const problems = vsixProblems(readVsix(VSIX));
  if (problems.length) throw new Error(`${VSIX} is not a right package:\n${problems.join('\n')}`);
  return VSIX;
}
