// One esbuild script, four bundles: the VS Code client (vscode stays external), the language server and the CLI
// (both self-contained, runnable with plain node), and the analysis worker they start beside them (node/analysisPool.ts
// finds dist/analyzeWorker.js next to the running bundle).
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // External maps with no comment in the bundle: the .vsix ships no maps, so a sourceMappingURL would point nowhere.
  sourcemap: 'external',
  logLevel: 'warning',
  minifySyntax: true,
  // Some dependencies ship ESM that reads import.meta.url; give the CJS bundles a real one.
  define: { 'import.meta.url': '__verbatimImportMetaUrl' },
  inject: ['scripts/import-meta-url.js'],
  // Named only under tsx, where the analysis pool loads TypeScript workers (node/analysisPool.ts); never in a bundle.
  external: ['tsx/cjs'],
};

const bundles = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/node/analyzeWorker.ts'], outfile: 'dist/analyzeWorker.js' },
];

/** node/indexCache.ts's BUNDLE_STAMP: replaced by a hash of the bundle, so a start need not hash the bundle itself. */
const STAMP = '@@verbatim-bundle-stamp@@';

/** Builds one bundle and writes it, its stamp (same length: the source map stays right) replaced by its hash. */
async function buildStamped(b) {
  const { outputFiles } = await build({ ...common, ...b, write: false });
  for (const f of outputFiles) {
    let text = f.text;
    if (f.path.endsWith('.js') && text.includes(STAMP)) {
      const hash = createHash('sha1').update(text).digest('hex');
      text = text.replaceAll(STAMP, hash.slice(0, STAMP.length));
    }
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, text);
  }
}

if (watch) {
  const { context } = await import('esbuild');
  for (const b of bundles) await (await context({ ...common, ...b })).watch();
  console.log('esbuild: watching client, server, cli and analyzeWorker');
} else {
  await Promise.all(bundles.map(buildStamped));
  // The server and the CLI are package bins (`npx verbatim`, `verbatim-language-server`).
  for (const bin of ['dist/server.js', 'dist/cli.js']) chmodSync(bin, 0o755);
}
