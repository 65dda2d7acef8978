// Security guarantees that can be checked without running an editor (docs/SECURITY.md lists them all and where
// each is tested). Static checks over our sources and the built bundles: no network, no process spawning and no
// code evaluation in Verbatim's own code; only an allow-listed set of Node modules in each bundle, each with the
// reason it is there; the client renders source text untrusted; the manifest declares limited trust.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Our own code: what ships in the bundles besides dependencies. */
const OWN = [...tsFiles(join(ROOT, 'server', 'src')), ...tsFiles(join(ROOT, 'client', 'src'))];
const withoutComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** Node modules that reach the network, start programs or evaluate code. */
const FORBIDDEN_MODULES = ['child_process', 'net', 'http', 'https', 'http2', 'dns', 'tls', 'dgram', 'cluster', 'vm', 'inspector', 'worker_threads'];
/** Globals and calls that do the same without an import. */
const FORBIDDEN_CALLS: [RegExp, string][] = [
  [/\bfetch\s*\(/, 'fetch()'],
  [/\bnew\s+WebSocket\b/, 'WebSocket'],
  [/\bXMLHttpRequest\b/, 'XMLHttpRequest'],
  [/(?<![.\w])eval\s*\(/, 'eval()'],
  [/\bnew\s+Function\s*\(/, 'new Function()'],
  [/\bprocess\.binding\s*\(/, 'process.binding()'],
  [/\bprocess\.dlopen\s*\(/, 'process.dlopen()'],
  [/\b(?:require|import)\s*\(\s*(?!['"])/, 'a require()/import() of a computed name'],
];

/**
 * The exceptions, each with its reason: the analysis pool starts worker threads that run dist/analyzeWorker.js (a file
 * of ours, never code from a string), so that a huge source does not stop the server answering.
 */
const ALLOWED_IMPORTS: Record<string, string[]> = {
  'server/src/node/analysisPool.ts': ['worker_threads'],
  'server/src/node/analyzeWorker.ts': ['worker_threads'],
};

test('our sources (server/src, client/src) import no network, process or eval module and call none of their globals', () => {
  assert.ok(OWN.length > 10, 'found the sources');
  const offenders: string[] = [];
  for (const file of OWN) {
    const src = withoutComments(readFileSync(file, 'utf8'));
    const specs = [...src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g)].map(
      (m) => m[1] ?? m[2] ?? m[3] ?? m[4],
    );
    for (const spec of specs) {
      const name = spec.replace(/^node:/, '').split('/')[0];
      if (FORBIDDEN_MODULES.includes(name) && !ALLOWED_IMPORTS[relative(ROOT, file)]?.includes(name)) offenders.push(`${relative(ROOT, file)} imports "${spec}"`);
    }
    // A worker runs a file of ours, never code built from a string.
    if (/\beval\s*:\s*true\b/.test(src)) offenders.push(`${relative(ROOT, file)} starts a worker from a string (eval: true)`);
    for (const [re, what] of FORBIDDEN_CALLS) if (re.test(src)) offenders.push(`${relative(ROOT, file)} uses ${what}`);
  }
  assert.deepEqual(offenders, []);
});

/**
 * Node built-ins each bundle may load, and why. Anything else (http, https, dns, tls, …) fails the test.
 * child_process and net come from the LSP libraries; the comments say which code and why Verbatim never reaches
 * the network through them.
 */
const BUNDLE_ALLOW: Record<string, Record<string, string>> = {
  'dist/cli.js': {
    fs: 'reads sources and drafts',
    path: 'paths',
    url: 'file URLs',
    util: 'parseArgs',
    buffer: 'bytes of files',
    process: 'argv, exit code (also the yaml package)',
    os: 'the number of cores, for the analysis pool',
    worker_threads: 'the analysis pool: sources analysed in dist/analyzeWorker.js',
    crypto: "the index cache (--cache): a hash of the analysing code names the cache's version",
  },
  'dist/analyzeWorker.js': {
    fs: 'reads sources',
    buffer: 'bytes of files',
    process: 'the yaml package',
    url: "the build's import.meta.url shim",
    worker_threads: 'its message port to the server or the CLI',
  },
  'dist/server.js': {
    fs: 'reads sources',
    path: 'paths',
    url: 'file URIs',
    util: 'text decoding, inspect',
    buffer: 'bytes of files',
    process: 'the yaml package',
    os: 'vscode-jsonrpc: temp folder for pipe names',
    crypto: "vscode-jsonrpc: random pipe names; the index cache: a hash of the analysing code names the cache's version",
    module: 'tinyglobby/fdir: createRequire for an optional picomatch',
    net: 'vscode-jsonrpc node transports: a named pipe or a socket to 127.0.0.1, used only when the editor starts the server with --pipe or --socket',
    child_process: 'vscode-languageserver Files.resolveGlobalNodePath/resolveModulePath (runs "npm config get prefix"); Verbatim never calls them (checked below)',
    worker_threads: 'the analysis pool: sources analysed in dist/analyzeWorker.js, so a huge one does not stop the server answering',
    v8: "lsp/idleMemory.ts, node/youngGeneration.ts, node/smallHeap.ts: the heap's sizes and V8's growth settings",
    perf_hooks: 'node/smallHeap.ts: told after each garbage collection, to keep a small heap tight',
  },
  'dist/client.js': {
    vscode: 'the editor API',
    fs: 'vscode-languageclient',
    path: 'paths',
    url: 'file URIs',
    util: 'vscode-languageclient',
    os: 'vscode-jsonrpc: temp folder for pipe names',
    crypto: 'vscode-jsonrpc: random pipe names',
    net: 'vscode-jsonrpc node transports; Verbatim talks to its server over IPC (TransportKind.ipc)',
    child_process: 'vscode-languageclient starts the language server as a Node child process',
  },
};

test('each bundle loads only allow-listed Node modules and has no fetch, WebSocket, eval or new Function', (t) => {
  const built = Object.keys(BUNDLE_ALLOW).filter((b) => existsSync(join(ROOT, b)));
  if (built.length === 0) return t.skip('dist/ is not built (npm test builds it first); the source check above still ran');
  const builtins = new Set(builtinModules.map((m) => m.replace(/^node:/, '')));
  const offenders: string[] = [];
  for (const bundle of built) {
    const code = readFileSync(join(ROOT, bundle), 'utf8');
    const required = new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1].replace(/^node:/, '').split('/')[0]));
    for (const name of required) {
      if (!builtins.has(name) && name !== 'vscode') {
        // A package left outside the bundle would have to be installed beside it: only optional requires may do so.
        if (name !== 'picomatch') offenders.push(`${bundle} requires the package "${name}" at run time`);
        continue;
      }
      if (!(name in BUNDLE_ALLOW[bundle])) offenders.push(`${bundle} loads the Node module "${name}", which is not allow-listed`);
    }
    for (const [re, what] of FORBIDDEN_CALLS.slice(0, 7)) if (re.test(code)) offenders.push(`${bundle} uses ${what}`);
    t.diagnostic(`${bundle}: ${[...required].sort().join(', ')}`);
  }
  assert.deepEqual(offenders, []);
});

test('the LSP library code that would start a program is never called by Verbatim', () => {
  const offenders = OWN.filter((f) => /\bFiles\s*\.\s*resolve|\bresolveGlobal(?:Node|Yarn)Path\b|\bresolveModulePath\b/.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders.map((f) => relative(ROOT, f)), []);
});

test('the client renders source text as untrusted Markdown without HTML, and never trusts a MarkdownString', () => {
  const client = tsFiles(join(ROOT, 'client', 'src'));
  const all = client.map((f) => [relative(ROOT, f), withoutComments(readFileSync(f, 'utf8'))] as const);
  const options = all.find(([, src]) => /markdown\s*:\s*\{/.test(src));
  assert.ok(options, 'the client sets LanguageClientOptions.markdown');
  assert.match(options[1], /markdown\s*:\s*\{\s*isTrusted\s*:\s*false\s*,\s*supportHtml\s*:\s*false\s*\}/);
  const offenders: string[] = [];
  for (const [file, src] of all) {
    if (/isTrusted\s*[:=](?!\s*false\b)/.test(src.replace(/workspace\.isTrusted/g, ''))) offenders.push(`${file} sets isTrusted`);
    if (/supportHtml\s*[:=]\s*true|supportThemeIcons\s*[:=]\s*true/.test(src)) offenders.push(`${file} enables HTML or theme icons in Markdown`);
    if (/new\s+vscode\.MarkdownString\(\s*[^)\s]/.test(src)) offenders.push(`${file} builds a MarkdownString from a value (use appendText)`);
    if (/\.appendMarkdown\(/.test(src)) offenders.push(`${file} appends raw Markdown (source text must go through appendText)`);
  }
  assert.deepEqual(offenders, []);
});

test('the manifest declares limited support in untrusted workspaces and none in virtual ones', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, 'limited');
  assert.match(pkg.capabilities.untrustedWorkspaces.description, /bundled corpus and open documents/);
  assert.equal(pkg.capabilities?.virtualWorkspaces, false);
  // A setting in restrictedConfigurations must exist; the server ignores verbatim.sources when untrusted anyway.
  for (const key of pkg.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])
    assert.ok(key in (pkg.contributes?.configuration?.properties ?? {}), `restrictedConfigurations names an unknown setting ${key}`);
  // No command contributed by Verbatim runs a shell or a task.
  for (const c of pkg.contributes?.commands ?? []) assert.match(c.command, /^verbatim\./);
  assert.equal(pkg.contributes?.taskDefinitions, undefined);
});
