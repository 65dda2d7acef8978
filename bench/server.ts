// What the benchmarks that drive the real language server share: starting it on a corpus folder the way VS Code
// would (documentation through completionItem/resolve), and reading a process's CPU time.
import { readFileSync } from 'node:fs';
import { TestClient, uriOf, type StartOptions } from '../test/lsp/helpers/lspClient';

/** utime + stime of a process, every thread counted, in ms (from 100 Hz clock ticks). */
export function procCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/**
 * Starts dist/server.js on `corpus` (every .md file, no bundled corpus, diagnostics without a debounce) and waits for
 * the first indexing to finish. Returns the client and the "ready" status. `start`: another build, Node flags, a
 * diagnostics debounce (ms).
 */
export async function startCorpusServer(
  corpus: string,
  cacheDir?: string,
  start: Pick<StartOptions, 'server' | 'nodeFlags' | 'diagnosticsDelay'> = {},
): Promise<{ client: TestClient; status: { sources: number; quotes: number } }> {
  const diagnosticsDelay = start.diagnosticsDelay ?? 0;
  const client = TestClient.start({ workspace: corpus, settings: { sources: ['**/*.md'], includeBundledCorpus: false }, ...start, diagnosticsDelay });
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(corpus),
    workspaceFolders: [{ uri: uriOf(corpus), name: 'corpus' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      window: { workDoneProgress: false },
      textDocument: {
        synchronization: {},
        publishDiagnostics: { relatedInformation: true, versionSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        // VS Code's (vscode-languageclient 9): documentation comes through completionItem/resolve; a list's shared
        // fields (the edit range) come once in itemDefaults.
        completion: { completionItem: { documentationFormat: ['markdown'], labelDetailsSupport: true, resolveSupport: { properties: ['documentation', 'detail'] } }, completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] }, contextSupport: true },
      },
    },
    initializationOptions: { settings: client.settings, trusted: true, diagnosticsDelay, ...(cacheDir ? { cacheDir } : {}) },
  });
  await client.connection.sendNotification('initialized', {});
  const status = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 'the first indexing', 30 * 60_000);
  return { client, status };
}
