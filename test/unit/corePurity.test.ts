// The core must stay pure (text in, plain data out) so the CLI, the server and the tests share it.
// This test fails the build when a core file imports Node built-ins, vscode, LSP or anything outside the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const CORE = join(__dirname, '..', '..', 'server', 'src', 'core');
const ALLOWED_PACKAGES = new Set(['yaml', 'fuse.js']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('server/src/core imports nothing but itself and pure packages', () => {
  const offenders: string[] = [];
  const all = files(CORE);
  assert.ok(all.length > 5, 'the core has files');
  for (const file of all) {
    const src = readFileSync(file, 'utf8');
    const specs = [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
      (m) => m[1] ?? m[2] ?? m[3],
    );
    for (const spec of specs) {
      if (spec.startsWith('.')) {
        const target = join(file, '..', spec);
        if (relative(CORE, target).startsWith('..')) offenders.push(`${relative(CORE, file)} reaches outside the core: ${spec}`);
      } else if (!ALLOWED_PACKAGES.has(spec)) offenders.push(`${relative(CORE, file)} imports "${spec}"`);
    }
    if (/\b(process|require|__dirname|Buffer)\b\s*[.(]/.test(src.replace(/\/\/.*$/gm, ''))) offenders.push(`${relative(CORE, file)} uses a Node global`);
  }
  assert.deepEqual(offenders, []);
});
