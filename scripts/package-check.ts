// Checks what the packaged extension (.vsix) holds: the four bundles (client, server, CLI, analysis worker), the corpus, the grammars, the manifest, README and
// LICENSE, and nothing else of the repository (no node_modules, no TypeScript sources, no tests, no source maps); the
// bundles load nothing that is not shipped; and the file stays under 1 MB.
//   node --import tsx scripts/package-check.ts [verbatim.vsix]     (npm run package:check packs first)
// Exit status: 0 when the package is right, 1 with one line per problem, 2 when the file cannot be read.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const MAX_VSIX_BYTES = 1_000_000;

/** The bundles scripts/build.mjs makes; the server and the CLI start the analysis worker from beside them. */
export const BUNDLES = ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/analyzeWorker.js'];

export interface ZipEntry {
  name: string;
  size: number; // uncompressed
  compressedSize: number;
  method: number; // 0 stored, 8 deflate
  localHeaderOffset: number;
}

/** The entries of a zip file, read from its central directory (a .vsix is a zip). */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i} at offset ${at}`);
    const nameLen = zip.readUInt16LE(at + 28);
    const extraLen = zip.readUInt16LE(at + 30);
    const commentLen = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLen),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The bytes of one entry. */
export function readZipEntry(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (zip.readUInt32LE(at) !== 0x04034b50) throw new Error(`bad local header for ${entry.name}`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
}

export interface VsixContents {
  /** Paths inside the extension folder (the "extension/" prefix removed), with their sizes. */
  files: { path: string; size: number }[];
  /** The vsix's own size in bytes. */
  bytes: number;
  /** package.json as shipped. */
  manifest: Record<string, any>;
  /** The text of the shipped JavaScript bundles (dist/*.js). */
  bundles: Record<string, string>;
}

export function readVsix(file: string): VsixContents {
  const zip = readFileSync(file);
  const entries = readZipEntries(zip);
  const ext = entries.filter((e) => e.name.startsWith('extension/') && !e.name.endsWith('/'));
  const find = (p: string) => ext.find((e) => e.name === `extension/${p}`);
  const pkg = find('package.json');
  const bundles: Record<string, string> = {};
  for (const e of ext) {
    if (/^extension\/dist\/[^/]+\.js$/.test(e.name)) bundles[e.name.slice('extension/'.length)] = readZipEntry(zip, e).toString('utf8');
  }
  return {
    files: ext.map((e) => ({ path: e.name.slice('extension/'.length), size: e.size })),
    bytes: statSync(file).size,
    manifest: pkg ? JSON.parse(readZipEntry(zip, pkg).toString('utf8')) : {},
    bundles,
  };
}

// What must never ship: the repository's development files.
const FORBIDDEN: { what: string; test: (p: string) => boolean }[] = [
  { what: 'node_modules', test: (p) => /(^|\/)node_modules\//.test(p) },
  { what: 'a TypeScript source', test: (p) => /\.(c|m)?tsx?$/.test(p) },
  { what: 'a source map', test: (p) => p.endsWith('.map') },
  { what: 'a test file or folder', test: (p) => /(^|\/)(tests?|__tests__|test-results|\.vscode-test)\//.test(p) || /\.test\.[cm]?[jt]s$/.test(p) },
  { what: 'a source folder', test: (p) => /^(client|server|scripts|bench|docs|examples)\//.test(p) },
  { what: 'a build or editor config', test: (p) => /^(tsconfig.*\.json|\.vscodeignore|\.gitignore|package-lock\.json|\.ci\/.*|\.git\/.*|\.vscode\/.*)$/.test(p) },
  { what: 'a packaged extension', test: (p) => p.endsWith('.vsix') },
];

const NODE_BUILTINS = new Set(builtinModules);

/** Modules a bundle requires at run time (string literals only: esbuild writes them so). */
export function requiredModules(js: string): string[] {
  const out = new Set<string>();
  for (const m of js.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) out.add(m[1]);
  return [...out].sort();
}

/** Every problem with the package, one sentence each; empty when it is right. */
export function vsixProblems(v: VsixContents): string[] {
  const problems: string[] = [];
  const paths = new Set(v.files.map((f) => f.path));
  const has = (p: string) => paths.has(p);
  const need = (p: string, why: string) => {
    if (!has(p)) problems.push(`missing ${p} (${why})`);
  };

  need('package.json', 'the manifest');
  for (const b of BUNDLES) need(b, 'a bundle');
  if (![...paths].some((p) => /^corpus\/[^/]+\.(txt|md)$/.test(p))) problems.push('missing corpus/ (the bundled sources)');
  if (![...paths].some((p) => /^syntaxes\/.+\.tmLanguage\.json$/.test(p))) problems.push('missing syntaxes/ (the grammars)');
  // vsce stores README.md as readme.md and LICENSE as LICENSE.txt.
  if (![...paths].some((p) => /^readme\.md$/i.test(p))) problems.push('missing README (readme.md)');
  if (![...paths].some((p) => /^licen[sc]e(\.(txt|md))?$/i.test(p))) problems.push('missing LICENSE');

  // Whatever the manifest points at must be in the package.
  const m = v.manifest;
  const rel = (p: string) => p.replace(/^\.\//, '');
  if (m.main) need(rel(m.main), 'the manifest\'s "main"');
  for (const [name, p] of Object.entries<string>(m.bin ?? {})) need(rel(p), `the bin "${name}"`);
  for (const g of m.contributes?.grammars ?? []) need(rel(g.path), `a grammar of contributes.grammars (${g.scopeName})`);

  for (const f of v.files) {
    const bad = FORBIDDEN.find((r) => r.test(f.path));
    if (bad) problems.push(`${f.path} should not be packaged (${bad.what})`);
  }

  // Packaged with --no-dependencies: a bundle may load only Node's own modules (and the client, vscode).
  for (const [path, js] of Object.entries(v.bundles)) {
    const allowed = (id: string) => id.startsWith('node:') || NODE_BUILTINS.has(id) || (path === 'dist/client.js' && id === 'vscode');
    const foreign = requiredModules(js).filter((id) => !allowed(id));
    if (foreign.length) problems.push(`${path} requires modules that are not packaged: ${foreign.join(', ')}`);
  }

  if (v.bytes >= MAX_VSIX_BYTES) problems.push(`the .vsix is ${v.bytes} bytes, over the limit of ${MAX_VSIX_BYTES}`);
  return problems;
}

// Folders vsce would walk file by file only to drop them all: git-ignored caches (tens of thousands of files here:
// the bench corpus, code-server) and git's own. vsce globs every file under the folder before applying .vscodeignore.
const NOT_STAGED = new Set(['node_modules', '.git', '.cache', '.vscode-test', 'test-results', 'bench-results']);

/**
 * Packs root the way `npm run package` does (vsce package --no-dependencies, the same .vscodeignore and manifest), from
 * a copy of root without the folders in NOT_STAGED, so the packing does not depend on what caches the checkout holds.
 */
export function packStaged(root: string, outFile: string): void {
  const stage = mkdtempSync(join(tmpdir(), 'verbatim-stage-'));
  try {
    for (const name of readdirSync(root)) {
      if (NOT_STAGED.has(name) || name.endsWith('.vsix')) continue;
      cpSync(join(root, name), join(stage, name), { recursive: true, verbatimSymlinks: true });
    }
    const res = spawnSync(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '-o', resolve(outFile)], {
      cwd: stage, encoding: 'utf8', timeout: 300_000,
    });
    if (res.status !== 0) throw new Error(`vsce package failed (${res.status ?? res.signal}):\n${res.stdout}\n${res.stderr}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

function main(argv: string[]): number {
  const file = argv[0] ?? 'verbatim.vsix';
  let v: VsixContents;
  try {
    v = readVsix(file);
  } catch (e) {
    console.error(`package-check: cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  for (const f of [...v.files].sort((a, b) => a.path.localeCompare(b.path))) {
    console.log(`${String(f.size).padStart(9)}  ${f.path}`);
  }
  console.log(`${String(v.bytes).padStart(9)}  ${file} (${v.files.length} files)`);
  const problems = vsixProblems(v);
  if (problems.length === 0) {
    console.log('package-check: OK');
    return 0;
  }
  for (const p of problems) console.error(`package-check: ${p}`);
  return 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
