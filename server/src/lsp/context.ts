// What every handler shares: the connection, the open documents, the sources, the draft analyses, the settings and
// what the client can do. Created once in server.ts.
import {
  MessageType,
  ShowMessageNotification,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type TextDocuments,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, parseSettings, type VerbatimSettings } from '../settings';
import type { InitializationOptions } from '../protocol';
import { StatusNotification } from '../protocol';
import { DraftAnalyzer } from './analysis';
import type { MarkupKindName } from './markdown';
import { WarmUp } from './warmUp';
import { SourceWorkspace, uriToPath, type Folder } from './workspace';

export interface ClientFeatures {
  hoverMarkdown: boolean;
  completionMarkdown: boolean;
  configuration: boolean;
  watchedFilesDynamic: boolean;
  relativePatterns: boolean;
  configurationDynamic: boolean;
  workDoneProgress: boolean;
  codeLensRefresh: boolean;
  hierarchicalSymbols: boolean;
  /** The client resolves completion items' documentation lazily. */
  completionResolveDocs: boolean;
  /** The client reads a completion list's shared edit range (`itemDefaults.editRange`, LSP 3.17). */
  completionEditRange: boolean;
  /** The client has workspace folders (and tells the server when they change). */
  workspaceFolders: boolean;
}

export function clientFeatures(c: ClientCapabilities): ClientFeatures {
  const md = (formats: string[] | undefined) => !formats || formats.includes('markdown');
  return {
    hoverMarkdown: md(c.textDocument?.hover?.contentFormat),
    completionMarkdown: md(c.textDocument?.completion?.completionItem?.documentationFormat),
    configuration: !!c.workspace?.configuration,
    watchedFilesDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    relativePatterns: !!c.workspace?.didChangeWatchedFiles?.relativePatternSupport,
    configurationDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    workDoneProgress: !!c.window?.workDoneProgress,
    codeLensRefresh: !!c.workspace?.codeLens?.refreshSupport,
    hierarchicalSymbols: !!c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    completionResolveDocs: !!c.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes('documentation'),
    completionEditRange: !!c.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange'),
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}

const LANGUAGE_ALIASES: Record<string, string> = { text: 'plaintext', txt: 'plaintext', markdown: 'markdown', md: 'markdown', 'gfm': 'markdown' };

export class ServerContext {
  features: ClientFeatures = clientFeatures({});
  settings: VerbatimSettings = DEFAULT_SETTINGS;
  readonly workspace: SourceWorkspace;
  readonly analyzer: DraftAnalyzer;
  /** Builds what completion, hover and the check need, between requests, once the index is ready. */
  readonly warmUp: WarmUp;
  /** Milliseconds between an edit and its diagnostics. */
  diagnosticsDelay = 150;
  /** Called when the index changed (set by diagnostics.ts). */
  onIndexChanged: () => void = () => undefined;
  /** Called when the client reports a change of workspace trust (set by sources.ts). */
  trustChanged: (trusted: boolean) => Promise<void> = async () => undefined;

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
  ) {
    this.workspace = new SourceWorkspace({
      log: (m) => connection.console.log(m),
      // window/showMessage (a notification): nothing to answer, and clients without showMessageRequest still show it.
      showMessage: (type, message) =>
        void connection.sendNotification(ShowMessageNotification.type, { type: type === 'warning' ? MessageType.Warning : MessageType.Info, message }),
      beginProgress: async (title) => {
        if (!this.features.workDoneProgress) return undefined;
        const p = await connection.window.createWorkDoneProgress();
        p.begin(title, 0, undefined, false);
        return { report: (pct, msg) => p.report(pct, msg), done: () => p.done() };
      },
      onStatus: (s) => void connection.sendNotification(StatusNotification, s),
      onIndexChanged: () => this.onIndexChanged(),
    });
    this.analyzer = new DraftAnalyzer(this.workspace.index, this.settings, (m) => connection.console.error(m));
    this.warmUp = new WarmUp(this.workspace.index, { log: (m) => connection.console.log(m), paused: () => this.workspace.state === 'indexing' });
  }

  get index() {
    return this.workspace.index;
  }

  hoverKind(): MarkupKindName {
    return this.features.hoverMarkdown ? 'markdown' : 'plaintext';
  }

  completionKind(): MarkupKindName {
    return this.features.completionMarkdown ? 'markdown' : 'plaintext';
  }

  initialize(params: InitializeParams): void {
    this.features = clientFeatures(params.capabilities);
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof init.diagnosticsDelay === 'number' && init.diagnosticsDelay >= 0) this.diagnosticsDelay = init.diagnosticsDelay;
    if (typeof init.progressDelay === 'number' && init.progressDelay >= 0) this.workspace.progressAfterMs = init.progressDelay;
    if (typeof init.cacheDir === 'string' && init.cacheDir) {
      this.workspace.cacheDir = init.cacheDir;
      void this.workspace.openCache();
    }
    this.workspace.trusted = init.trusted !== false;
    const folders = toFolders(params.workspaceFolders ?? []);
    if (!folders.length && params.rootUri) {
      const p = uriToPath(params.rootUri);
      if (p) folders.push({ uri: params.rootUri, path: p, name: p.split(/[\\/]/).pop() ?? p });
    }
    this.workspace.folders = folders;
    this.applySettings(init.settings, new Map());
  }

  /** Applies workspace/didChangeWorkspaceFolders; the caller pulls settings and re-indexes. */
  changeFolders(change: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(toFolders(change.removed).map((f) => f.path));
    const kept = this.workspace.folders.filter((f) => !removed.has(f.path));
    for (const f of toFolders(change.added)) if (!kept.some((k) => k.path === f.path)) kept.push(f);
    for (const path of removed) this.workspace.folderSources.delete(path);
    this.workspace.folders = kept;
  }

  /** Takes new settings; returns what changed so callers re-index or recheck only as needed. */
  applySettings(raw: unknown, perFolder: Map<string, unknown>): { sourcesChanged: boolean; checkChanged: boolean } {
    const { settings, problems } = parseSettings(raw);
    for (const p of problems) this.connection.console.warn(`Verbatim: ${p}`);
    const before = this.settings;
    const beforeFolders = JSON.stringify([...this.workspace.folderSources]);
    this.workspace.folderSources.clear();
    for (const [folder, rawFolder] of perFolder) this.workspace.folderSources.set(folder, parseSettings(rawFolder).settings.sources);
    this.settings = settings;
    this.workspace.settings = settings;
    this.analyzer.setSettings(settings);
    const sourcesChanged =
      JSON.stringify(before.sources) !== JSON.stringify(settings.sources) ||
      before.includeBundledCorpus !== settings.includeBundledCorpus ||
      beforeFolders !== JSON.stringify([...this.workspace.folderSources]);
    const checkChanged =
      JSON.stringify([before.severity, before.unverifiedQuote, before.languages]) !==
      JSON.stringify([settings.severity, settings.unverifiedQuote, settings.languages]);
    return { sourcesChanged, checkChanged };
  }

  /** Pulls the `verbatim` section (global and per folder) when the client supports workspace/configuration. */
  async pullSettings(): Promise<{ sourcesChanged: boolean; checkChanged: boolean } | undefined> {
    if (!this.features.configuration) return undefined;
    const folders = this.workspace.folders;
    const items = [{ section: 'verbatim' }, ...folders.map((f) => ({ section: 'verbatim', scopeUri: f.uri }))];
    let values: unknown[];
    try {
      values = await this.connection.workspace.getConfiguration(items);
    } catch (e) {
      this.connection.console.warn(`Verbatim: workspace/configuration failed: ${String(e)}`);
      return undefined;
    }
    const perFolder = new Map<string, unknown>();
    folders.forEach((f, i) => {
      const v = values[i + 1];
      if (v && typeof v === 'object') perFolder.set(f.path, v);
    });
    return this.applySettings(values[0], perFolder);
  }

  /** A document Verbatim checks: a configured language, and not itself an indexed source. */
  isDraft(doc: TextDocument): boolean {
    // Neovim and Emacs call plain text "text"; VS Code calls it "plaintext".
    const language = LANGUAGE_ALIASES[doc.languageId] ?? doc.languageId;
    if (!this.settings.languages.includes(language) && !this.settings.languages.includes(doc.languageId)) return false;
    const file = uriToPath(doc.uri);
    return !(file && this.index.sourceByPath(file));
  }

  draft(uri: string): TextDocument | undefined {
    const doc = this.documents.get(uri);
    return doc && this.isDraft(doc) ? doc : undefined;
  }
}

/** Workspace folders with a file path (other schemes cannot hold sources Verbatim reads). */
function toFolders(folders: readonly WorkspaceFolder[]): Folder[] {
  const out: Folder[] = [];
  for (const f of folders) {
    const p = uriToPath(f.uri);
    if (p) out.push({ uri: f.uri, path: p, name: f.name });
  }
  return out;
}
