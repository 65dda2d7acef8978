// A plain LSP client over JSON-RPC for the protocol tests and the benchmark: spawns the built dist/server.js with
// --stdio or forks it with --node-ipc, answers the server's requests (configuration, registrations, progress), records
// what it publishes, and waits for conditions with a deadline (never a fixed sleep).
import { spawn, fork, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  InitializeResult,
  PublishDiagnosticsParams,
  Registration,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { SERVER_NODE_FLAGS, type StatusParams } from '../../../server/src/protocol';

export const ROOT = join(__dirname, '..', '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'lsp');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

/** Builds the bundles when dist/server.js is missing or older than the server sources (one build at a time). */
export function ensureBuilt(): void {
  const fresh = () => existsSync(SERVER) && statSync(SERVER).mtimeMs >= newestMtime(join(ROOT, 'server', 'src'));
  if (fresh()) return;
  const lock = join(ROOT, 'dist', '.build-lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('ensureBuilt: dist/.build-lock held for 60 s');
      spawnSync(process.execPath, ['-e', 'setTimeout(()=>{},100)']); // another test file is building: wait for it
      if (fresh()) return;
    }
  }
  try {
    if (fresh()) return;
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmdirSync(lock);
  }
}

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface StartOptions {
  transport?: 'stdio' | 'ipc';
  /** Workspace folder (absolute path). */
  workspace?: string;
  /** The `verbatim` section answered to workspace/configuration (and passed in initializationOptions). */
  settings?: Record<string, unknown>;
  trusted?: boolean;
  diagnosticsDelay?: number;
  progressDelay?: number;
  capabilities?: ClientCapabilities;
  /** Another build of the server to run (a benchmark comparing builds); default dist/server.js. */
  server?: string;
  /** Node flags for the server (a benchmark comparing V8 settings); default SERVER_NODE_FLAGS, as the VS Code client starts it. */
  nodeFlags?: readonly string[];
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceFolders: true,
    codeLens: { refreshSupport: true },
    symbol: {},
  },
  window: { workDoneProgress: true, showMessage: {} },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], labelDetailsSupport: true }, contextSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
  },
};

export class TestClient {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly statuses: StatusParams[] = [];
  readonly registrations: Registration[] = [];
  readonly progress: { token: unknown; value: { kind: string; title?: string; message?: string } }[] = [];
  readonly serverRequests: string[] = [];
  settings: Record<string, unknown>;
  private readonly waiters = new Set<() => void>();
  private exited: { code: number | null; signal: string | null } | undefined;
  private stderr = '';

  private constructor(
    readonly proc: ChildProcess,
    connection: MessageConnection,
    readonly options: StartOptions,
  ) {
    this.connection = connection;
    this.settings = options.settings ?? {};
    proc.stderr?.on('data', (d) => (this.stderr += String(d)));
    proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.poke();
    });
    const c = connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, [...(this.diagnostics.get(p.uri) ?? []), p]);
      this.poke();
    });
    c.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.messages.push(p);
      this.poke();
    });
    c.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.poke();
    });
    c.onNotification('verbatim/status', (p: StatusParams) => {
      this.statuses.push(p);
      this.poke();
    });
    c.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => {
      this.progress.push(p);
      this.poke();
    });
    c.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => {
      this.serverRequests.push('workspace/configuration');
      return p.items.map(() => this.settings);
    });
    c.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      this.registrations.push(...p.registrations);
      this.serverRequests.push('client/registerCapability');
      this.poke();
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => {
      this.serverRequests.push('window/workDoneProgress/create');
      return null;
    });
    c.onRequest('workspace/codeLens/refresh', () => {
      this.serverRequests.push('workspace/codeLens/refresh');
      this.poke();
      return null;
    });
    c.listen();
  }

  static start(options: StartOptions = {}): TestClient {
    if (!options.server) ensureBuilt();
    const server = options.server ?? SERVER;
    const transport = options.transport ?? 'stdio';
    const flags = options.nodeFlags ?? SERVER_NODE_FLAGS;
    let proc: ChildProcess;
    let connection: MessageConnection;
    if (transport === 'stdio') {
      proc = spawn(process.execPath, [...flags, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    } else {
      proc = fork(server, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [...flags] });
      connection = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    }
    return new TestClient(proc, connection, options);
  }

  async initialize(): Promise<InitializeResult> {
    const ws = this.options.workspace;
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: ws ? uriOf(ws) : null,
      workspaceFolders: ws ? [{ uri: uriOf(ws), name: ws.split('/').pop() }] : null,
      capabilities: this.options.capabilities ?? DEFAULT_CAPABILITIES,
      initializationOptions: {
        settings: this.settings,
        trusted: this.options.trusted ?? true,
        diagnosticsDelay: this.options.diagnosticsDelay ?? 20,
        progressDelay: this.options.progressDelay,
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  /** Starts, initializes and waits until the first indexing is done. */
  static async ready(options: StartOptions = {}): Promise<{ client: TestClient; init: InitializeResult }> {
    const client = TestClient.start(options);
    const init = await client.initialize();
    await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 'the first indexing to finish');
    return { client, init };
  }

  private poke(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with the first truthy value of `check`, re-evaluated on every message from the server. */
  waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const tryIt = () => {
        let v: T | undefined | null | false;
        try {
          v = check();
        } catch (e) {
          done();
          reject(e);
          return;
        }
        if (v) {
          done();
          resolve(v);
        } else if (this.exited) {
          done();
          reject(new Error(`server exited (${JSON.stringify(this.exited)}) while waiting for ${what}\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nlogs: ${this.logs.join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(tryIt);
      };
      this.waiters.add(tryIt);
      tryIt();
    });
  }

  /** The diagnostics published for this exact version. */
  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(() => this.diagnostics.get(uri)?.find((d) => d.version === version), `diagnostics of ${uri} v${version}`);
  }

  open(uri: string, text: string, languageId = 'markdown', version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params?: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  /** shutdown + exit, then make sure the process is gone. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        this.notify('exit');
      } catch {
        // already gone
      }
      await Promise.race([new Promise<void>((r) => (this.exited ? r() : this.proc.once('exit', () => r()))), new Promise((r) => setTimeout(r, 2000))]);
    }
    if (!this.exited) this.proc.kill('SIGKILL');
    this.connection.dispose();
  }
}

/** Line/character of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The end of the text as a position. */
export function endOf(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** A server on `workspace` with its index cache in `cacheDir` (default settings), once its first indexing is done. */
export async function startWithCache(workspace: string, cacheDir: string): Promise<{ client: TestClient; status: StatusParams }> {
  const client = TestClient.start({ workspace });
  await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uriOf(workspace),
    workspaceFolders: [{ uri: uriOf(workspace), name: 'ws' }],
    capabilities: {},
    initializationOptions: { settings: {}, cacheDir },
  });
  await client.connection.sendNotification('initialized', {});
  const status = await client.waitFor(() => client.statuses.find((s) => s.state === 'ready'), 'ready');
  return { client, status };
}
