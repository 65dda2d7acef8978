// Verbatim's own LSP messages, declared once and used by the server and the VS Code client (and the tests).
// Any LSP client can use them: they are plain JSON-RPC requests and notifications.
import { NotificationType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';

/** What the client passes in `initializationOptions`. Every field is optional. */
export interface InitializationOptions {
  /** The `verbatim` settings section (nested as VS Code gives it, or flat dotted keys). */
  settings?: unknown;
  /** false in an untrusted (restricted) workspace: only the bundled corpus and open documents are read. Default true. */
  trusted?: boolean;
  /** Milliseconds between the last edit and the diagnostics (default 150). For tests and benchmarks. */
  diagnosticsDelay?: number;
  /** Milliseconds of indexing before progress is shown (default 500). For tests. */
  progressDelay?: number;
  /**
   * A folder where the server may keep its index cache (the analysed sources), so that a restart does not analyse
   * every source again. VS Code's client passes the extension's workspace storage. No cache when absent.
   */
  cacheDir?: string;
}

export interface StatusParams {
  state: 'indexing' | 'ready';
  sources: number;
  quotes: number;
  speakers: number;
  entities: number;
  /** Files that could not be indexed (unreadable, binary, too large). */
  problems: number;
  trusted: boolean;
  /** A short sentence for a tooltip, e.g. "Restricted mode: only the bundled corpus is read". */
  message?: string;
}

export interface QuoteSummary {
  id: number;
  text: string;
  speaker: string | null;
  kind: 'statement' | 'fragment';
  /** Range of the words in the source file. */
  range: Range;
  /** The quotation with its marks and attribution, ready to insert into a draft. */
  insertText: string;
}

export interface SourceSummary {
  id: string;
  title?: string;
  outlet?: string;
  date?: string;
  /** file:// URI of the source (or whatever URI the host gave). */
  uri: string;
  bundled: boolean;
  quotes: QuoteSummary[];
}

/** Server → client whenever the index changes or indexing starts. */
export const StatusNotification = new NotificationType<StatusParams>('verbatim/status');
/** Client → server: the current status. */
export const StatusRequest = new RequestType0<StatusParams, void>('verbatim/status');
/** Client → server: every source with its quotes (Sources view, Insert Quote, Open Source). */
export const ListSourcesRequest = new RequestType0<SourceSummary[], void>('verbatim/listSources');
/** Client → server: read every source again. Resolves when done. */
export const ReindexRequest = new RequestType0<StatusParams, void>('verbatim/reindex');
/** Client → server: the workspace was trusted (or not) after start. */
export const SetTrustedNotification = new NotificationType<{ trusted: boolean }>('verbatim/setTrusted');

/** The command other editors can run through workspace/executeCommand to re-index. */
export const REINDEX_COMMAND = 'verbatim.server.reindex';

/**
 * Node flags the client starts the server with. --expose-gc: the server gives back V8's grown young generation once
 * it is quiet (lsp/idleMemory.ts), which takes V8's gc(). The tests and benchmarks start it with the same flags.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--expose-gc'];
