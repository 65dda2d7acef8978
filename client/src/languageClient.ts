// Starts the Verbatim language server (node-ipc) with the settings and the workspace trust, and restarts the client
// when `verbatim.languages` changes (the document selector is fixed at start; every other setting is pulled by the
// server through workspace/configuration without a restart).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS, SetTrustedNotification, type InitializationOptions } from '../../server/src/protocol';
import { parseSettings } from '../../server/src/settings';

export function settingsObject(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('verbatim')));
}

function clientOptions(context: vscode.ExtensionContext): LanguageClientOptions {
  const { settings } = parseSettings(settingsObject());
  // The index cache (analysed sources) lives in the extension's storage for this workspace (or the global one).
  const cacheDir = (context.storageUri ?? context.globalStorageUri)?.fsPath;
  const initializationOptions: InitializationOptions = { settings: settingsObject(), trusted: vscode.workspace.isTrusted, ...(cacheDir ? { cacheDir } : {}) };
  return {
    documentSelector: settings.languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    initializationOptions,
    // Hovers and completion documentation hold source text: never trusted, never HTML.
    markdown: { isTrusted: false, supportHtml: false },
  };
}

export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  let restartPolicy: ErrorHandler | undefined;
  const client = new LanguageClient('verbatim', 'Verbatim', serverOptions, { ...clientOptions(context), errorHandler: restartOnExit(() => restartPolicy) });
  restartPolicy = client.createDefaultErrorHandler();
  return client;
}

/**
 * A server that dies makes every message in flight fail (EPIPE) until its exit is seen, and the default handler shuts
 * the client down after three such errors: a crash while the writer typed left them without a server. Here the errors
 * are logged and the exit decides, with the default policy (restart, at most four times in three minutes). A
 * connection that keeps failing without ever closing is shut down.
 */
function restartOnExit(restartPolicy: () => ErrorHandler | undefined): ErrorHandler {
  return {
    error: (error, _message, count) =>
      (count ?? 0) <= 100
        ? { action: ErrorAction.Continue, message: `Verbatim: a message to the language server failed (${error.message}).`, handled: true }
        : { action: ErrorAction.Shutdown },
    closed: () => restartPolicy()?.closed() ?? { action: CloseAction.DoNotRestart },
  };
}

/** Keeps the client in step with trust and the languages setting. `replace` swaps in a new client. */
export function watchClientSettings(
  context: vscode.ExtensionContext,
  current: () => LanguageClient,
  replace: (next: LanguageClient) => Promise<void>,
): void {
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => void current().sendNotification(SetTrustedNotification, { trusted: true })),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('verbatim.languages')) return;
      await current().stop();
      await replace(createClient(context));
    }),
  );
}
