// One esbuild script, four bundles: the VS Code client (vscode stays external), the language server and the CLI
// (both self-contained, runnable with plain node), and the analysis worker they start beside them (node/analysisPool.ts
// finds dist/analyzeWorker.js next to the running bundle).
import { chmodSync } from 'node:fs';
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

if (watch) {
  const { context } = await import('esbuild');
  for (const b of bundles) await (await context({ ...common, ...b })).watch();
  console.log('esbuild: watching client, server, cli and analyzeWorker');
} else {
  await Promise.all(bundles.map((b) => build({ ...common, ...b })));
  // The server and the CLI are package bins (`npx verbatim`, `verbatim-language-server`).
  for (const bin of ['dist/server.js', 'dist/cli.js']) chmodSync(bin, 0o755);
}
