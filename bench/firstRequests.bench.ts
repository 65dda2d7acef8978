// The first requests after a start from the index cache, through the real server: the first check of a draft, then
// the first completion and the first hovers, which pay for whatever is not built yet. With --wait, the completion is
// asked for once the server says its background build is done (lsp/warmUp.ts), as when a writer starts a quotation a
// few seconds after opening the editor; without it, right after the first check. Prints one line per run; never asserts.
//   node --import tsx bench/firstRequests.bench.ts --scale 1 --runs 3 [--wait] [--logs] [--server dist/server.js] [--cache DIR]
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { uriOf } from '../test/lsp/helpers/lspClient';
import { ensureCorpus } from './corpus';
import { procCpuMs, startCorpusServer } from './server';
import { timeDiagnostics } from './serverWorkload';
import { arg } from './args';

const scale = Number(arg('scale', '1'));
const runs = Number(arg('runs', '3'));
const wait = process.argv.includes('--wait');
const showLogs = process.argv.includes('--logs');
const server = resolve(arg('server', join(__dirname, '..', 'dist', 'server.js'))!);
const cacheDir = resolve(arg('cache', join(tmpdir(), `verbatim-first-requests-x${scale}`))!);

async function once(corpus: string): Promise<string> {
  const t0 = performance.now();
  const { client } = await startCorpusServer(corpus, cacheDir, { server });
  const ready = performance.now() - t0;
  const pid = client.proc.pid!;
  try {
    let cpu = procCpuMs(pid);
    const check = await timeDiagnostics(client, '“The economy will grow faster than expected this year,” the minister said.\n');
    const checkCpu = procCpuMs(pid) - cpu;
    const t1 = performance.now();
    const warmed = wait ? await client.waitFor(() => client.logs.find((l) => /built in the background/.test(l)), 'the background build', 30 * 60_000) : undefined;
    const waited = performance.now() - t1;
    const uri = uriOf(join(tmpdir(), `verbatim-first-requests-${process.pid}.md`));
    const text = 'He said “We will';
    client.open(uri, text);
    cpu = procCpuMs(pid);
    let t = performance.now();
    const list = await client.request<{ items: unknown[] } | null>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.length }, context: { triggerKind: 1 } });
    const completion = performance.now() - t;
    const completionCpu = procCpuMs(pid) - cpu;
    client.change(uri, 2, [{ text: 'Tony Blair said.' }]);
    t = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    const hover = performance.now() - t;
    const f = (x: number) => x.toFixed(0).padStart(6);
    if (showLogs) console.log(client.logs.filter((l) => !/: information: /.test(l)).join('\n'));
    return `ready ${f(ready)} ms  first check ${f(check)} ms (CPU ${f(checkCpu)})  ${wait ? `waited ${f(waited)} ms  ` : ''}first completion ${f(completion)} ms (CPU ${f(completionCpu)}, ${list?.items.length ?? 0} items)  first name hover ${f(hover)} ms${warmed ? `\n  ${warmed}` : ''}`;
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  const corpus = ensureCorpus(scale).dir;
  mkdirSync(cacheDir, { recursive: true });
  // The first start fills the cache when it is empty (a cold start): not counted.
  console.log(`filling/reading ${cacheDir}: ${await once(corpus)}`);
  for (let i = 0; i < runs; i++) console.log(await once(corpus));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
