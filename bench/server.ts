// What the benchmarks that drive the real language server share: starting it on a corpus folder the way VS Code
// would (documentation through completionItem/resolve), and reading a process's CPU time and memory from /proc.
import { readFileSync } from 'node:fs';
import { TestClient, uriOf, type StartOptions } from '../test/lsp/helpers/lspClient';

/** utime + stime of a process (every thread counted) or of one of its threads, in ms (from 100 Hz clock ticks). */
export function procCpuMs(pid: number, tid?: number): number {
  const f = statFields(pid, tid);
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/** Minor page faults of a process so far (fresh memory is dear on a VM: about 12 µs each on the benchmark machine). */
export function procMinorFaults(pid: number): number {
  return Number(statFields(pid)[7]);
}

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces): field 3 of proc(5) is [0]. */
function statFields(pid: number, tid?: number): string[] {
  const file = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
  return readFileSync(file, 'utf8').split(') ')[1].split(' ');
}

/** A process's resident memory now and at its peak, in MB, and its threads (from /proc/<pid>/status). */
export function procMemory(pid: number): { rssMb: number; peakMb: number; threads: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? NaN);
  return { rssMb: field('VmRSS') / 1024, peakMb: field('VmHWM') / 1024, threads: field('Threads') };
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
