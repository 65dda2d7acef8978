// Keeping the index current: the first indexing after `initialized`, workspace folders added or removed, settings changes (pulled through
// workspace/configuration, no restart), file watchers registered dynamically per folder, trust changes, and the open
// documents that are sources (untrusted: every one; trusted: those edited, from their unsaved text).
import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Disposable,
  type FileSystemWatcher,
} from 'vscode-languageserver';
import type { ServerContext } from './context';
import type { DiagnosticsScheduler } from './diagnostics';

export function registerSources(ctx: ServerContext, diagnostics: DiagnosticsScheduler): void {
  const { connection, workspace } = ctx;
  let watchers: Disposable | undefined;
  let watchedKey = '';

  ctx.onIndexChanged = () => {
    diagnostics.scheduleAll(0);
    ctx.warmUp.start();
    if (ctx.features.codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  async function registerWatchers(): Promise<void> {
    if (!ctx.features.watchedFilesDynamic) return;
    const watch: FileSystemWatcher[] = workspace.watchPatterns().map(({ folder, pattern }) => ({
      globPattern: ctx.features.relativePatterns ? { baseUri: folder.uri, pattern } : `${folder.path.replace(/\\/g, '/')}/${pattern}`,
    }));
    const key = JSON.stringify(watch);
    if (key === watchedKey) return;
    watchedKey = key;
    watchers?.dispose();
    watchers = undefined;
    if (watch.length) watchers = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: watch });
  }

  async function settingsChanged(change: { sourcesChanged: boolean; checkChanged: boolean } | undefined): Promise<void> {
    if (!change) return;
    if (change.checkChanged) diagnostics.scheduleAll(0);
    if (change.sourcesChanged) {
      await registerWatchers();
      await workspace.reindex({ reread: false });
    }
  }

  connection.onInitialized(async () => {
    // A folder added to the workspace is indexed and watched; a removed one's sources leave the index.
    if (ctx.features.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async ({ added, removed }) => {
        ctx.changeFolders({ added, removed });
        await ctx.pullSettings();
        await registerWatchers();
        await workspace.reindex({ reread: false });
      });
    }
    if (ctx.features.configurationDynamic) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'verbatim' });
    await ctx.pullSettings();
    await registerWatchers();
    await workspace.reindex({ reread: false });
  });

  connection.onDidChangeConfiguration(async (params) => {
    if (ctx.features.configuration) await settingsChanged(await ctx.pullSettings());
    else {
      const raw = (params.settings as { verbatim?: unknown } | undefined)?.verbatim ?? params.settings;
      await settingsChanged(ctx.applySettings(raw, new Map()));
    }
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    let changed = false;
    for (const c of changes) {
      const kind = c.type === FileChangeType.Deleted ? 'deleted' : c.type === FileChangeType.Created ? 'created' : 'changed';
      changed = (await workspace.fileChanged(c.uri, kind)) || changed;
    }
    if (changed) workspace.changedFiles();
  });

  // Untrusted: sources open in the editor are indexed from their text (nothing else is read from the workspace).
  // Trusted: a source edited in the editor is indexed from its unsaved text; a plain open (its content event follows
  // onDidOpen at once) reads nothing.
  let opening: string | undefined;
  ctx.documents.onDidOpen((e) => (opening = e.document.uri));
  ctx.documents.onDidChangeContent((e) => {
    const { uri } = e.document;
    const opened = opening === uri;
    opening = undefined;
    if (workspace.openDocument(uri, e.document.getText())) workspace.changedFiles();
    else if (!opened) workspace.editDocument(uri, () => ctx.documents.get(uri)?.getText(), () => workspace.changedFiles());
  });
  ctx.documents.onDidClose(async (e) => {
    if (workspace.closeDocument(e.document.uri)) workspace.changedFiles();
    else if (await workspace.closeEditedDocument(e.document.uri)) workspace.changedFiles();
  });

  ctx.trustChanged = async (trusted: boolean) => {
    await workspace.setTrusted(trusted);
    await registerWatchers();
  };
}
